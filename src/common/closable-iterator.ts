// An async iterator built from `next` and `close`, for streams that must free their resources at
// once when a client leaves: a plain object rather than an async generator, because a generator
// cannot be stopped while it awaits. An error from `next` closes it too.
export const ITERATOR_DONE = { value: undefined, done: true } as const;

export function closableIterator<T>(
  next: () => Promise<IteratorResult<T>>,
  close: () => Promise<void>,
): AsyncIterableIterator<T> {
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
      return ITERATOR_DONE;
    },
    async throw(error: unknown) {
      await close();
      throw error;
    },
  };
}
