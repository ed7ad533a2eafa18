import { describe, expect, it } from '@jest/globals';
import { mean, wilson } from '../../../src/audit-engine/visibility/stats.js';

describe('wilson', () => {
  it('matches published 95% Wilson intervals', () => {
    const half = wilson(5, 10);
    expect(half?.value).toBe(0.5);
    expect(half?.low).toBeCloseTo(0.2366, 4);
    expect(half?.high).toBeCloseTo(0.7634, 4);
    expect(half?.n).toBe(10);

    const zero = wilson(0, 10);
    expect(zero?.value).toBe(0);
    expect(zero?.low).toBe(0);
    expect(zero?.high).toBeCloseTo(0.2775, 4);

    const all = wilson(10, 10);
    expect(all?.low).toBeCloseTo(0.7225, 4);
    expect(all?.high).toBe(1);

    const one = wilson(1, 1);
    expect(one?.low).toBeCloseTo(0.2065, 4);

    const big = wilson(81, 263);
    expect(big?.low).toBeCloseTo(0.2553, 4);
    expect(big?.high).toBeCloseTo(0.3662, 4);
  });

  it('is null (no data) when the denominator is 0, and rejects impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(3, 2)).toThrow(RangeError);
  });
});

describe('mean', () => {
  it('averages, and is null for no values', () => {
    expect(mean([1, 2, 4])).toBeCloseTo(7 / 3);
    expect(mean([])).toBeNull();
  });
});
