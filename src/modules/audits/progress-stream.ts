// The auditProgress event stream: the stored state first, then live events, ending after a
// terminal status. Written as a plain iterator rather than an async generator because a
// generator cannot be stopped while it awaits: a client that leaves a quiet stream must free
// its subscription at once.
import { TERMINAL_STATUSES } from './audit.entity.js';
import type { AuditProgressEvent } from './audit-progress.js';

export interface ProgressStreamOptions {
  /** The audit's stored state, sent first. */
  snapshot: AuditProgressEvent;
  /** Live events, subscribed before the snapshot was read. */
  live: AsyncIterator<unknown>;
  /**
   * Called when the stream has been quiet for `recheckMs`: throws when the viewer may no longer
   * watch, and returns the stored state (null once the audit is gone) so that a terminal event
   * lost by the broker still ends the stream.
   */
  recheck: () => Promise<AuditProgressEvent | null>;
  recheckMs: number;
}

const isTerminal = (event: AuditProgressEvent) => TERMINAL_STATUSES.includes(event.status);
const DONE = { value: undefined, done: true } as const;

export function progressStream(options: ProgressStreamOptions): AsyncIterableIterator<AuditProgressEvent> {
  const { snapshot, live, recheck, recheckMs } = options;
  let sentSnapshot = false;
  let endNext = false;
  let closed = false;
  let pending: Promise<IteratorResult<unknown>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const close = async () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    wake?.();
    await live.return?.();
  };
  const emit = (event: AuditProgressEvent) => {
    endNext = isTerminal(event);
    return { value: event, done: false } as const;
  };

  const next = async (): Promise<IteratorResult<AuditProgressEvent>> => {
    if (!sentSnapshot) {
      sentSnapshot = true;
      return emit(snapshot);
    }
    while (!closed && !endNext) {
      pending ??= live.next();
      const quiet = new Promise<'quiet'>((resolve) => (timer = setTimeout(resolve, recheckMs, 'quiet')));
      const stopped = new Promise<'stopped'>((resolve) => (wake = () => resolve('stopped')));
      const result = await Promise.race([pending, quiet, stopped]);
      clearTimeout(timer);
      if (result === 'stopped') break;
      if (result === 'quiet') {
        const stored = await recheck();
        if (!closed && stored && isTerminal(stored)) return emit(stored);
        continue;
      }
      pending = undefined;
      if (result.done) break;
      const event = result.value as AuditProgressEvent;
      // Older than the snapshot (API and database clocks may differ); terminal events always count.
      if (event.at < snapshot.at && !isTerminal(event)) continue;
      return emit(event);
    }
    await close();
    return DONE;
  };

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      try {
        return await next();
      } catch (error) {
        await close();
        throw error;
      }
    },
    async return() {
      await close();
      return DONE;
    },
    async throw(error: unknown) {
      await close();
      throw error;
    },
  };
}
