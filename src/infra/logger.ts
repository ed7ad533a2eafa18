// Structured JSON logs (pino). Credentials never reach the log, whatever object carries them.
import { pino, type Level, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.refreshToken',
  '*.accessToken',
  '*.secret',
  '*.apiKey',
  '*.authorization',
];

export function createLogger(options: { level: Level | 'silent' }): Logger {
  return pino({
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'aeo-audit-api' },
  });
}
