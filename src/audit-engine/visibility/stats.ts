// Proportions with uncertainty: every rate the visibility report shows is a Wilson score
// interval, which behaves at 0/n, n/n and small n (where the normal approximation fails).
//
// Independence caveat: Wilson assumes n independent Bernoulli trials with one common success
// probability. The visibility trials are not independent: the samples of one prompt on one engine
// share the prompt, the model and often the same search results, and different engines answering
// one prompt share the question (and often the web pages). Answers are clustered by prompt and
// positively correlated within a cluster, so the effective sample size lies between the number of
// prompts and the number of answers, and the intervals are too narrow (over-confident) by roughly
// the square root of the design effect 1 + (m − 1)·ρ (m answers per prompt, ρ the within-prompt
// correlation). `promptCoverage` counts prompts, so it does not have this problem. A cluster-aware
// interval (per-prompt resampling, or Wilson on the effective n) would fix it; the report keeps the
// plain interval and its `n` so readers can judge, and the caveat is documented here and in
// `metrics.ts`.

/** Two-sided 95% normal quantile. */
export const Z_95 = 1.959964;

/** A proportion with its 95% interval and the denominator it was measured on. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
  n: number;
}

/**
 * x successes out of n as a Wilson score interval; null when n = 0 (no data, not a fake 0).
 * Valid for independent trials; see the caveat above for correlated answers.
 */
export function wilson(successes: number, n: number, z = Z_95): Estimate | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (successes < 0 || successes > n) throw new RangeError(`wilson: ${successes} successes out of ${n}`);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At 0/n and n/n the bound is exactly 0 (1); floating point would leave a 1e-17 residue.
  const low = successes === 0 ? 0 : Math.max(0, center - half);
  const high = successes === n ? 1 : Math.min(1, center + half);
  return { value: p, low, high, n };
}

/** Arithmetic mean, or null for no values. */
export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Whether two proportions differ at the 5% level: the two-sided two-proportion z-test with the
 * pooled proportion, |z| > 1.96 (the counts are value × n of each estimate). False when either
 * side has no data or the pooled proportion is 0 or 1 (no variation to test). The independence
 * caveat above applies: clustered answers make it too eager.
 */
export function significantlyDifferent(base: Estimate | null, head: Estimate | null, z = Z_95): boolean {
  if (!base || !head || base.n === 0 || head.n === 0) return false;
  const pooled = (base.value * base.n + head.value * head.n) / (base.n + head.n);
  const variance = pooled * (1 - pooled) * (1 / base.n + 1 / head.n);
  if (variance <= 0) return false;
  return Math.abs(head.value - base.value) / Math.sqrt(variance) > z;
}
