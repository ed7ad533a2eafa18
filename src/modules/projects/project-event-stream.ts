// The projectEvents stream: live events only (nothing is replayed), for as long as the viewer
// may watch. Access is re-checked at once when the viewer's credentials change (pushed from any
// replica) and at least every `recheckMs` in any case, with auditProgress's guarded feed.
import { closableIterator, ITERATOR_DONE } from '../../common/closable-iterator.js';
import { guardedFeed } from '../audits/progress-stream.js';

export interface LiveStreamOptions {
  /** Live messages, subscribed before the stream is returned. */
  live: AsyncIterator<unknown>;
  /** An event whenever the viewer's access changed (logout, revocation, removal …). */
  accessChanges: AsyncIterator<unknown>;
  /** Throws when the viewer may no longer watch. */
  recheck: () => Promise<void>;
  recheckMs: number;
}

export function liveStream<T>(options: LiveStreamOptions): AsyncIterableIterator<T> {
  const feed = guardedFeed(options.live, options.accessChanges, () => options.recheckMs);
  const check = async () => {
    feed.checked();
    await options.recheck();
  };

  const next = async (): Promise<IteratorResult<T>> => {
    while (!feed.closed) {
      const signal = await feed.next();
      if (signal.kind === 'end') break;
      if (signal.kind === 'check') {
        await check();
        continue;
      }
      if (feed.due()) await check();
      if (!feed.closed) return { value: signal.value as T, done: false };
    }
    await feed.close();
    return ITERATOR_DONE;
  };

  return closableIterator(next, () => feed.close());
}
