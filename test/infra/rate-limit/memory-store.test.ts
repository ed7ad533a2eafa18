import { describe, expect, it } from '@jest/globals';
import { createRateLimitStore, MemoryRateLimitStore } from '../../../src/infra/rate-limit/index.js';
import { burst, expectExactlyFiveOfFifty, sleep } from './contract.js';

function fakeClock(start = 1_000_000) {
  const clock = { now: start, advance: (ms: number) => (clock.now += ms) };
  return clock;
}

describe('MemoryRateLimitStore', () => {
  it('lets exactly 5 of 50 simultaneous hits through', async () => {
    const store = new MemoryRateLimitStore();
    expectExactlyFiveOfFifty(await burst([store], 'user:1', 50, 5, 60_000), 60_000);
  });

  it('is what createRateLimitStore gives without Redis', () => {
    expect(createRateLimitStore()).toBeInstanceOf(MemoryRateLimitStore);
  });

  it('allows hits again once the window has passed (real clock)', async () => {
    const store = new MemoryRateLimitStore();
    await burst([store], 'k', 2, 2, 300);
    const refused = await store.hit('k', 2, 300);
    expect(refused.allowed).toBe(false);
    await sleep(refused.retryAfterMs + 10);
    expect(await store.hit('k', 2, 300)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('slides: each counted hit frees its slot exactly one window later', async () => {
    const clock = fakeClock();
    const store = new MemoryRateLimitStore({ now: () => clock.now });
    await store.hit('k', 2, 1000); // t=0
    clock.advance(400);
    await store.hit('k', 2, 1000); // t=400
    clock.advance(100);
    expect(await store.hit('k', 2, 1000)).toMatchObject({ allowed: false, retryAfterMs: 500 });
    clock.advance(500); // t=1000: the first hit leaves the window
    expect(await store.hit('k', 2, 1000)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await store.hit('k', 2, 1000)).toMatchObject({ allowed: false, retryAfterMs: 400 });
  });

  it('does not record refused hits: hammering does not extend the block', async () => {
    const clock = fakeClock();
    const store = new MemoryRateLimitStore({ now: () => clock.now });
    expect((await store.hit('k', 1, 1000)).allowed).toBe(true);
    for (let i = 0; i < 9; i += 1) {
      clock.advance(100);
      expect((await store.hit('k', 1, 1000)).allowed).toBe(false);
    }
    clock.advance(100);
    expect((await store.hit('k', 1, 1000)).allowed).toBe(true);
  });

  it('keeps keys apart', async () => {
    const store = new MemoryRateLimitStore();
    await burst([store], 'a', 3, 3, 60_000);
    expect((await store.hit('a', 3, 60_000)).allowed).toBe(false);
    expect((await store.hit('b', 3, 60_000)).allowed).toBe(true);
  });

  it('forgets keys whose window has passed', async () => {
    const clock = fakeClock();
    const store = new MemoryRateLimitStore({ now: () => clock.now, sweepIntervalMs: 1000 });
    for (let i = 0; i < 100; i += 1) await store.hit(`ip:${i}`, 5, 500);
    expect(store.size).toBe(100);
    clock.advance(1000);
    await store.hit('late', 5, 500);
    expect(store.size).toBe(1);
  });

  it('holds at most maxKeys keys, dropping the least recently hit', async () => {
    const store = new MemoryRateLimitStore({ maxKeys: 3 });
    await store.hit('a', 1, 60_000);
    await store.hit('b', 1, 60_000);
    await store.hit('c', 1, 60_000);
    await store.hit('a', 1, 60_000); // refused, but a is now the most recently hit
    await store.hit('d', 1, 60_000);
    expect(store.size).toBe(3);
    expect((await store.hit('a', 1, 60_000)).allowed).toBe(false);
    expect((await store.hit('b', 1, 60_000)).allowed).toBe(true); // b was forgotten
  });

  it('refuses nonsense arguments', async () => {
    const store = new MemoryRateLimitStore();
    await expect(store.hit('', 1, 1000)).rejects.toThrow('key');
    await expect(store.hit('k', 0, 1000)).rejects.toThrow('max');
    await expect(store.hit('k', 1, 0.5)).rejects.toThrow('window');
  });
});
