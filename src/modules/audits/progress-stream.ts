// The auditProgress event stream: the stored state first, then live events, ending after a
// terminal status. Access is re-checked at once when the viewer's credentials change (pushed
// from any replica), and at least every `recheckMs` in any case, busy or quiet. Written as a
// plain iterator rather than an async generator because a generator cannot be stopped while
// it awaits: a client that leaves a quiet stream must free its subscription at once.
import { closableIterator, ITERATOR_DONE } from '../../common/closable-iterator.js';
import { TERMINAL_STATUSES } from './audit.entity.js';
import type { AuditProgressEvent } from './audit-progress.js';

export interface ProgressStreamOptions {
  /** The audit's stored state, sent first. */
  snapshot: AuditProgressEvent;
  /** Live events, subscribed before the snapshot was read. */
  live: AsyncIterator<unknown>;
  /** An event whenever the viewer's access changed (logout, revocation, new role …). */
  accessChanges: AsyncIterator<unknown>;
  /**
   * Throws when the viewer may no longer watch, and returns the stored state (null once the
   * audit is gone): a state newer than the last event sent is sent, so that events lost by the
   * broker (an outage) still reach the client. Called on every access change, and whenever
   * `recheckMs()` passed since the last check (shorter while the broker is down).
   */
  recheck: () => Promise<AuditProgressEvent | null>;
  recheckMs: () => number;
}

const isTerminal = (event: AuditProgressEvent) => TERMINAL_STATUSES.includes(event.status);

export function progressStream(options: ProgressStreamOptions): AsyncIterableIterator<AuditProgressEvent> {
  const { snapshot, live, accessChanges, recheck, recheckMs } = options;
  let sentSnapshot = false;
  let endNext = false;
  let closed = false;
  let checkedAt = Date.now();
  let lastAt = snapshot.at;
  let pending: Promise<IteratorResult<unknown>> | undefined;
  let change: Promise<'changed'> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const close = async () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    wake?.();
    await Promise.allSettled([live.return?.(), accessChanges.return?.()]);
  };
  const check = async () => {
    checkedAt = Date.now();
    return recheck();
  };
  const emit = (event: AuditProgressEvent) => {
    endNext = isTerminal(event);
    if (event.at > lastAt) lastAt = event.at;
    return { value: event, done: false } as const;
  };

  const next = async (): Promise<IteratorResult<AuditProgressEvent>> => {
    if (!sentSnapshot) {
      sentSnapshot = true;
      return emit(snapshot);
    }
    while (!closed && !endNext) {
      pending ??= live.next();
      change ??= accessChanges.next().then(() => 'changed' as const);
      const due = Math.max(0, checkedAt + recheckMs() - Date.now());
      const quiet = new Promise<'quiet'>((resolve) => (timer = setTimeout(resolve, due, 'quiet')));
      const stopped = new Promise<'stopped'>((resolve) => (wake = () => resolve('stopped')));
      const result = await Promise.race([pending, change, quiet, stopped]);
      clearTimeout(timer);
      if (result === 'stopped') break;
      if (result === 'quiet' || result === 'changed') {
        if (result === 'changed') change = undefined;
        const stored = await check();
        if (!closed && stored && (isTerminal(stored) || stored.at > lastAt)) return emit(stored);
        continue;
      }
      pending = undefined;
      if (result.done) break;
      const event = result.value as AuditProgressEvent;
      // Older than the snapshot (API and database clocks may differ); terminal events always count.
      if (event.at < snapshot.at && !isTerminal(event)) continue;
      // A busy stream is checked as often as a quiet one.
      if (Date.now() - checkedAt >= recheckMs()) await check();
      return emit(event);
    }
    await close();
    return ITERATOR_DONE;
  };

  return closableIterator(next, close);
}

/** A feed that never yields until it is returned: what a stream follows while the broker is down. */
export function idleFeed(): AsyncIterator<unknown> {
  let stop: (() => void) | undefined;
  const stopped = new Promise<IteratorResult<unknown>>((resolve) => {
    stop = () => resolve({ value: undefined, done: true });
  });
  return {
    next: () => stopped,
    return: async () => {
      stop?.();
      return { value: undefined, done: true };
    },
  };
}
