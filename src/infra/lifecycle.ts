// Orderly start and stop for the API and worker processes: what was opened is closed in reverse
// order on SIGTERM/SIGINT and also when start-up fails half-way (an embedded PostgreSQL must
// not outlive a process that could not bind its port).
import type { AppLogger } from '../common/logger.js';
import { flushTracing } from './spans.js';

/** How long a stop may take before the process exits 1 anyway (SHUTDOWN_TIMEOUT_MS once read). */
export const DEFAULT_STOP_DEADLINE_MS = 30_000;

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
/** What a closer is called when a stop overruns its deadline: fixed, or asked at that moment. */
export type CloserName = string | (() => string);

/** Where whatever is opened registers how to close it (the composition root uses one). */
export interface StopRegistry {
  /** Runs `close` at stop, before everything registered earlier. */
  onStop(close: Closer, name?: CloserName): void;
}

interface Entry {
  close: Closer;
  name: CloserName | undefined;
}

const nameOf = (entry: Entry): string | undefined => {
  try {
    return typeof entry.name === 'function' ? entry.name() : entry.name;
  } catch {
    return typeof entry.name === 'string' ? entry.name : 'a closer that cannot describe itself';
  }
};

/**
 * Closes in reverse order of opening; every closer runs even when one fails. What opens while
 * closing is closed too (a signal during start-up): before the rest, or at once when all is closed.
 */
export class Closers implements StopRegistry {
  private readonly closers: Entry[] = [];
  private running: Entry | undefined;
  private closed = false;

  onStop(close: Closer, name?: CloserName): void {
    if (this.closed)
      void Promise.resolve()
        .then(close)
        .catch(() => undefined);
    else this.closers.unshift({ close, name });
  }

  /**
   * What is still open, by name, in closing order: the one closing now first, then those
   * waiting their turn; unnamed ones are counted.
   */
  stillOpen(): string[] {
    const open: string[] = [];
    let unnamed = 0;
    for (const entry of [...(this.running ? [this.running] : []), ...this.closers]) {
      const name = nameOf(entry);
      if (name) open.push(name);
      else unnamed++;
    }
    if (unnamed) open.push(`${unnamed} unnamed`);
    return open;
  }

  /** Runs every closer once; rejects with the first error after all ran. */
  async close(onError: (error: unknown) => void = () => undefined): Promise<void> {
    let first: unknown;
    for (let entry = this.closers.shift(); entry; entry = this.closers.shift()) {
      this.running = entry;
      try {
        await entry.close();
      } catch (error) {
        onError(error);
        first ??= error;
      }
    }
    this.running = undefined;
    this.closed = true;
    if (first !== undefined)
      throw first instanceof Error ? first : new Error('a closer failed', { cause: first });
  }
}

export class Lifecycle implements StopRegistry {
  private readonly closers = new Closers();
  private stopping = false;
  private deadlineMs = DEFAULT_STOP_DEADLINE_MS;

  /** Until the app's logger exists (configuration is read first), messages go to stderr. */
  private log: (message: string, error?: unknown) => void = (message, error) =>
    console.error(message, error ?? '');
  /** The line of a stop that overran its deadline: an error, so that alerts see it. */
  private fail: (message: string) => void = (message) => console.error(message);

  useLogger(logger: AppLogger): void {
    this.log = (message, error) => (error ? logger.error({ err: error }, message) : logger.info(message));
    this.fail = (message) => logger.error(message);
  }

  /** The hard deadline of a stop (from the signal): after it the process exits 1, saying what was open. */
  setDeadline(ms: number): void {
    this.deadlineMs = ms;
  }

  /** Signals stop the process; a stray rejected promise is reported, not fatal. */
  installProcessHandlers(): void {
    process.on('SIGTERM', () => void this.stop('SIGTERM'));
    process.on('SIGINT', () => void this.stop('SIGINT'));
    process.on('unhandledRejection', (reason) => this.log('unhandled promise rejection', reason));
  }

  onStop(close: Closer, name?: CloserName): void {
    this.closers.onStop(close, name);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  async stop(reason: string, exitCode = 0): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const started = Date.now();
    this.log(`stopping (${reason}), at most ${this.deadlineMs} ms`);
    setTimeout(() => {
      const open = this.closers.stillOpen();
      this.fail(
        `stop (${reason}) did not finish within ${this.deadlineMs} ms, exiting 1; still open ` +
          `(closing order): ${open.length ? open.join('; ') : 'nothing named'}`,
      );
      process.exit(1);
    }, this.deadlineMs).unref();
    let code = exitCode;
    await this.closers
      .close((error) => this.log('error while stopping', error))
      .catch(() => {
        code = 1;
      });
    this.log(`stopped in ${Date.now() - started} ms`);
    // Last: the spans of the stop itself go out too (a collector that is down costs its timeout).
    await flushTracing().catch((error: unknown) => this.log('could not export the last spans', error));
    process.exit(code);
  }
}
