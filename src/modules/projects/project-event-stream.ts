// The projectEvents stream: live events only (nothing is replayed), for as long as the viewer
// may watch. Access is re-checked at once when the viewer's credentials change (pushed from any
// replica) and at least every `recheckMs` in any case, as for auditProgress. A plain iterator, so
// that a client leaving a quiet stream frees its subscription at once.
import { closableIterator, ITERATOR_DONE } from '../../common/closable-iterator.js';

export interface LiveStreamOptions<T> {
  /** Live messages, subscribed before the stream is returned. */
  live: AsyncIterator<unknown>;
  /** An event whenever the viewer's access changed (logout, revocation, removal …). */
  accessChanges: AsyncIterator<unknown>;
  /** Throws when the viewer may no longer watch. */
  recheck: () => Promise<void>;
  recheckMs: number;
  /** The value sent for a message, or null to send nothing (e.g. a message about nothing visible). */
  resolve: (message: unknown) => Promise<T | null>;
}

export function liveStream<T>(options: LiveStreamOptions<T>): AsyncIterableIterator<T> {
  const { live, accessChanges, recheck, recheckMs, resolve } = options;
  let closed = false;
  let checkedAt = Date.now();
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
    await recheck();
  };

  const next = async (): Promise<IteratorResult<T>> => {
    while (!closed) {
      pending ??= live.next();
      change ??= accessChanges.next().then(() => 'changed' as const);
      const due = Math.max(0, checkedAt + recheckMs - Date.now());
      const quiet = new Promise<'quiet'>((done) => (timer = setTimeout(done, due, 'quiet')));
      const stopped = new Promise<'stopped'>((done) => (wake = () => done('stopped')));
      const result = await Promise.race([pending, change, quiet, stopped]);
      clearTimeout(timer);
      if (result === 'stopped') break;
      if (result === 'quiet' || result === 'changed') {
        if (result === 'changed') change = undefined;
        await check();
        continue;
      }
      pending = undefined;
      if (result.done) break;
      if (Date.now() - checkedAt >= recheckMs) await check();
      const value = await resolve(result.value);
      if (value !== null && !closed) return { value, done: false };
    }
    await close();
    return ITERATOR_DONE;
  };

  return closableIterator(next, close);
}
