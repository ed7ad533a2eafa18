// Structured JSON logs (pino). Credentials never reach the log, whatever object carries them.
import { pino, type Level, type Logger } from 'pino';
import { activeTraceIds, isTracingEnabled } from './spans.js';

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

/**
 * While a span is active, every line carries its `traceId` and `spanId` (the collector's ids).
 * A new object each time: pino merges the line's own fields into it.
 */
const traceFields = () => activeTraceIds() ?? {};

/**
 * JSON lines on stdout. Written asynchronously: lines logged while a write is in progress go
 * out together with the next one (one write per batch, not one system call per line, which
 * under load was a tenth of the API's time); pino flushes what is pending when the process exits.
 */
export function createLogger(options: { level: Level | 'silent' }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'aeo-audit-api' },
      // Only with tracing on (src/instrument.ts starts it before any logger is made): no call per line otherwise.
      ...(isTracingEnabled() ? { mixin: traceFields } : {}),
    },
    pino.destination({ dest: 1, sync: false }),
  );
}
