// An async iterator built from `next` and `close`, for streams that must free their resources at
// once when a client leaves: a plain object rather than an async generator, because a generator
// cannot be stopped while it awaits. An error from `next` closes it too.
//
// The express lane: a stream may also hand values to its consumer as they arrive, synchronously,
// while the consumer's `next()` waits — no promise per value, so one message can reach thousands
// of streams in one loop (a wide auditProgress fan-out). The consumer offers a sink with
// `stream[EXPRESS]?.(sink)`; values taken that way are not returned by `next()`, and everything
// else (the end, errors, values the stream cannot decide on at once) still comes through `next()`.
export const ITERATOR_DONE = { value: undefined, done: true } as const;

export const EXPRESS: unique symbol = Symbol('express lane');

/** A sink for the express lane: returns whether it took the value (else it goes through `next()`). */
export type ExpressSink<T> = (value: T) => boolean;

/** A stream that may offer an express lane. */
export interface Expressible<T> {
  [EXPRESS]?: (sink: ExpressSink<T>) => void;
}

export function closableIterator<T>(
  next: () => Promise<IteratorResult<T>>,
  close: () => Promise<void>,
  express?: (sink: ExpressSink<T>) => void,
): AsyncIterableIterator<T> & Expressible<T> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    ...(express && { [EXPRESS]: express }),
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
      return ITERATOR_DONE;
    },
    async throw(error: unknown) {
      await close();
      throw error;
    },
  };
}
