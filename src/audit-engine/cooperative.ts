// Long synchronous loops share the event loop with the API (the worker runs in-process by
// default): a loop calls the pause function on every iteration, and it yields to other work once
// the loop has held the thread for `sliceMs`.
import { setImmediate } from 'node:timers/promises';

/** Resolves at once until `sliceMs` have passed since the last yield, then after pending I/O. */
export function yielder(sliceMs = 10): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return setImmediate().then(() => {
      since = performance.now();
    });
  };
}
