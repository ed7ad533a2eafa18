// Orderly start and stop for the API and worker processes: what was opened is closed in reverse
// order on SIGTERM/SIGINT and also when start-up fails half-way (an embedded PostgreSQL must
// not outlive a process that could not bind its port).
import type { AppLogger } from './logger.js';

const FORCE_EXIT_AFTER_MS = 30_000;

type Closer = () => Promise<unknown> | unknown;

export class Lifecycle {
  private readonly closers: Closer[] = [];
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

  /** Runs `close` at stop, before everything registered earlier. */
  onStop(close: Closer): void {
    this.closers.unshift(close);
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
    for (const close of this.closers) {
      try {
        await close();
      } catch (error) {
        this.log('error while stopping', error);
        code = 1;
      }
    }
    process.exit(code);
  }
}
