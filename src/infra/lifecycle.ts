// Orderly start and stop for the API and worker processes: what was opened is closed in reverse
// order on SIGTERM/SIGINT and also when start-up fails half-way (an embedded PostgreSQL must
// not outlive a process that could not bind its port).
import type { AppLogger } from '../common/logger.js';
import { flushTracing } from './spans.js';

const FORCE_EXIT_AFTER_MS = 30_000;

/**
 * What made start-up fail, for one line on stderr: the message and its causes. Some errors say
 * nothing themselves (a refused connection to every address is an AggregateError without a
 * message; a library may reject with `undefined`): their parts, code or kind say it instead.
 * `stack` adds where it happened, for errors that do not explain themselves.
 */
export function describeFailure(error: unknown, { stack = false } = {}): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth++) {
    parts.push(describeOne(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  const text =
    parts.filter(Boolean).join('; caused by: ') ||
    'an error that carried no description (rejected with nothing)';
  const where = stack && error instanceof Error ? error.stack?.split('\n').slice(1).join('\n') : '';
  return where ? `${text}\n${where}` : text;
}

function describeOne(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) {
    const inner = [...new Set(error.errors.map((item) => describeOne(item)))].join('; ');
    return error.message ? `${error.message} (${inner})` : inner;
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message || (typeof code === 'string' ? code : '') || error.name;
    return message;
  }
  if (error === null || error === undefined) return '';
  return typeof error === 'string' ? error : JSON.stringify(error);
}

type Closer = () => unknown;

/** Where whatever is opened registers how to close it (the composition root uses one). */
export interface StopRegistry {
  /** Runs `close` at stop, before everything registered earlier. */
  onStop(close: Closer): void;
}

/**
 * Closes in reverse order of opening; every closer runs even when one fails. What opens while
 * closing is closed too (a signal during start-up): before the rest, or at once when all is closed.
 */
export class Closers implements StopRegistry {
  private readonly closers: Closer[] = [];
  private closed = false;

  onStop(close: Closer): void {
    if (this.closed)
      void Promise.resolve()
        .then(close)
        .catch(() => undefined);
    else this.closers.unshift(close);
  }

  /** Runs every closer once; rejects with the first error after all ran. */
  async close(onError: (error: unknown) => void = () => undefined): Promise<void> {
    let first: unknown;
    for (let close = this.closers.shift(); close; close = this.closers.shift()) {
      try {
        await close();
      } catch (error) {
        onError(error);
        first ??= error;
      }
    }
    this.closed = true;
    if (first !== undefined)
      throw first instanceof Error ? first : new Error('a closer failed', { cause: first });
  }
}

export class Lifecycle implements StopRegistry {
  private readonly closers = new Closers();
  private stopping = false;

  /** Until the app's logger exists (configuration is read first), messages go to stderr. */
  private log: (message: string, error?: unknown) => void = (message, error) =>
    console.error(message, error ?? '');

  useLogger(logger: AppLogger): void {
    this.log = (message, error) => (error ? logger.error({ err: error }, message) : logger.info(message));
  }

  /** Signals stop the process; a stray rejected promise is reported, not fatal. */
  installProcessHandlers(): void {
    process.on('SIGTERM', () => void this.stop('SIGTERM'));
    process.on('SIGINT', () => void this.stop('SIGINT'));
    process.on('unhandledRejection', (reason) => this.log('unhandled promise rejection', reason));
  }

  onStop(close: Closer): void {
    this.closers.onStop(close);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  async stop(reason: string, exitCode = 0): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.log(`stopping (${reason})`);
    setTimeout(() => process.exit(1), FORCE_EXIT_AFTER_MS).unref();
    let code = exitCode;
    await this.closers
      .close((error) => this.log('error while stopping', error))
      .catch(() => {
        code = 1;
      });
    // Last: the spans of the stop itself go out too (a collector that is down costs its timeout).
    await flushTracing().catch((error: unknown) => this.log('could not export the last spans', error));
    process.exit(code);
  }
}
