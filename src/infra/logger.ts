// Structured JSON logs (pino). Credentials never reach the log, whatever object carries them.
import type { FastifyBaseLogger } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';

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

/** The logging interface the app codes against: what pino and Fastify's request loggers share. */
export type AppLogger = FastifyBaseLogger;

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'aeo-audit-api' },
  });
}
