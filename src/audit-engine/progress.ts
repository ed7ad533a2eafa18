import type { ProgressCallback } from './report.js';

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Wraps the caller's callback so reported progress never goes backwards, stays in 0..1 and is
 * rounded to 3 decimals, and an update identical to the previous one (same progress, stage and
 * message) is not sent again.
 */
export function monotonicProgress(callback: ProgressCallback | undefined) {
  let last = 0;
  let previous: string | undefined;
  return (progress: number, stage: string, message?: string): void => {
    last = Math.min(1, Math.max(last, round3(progress)));
    const key = JSON.stringify([last, stage, message ?? null]);
    if (key === previous) return;
    previous = key;
    callback?.({ progress: last, stage, ...(message === undefined ? {} : { message }) });
  };
}
