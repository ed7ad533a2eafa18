import { describe, expect, it } from '@jest/globals';
import { parseWindow } from '../../../src/infra/rate-limit/index.js';

describe('parseWindow', () => {
  it.each([
    ['500ms', 500],
    ['1s', 1000],
    ['60s', 60_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1.5h', 5_400_000],
    ['2 days', 172_800_000],
    [' 10 MIN ', 600_000],
  ])('reads %j as %d ms', (window, ms) => {
    expect(parseWindow(window)).toBe(ms);
  });

  it.each(['', '60', 's', '-1s', '0s', '1y', '1 h m', 'abc', '1e3s', '0.0001s'])('refuses %j', (window) => {
    expect(() => parseWindow(window)).toThrow('Invalid rate-limit window');
  });
});
