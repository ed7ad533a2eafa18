// The auditProgress event stream: the stored state first, then live events, ending after a
// terminal status. Access is re-checked at once when the viewer's credentials change (pushed
// from any replica), and at least every `recheckMs` in any case, busy or quiet. Written as a
// plain iterator rather than an async generator because a generator cannot be stopped while
// it awaits: a client that leaves a quiet stream must free its subscription at once.
import {
  closableIterator,
  EXPRESS,
  ITERATOR_DONE,
  type Expressible,
  type ExpressSink,
} from '../../common/closable-iterator.js';
import { TERMINAL_STATUSES } from './audit.entity.js';
import { sameProgress, type AuditProgressEvent } from './audit-progress.js';

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
  /** Told of every event the stream sends (its owner compares them with the stored state). */
  onEmit?: (event: AuditProgressEvent) => void;
}

const isTerminal = (event: AuditProgressEvent) => TERMINAL_STATUSES.includes(event.status);

/** What a guarded feed woke up for: a live message, time to re-check access, or the end. */
export type FeedSignal = { kind: 'message'; value: unknown } | { kind: 'check' } | { kind: 'end' };

/**
 * The waiting shared by live streams: the next live message, an access change (pushed from any
 * replica) or the re-check timer, whichever comes first, and a close that frees both
 * subscriptions at once, even while a `next` waits. Each source is read once at a time and its
 * result kept until asked for, so nothing is lost and no handler piles up on a promise that
 * never settles; with a `recheckMs()` that is not finite there is no timer at all (the streams'
 * owner re-checks them in batches and pushes an access change when one is due).
 */
export function guardedFeed(
  live: AsyncIterator<unknown>,
  accessChanges: AsyncIterator<unknown>,
  recheckMs: () => number,
) {
  let closed = false;
  let checkedAt = Date.now();
  /** What arrived and was not handed out yet. */
  let message: IteratorResult<unknown> | undefined;
  let failure: { error: unknown } | undefined;
  let changed = false;
  let readingLive = false;
  let readingChanges = false;
  let changesEnded = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  /** A re-check is due (a busy stream is checked as often as a quiet one). */
  const due = () => Date.now() - checkedAt >= recheckMs();
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const readLive = () => {
    if (readingLive || message || closed) return;
    readingLive = true;
    live.next().then(
      (result) => {
        readingLive = false;
        message = result;
        notify();
      },
      (error: unknown) => {
        readingLive = false;
        failure ??= { error };
        notify();
      },
    );
  };
  const readChanges = () => {
    if (readingChanges || changed || changesEnded || closed) return;
    readingChanges = true;
    accessChanges.next().then(
      (result) => {
        readingChanges = false;
        // An ended access-change feed (its broker went away) is no change: nothing to re-check.
        if (result.done) changesEnded = true;
        else changed = true;
        notify();
      },
      (error: unknown) => {
        readingChanges = false;
        failure ??= { error };
        notify();
      },
    );
  };
  /** The signal ready now, if any (access changes first: they may end the stream). */
  const ready = (): FeedSignal | { kind: 'failure'; error: unknown } | undefined => {
    if (closed) return { kind: 'end' };
    if (failure) return { kind: 'failure', error: failure.error };
    if (changed) {
      changed = false;
      return { kind: 'check' };
    }
    if (message) {
      const result = message;
      message = undefined;
      return result.done ? { kind: 'end' } : { kind: 'message', value: result.value };
    }
    if (due()) return { kind: 'check' };
    return undefined;
  };
  return {
    get closed() {
      return closed;
    },
    /** Call when access is re-checked: the timer counts from now. */
    checked() {
      checkedAt = Date.now();
    },
    /** Whether a re-check is due. */
    due,
    /**
     * Hands `take` the live messages that arrive while `next()` waits with nothing else ready
     * (no access change, failure or kept message, no re-check due), at once in the broker's
     * callback (closable-iterator.ts's express lane); `next()` does not return those. Nothing
     * changes when the live feed has no express lane.
     */
    express(take: (value: unknown) => void) {
      (live as Expressible<unknown>)[EXPRESS]?.((value) => {
        if (!wake || closed || failure || changed || message || due()) return false;
        take(value);
        return true;
      });
    },
    async next(): Promise<FeedSignal> {
      for (;;) {
        readLive();
        readChanges();
        const signal = ready();
        if (signal?.kind === 'failure') throw signal.error;
        if (signal) return signal;
        const waitMs = checkedAt + recheckMs() - Date.now();
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (Number.isFinite(waitMs)) timer = setTimeout(notify, Math.max(0, waitMs));
        });
        clearTimeout(timer);
        timer = undefined;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      notify();
      await Promise.allSettled([live.return?.(), accessChanges.return?.()]);
    },
  };
}

export function progressStream(
  options: ProgressStreamOptions,
): AsyncIterableIterator<AuditProgressEvent> & Expressible<AuditProgressEvent> {
  const { snapshot, recheck } = options;
  const feed = guardedFeed(options.live, options.accessChanges, options.recheckMs);
  let sentSnapshot = false;
  let endNext = false;
  let lastAt = snapshot.at;
  let last = snapshot;

  const check = async () => {
    feed.checked();
    return recheck();
  };
  const emit = (event: AuditProgressEvent) => {
    endNext = isTerminal(event);
    last = event;
    options.onEmit?.(event);
    if (event.at > lastAt) lastAt = event.at;
    return { value: event, done: false } as const;
  };
  /** A live event not worth sending: older than the snapshot, or the state last sent. */
  const stale = (event: AuditProgressEvent) =>
    // API and database clocks may differ; terminal events always count. The same state again
    // is the live copy of what the snapshot showed (published while it was read).
    (event.at < snapshot.at && !isTerminal(event)) || sameProgress(event, last);

  const next = async (): Promise<IteratorResult<AuditProgressEvent>> => {
    if (!sentSnapshot) {
      sentSnapshot = true;
      return emit(snapshot);
    }
    while (!feed.closed && !endNext) {
      const signal = await feed.next();
      if (signal.kind === 'end') break;
      if (signal.kind === 'check') {
        const stored = await check();
        if (
          !feed.closed &&
          stored &&
          (isTerminal(stored) || stored.at > lastAt) &&
          !sameProgress(stored, last)
        )
          return emit(stored);
        continue;
      }
      const event = signal.value as AuditProgressEvent;
      if (stale(event)) continue;
      if (feed.due()) await check();
      return emit(event);
    }
    await feed.close();
    return ITERATOR_DONE;
  };

  // Live events while the stream waits, decided and sent at once; a terminal one ends it (the
  // waiting `next()` returns done).
  const express = (sink: ExpressSink<AuditProgressEvent>) =>
    feed.express((value) => {
      const event = value as AuditProgressEvent;
      if (!sentSnapshot || endNext || stale(event)) return;
      sink(emit(event).value);
      if (endNext) void feed.close();
    });

  return closableIterator(next, () => feed.close(), express);
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

/**
 * A feed that yields whenever `signal()` was called since the last read (signals coalesce):
 * how a stream's owner tells it to re-check.
 */
export function signalFeed(): { feed: AsyncIterator<unknown>; signal: () => void } {
  let pending = false;
  let done = false;
  let waiting: ((result: IteratorResult<unknown>) => void) | undefined;
  const resolveWith = (result: IteratorResult<unknown>) => {
    const resume = waiting;
    waiting = undefined;
    resume?.(result);
  };
  return {
    signal() {
      if (done) return;
      if (waiting) resolveWith({ value: undefined, done: false });
      else pending = true;
    },
    feed: {
      next() {
        if (done) return Promise.resolve({ value: undefined, done: true });
        if (pending) {
          pending = false;
          return Promise.resolve({ value: undefined, done: false });
        }
        return new Promise((resolve) => (waiting = resolve));
      },
      async return() {
        done = true;
        resolveWith({ value: undefined, done: true });
        return { value: undefined, done: true };
      },
    },
  };
}
