// Behaviour both stores must show, checked against each.
import { expect } from '@jest/globals';
import type { RateLimitDecision, RateLimitStore } from '../../../src/infra/rate-limit/index.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` hits on `key` at once, spread over `stores` in turn. */
export function burst(stores: RateLimitStore[], key: string, count: number, max: number, windowMs: number) {
  return Promise.all(
    Array.from({ length: count }, (_, i) => stores[i % stores.length]!.hit(key, max, windowMs)),
  );
}

/** 50 simultaneous hits against max 5: exactly 5 through, each refusal saying when to retry. */
export function expectExactlyFiveOfFifty(decisions: RateLimitDecision[], windowMs: number) {
  const allowed = decisions.filter((decision) => decision.allowed);
  const refused = decisions.filter((decision) => !decision.allowed);
  expect(allowed).toHaveLength(5);
  expect(refused).toHaveLength(45);
  expect(allowed.map((decision) => decision.remaining).sort()).toEqual([0, 1, 2, 3, 4]);
  for (const decision of allowed) expect(decision).toMatchObject({ retryAfterMs: 0, limit: 5 });
  for (const decision of refused) {
    expect(decision).toMatchObject({ remaining: 0, limit: 5 });
    expect(decision.retryAfterMs).toBeGreaterThan(0);
    expect(decision.retryAfterMs).toBeLessThanOrEqual(windowMs);
  }
}
