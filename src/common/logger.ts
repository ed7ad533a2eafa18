// The logging interface the app codes against: what pino loggers and Fastify's request
// loggers share (infra/logger.ts creates them).
import type { BaseLogger, Bindings } from 'pino';

export interface AppLogger extends Pick<
  BaseLogger,
  'level' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
> {
  child(bindings: Bindings): AppLogger;
}
