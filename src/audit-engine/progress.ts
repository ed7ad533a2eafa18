import type { ProgressCallback } from '../report.js';

/** Wraps the caller's callback so reported progress never goes backwards and stays in 0..1. */
export function monotonicProgress(callback: ProgressCallback | undefined) {
  let last = 0;
  return (progress: number, stage: string, message?: string): void => {
    last = Math.min(1, Math.max(last, progress));
    callback?.({ progress: last, stage, ...(message === undefined ? {} : { message }) });
  };
}
