// Reserved hits against a real Redis (REDIS_URL, or the default local one): the limit holds
// across replicas exactly as without leases, with far fewer Redis calls for busy callers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import {
  LeasedRateLimitStore,
  RedisRateLimitStore,
  type RateLimitDecision,
} from '../../../src/infra/rate-limit/index.js';
import { sleep } from './contract.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PREFIX = `rl-lease-test:${randomUUID()}:`;
const LEASE = { lease: true };

/** A Redis store that counts the calls it makes (each one round trip). */
class CountingRedisStore extends RedisRateLimitStore {
  calls = 0;
  override async hit(key: string, max: number, windowMs: number) {
    this.calls += 1;
    return super.hit(key, max, windowMs);
  }
  override async take(key: string, max: number, windowMs: number, wanted: number, holdMs: number) {
    this.calls += 1;
    return super.take(key, max, windowMs, wanted, holdMs);
  }
}

let clients: Redis[] = [];
beforeAll(async () => {
  clients = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
  await Promise.all(clients.map((client) => client.ping()));
});
afterAll(async () => {
  const keys = await clients[0]!.keys(`${PREFIX}*`);
  if (keys.length) await clients[0]!.del(...keys);
  await Promise.all(clients.map((client) => client.quit()));
});

const replica = (index: number, holdMs = 1000) => {
  const redis = new CountingRedisStore(clients[index]!, { prefix: PREFIX });
  return { redis, store: new LeasedRateLimitStore(redis, { holdMs }) };
};

const allowedOf = (decisions: RateLimitDecision[]) => decisions.filter((decision) => decision.allowed).length;

describe('LeasedRateLimitStore', () => {
  it('never lets more than the limit through across two replicas, under 300 simultaneous hits', async () => {
    const [a, b] = [replica(0), replica(1)];
    const decisions = await Promise.all(
      Array.from({ length: 300 }, (_, i) => (i % 2 ? a : b).store.hit('busy', 200, 60_000, LEASE)),
    );
    const allowed = allowedOf(decisions);
    expect(allowed).toBeLessThanOrEqual(200);
    // At most one reservation per replica (max / 20 = 10 hits) left unused at the end.
    expect(allowed).toBeGreaterThanOrEqual(200 - 2 * 10);
    expect(await clients[0]!.zcard(`${PREFIX}busy`)).toBeLessThanOrEqual(200);
    const refused = decisions.find((decision) => !decision.allowed)!;
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(61_000);
    // Far fewer round trips than hits.
    expect(a.redis.calls + b.redis.calls).toBeLessThan(150);
  });

  it('reserves more as a caller keeps coming: 1,000 hits in a row, a few dozen Redis calls', async () => {
    const { redis, store } = replica(0);
    for (let i = 0; i < 1000; i++)
      expect((await store.hit('steady', 1_000_000, 60_000, LEASE)).allowed).toBe(true);
    expect(redis.calls).toBeLessThan(40);
    expect(await clients[0]!.zcard(`${PREFIX}steady`)).toBeLessThanOrEqual(1000 + 64);
  });

  it('reserves one at a time for a caller that comes now and then: exact', async () => {
    const { redis, store } = replica(0, 50);
    for (let i = 0; i < 3; i++) {
      expect((await store.hit('rare', 1000, 60_000, LEASE)).allowed).toBe(true);
      await sleep(80);
    }
    expect(redis.calls).toBe(3);
    expect(await clients[0]!.zcard(`${PREFIX}rare`)).toBe(3);
  });

  it('counts reserved hits until a window after the end of their hold', async () => {
    const { store } = replica(0, 200);
    const before = Date.now();
    await store.hit('held', 1000, 10_000, LEASE);
    const [, score] = await clients[0]!.zrange(`${PREFIX}held`, 0, 0, 'WITHSCORES');
    expect(Number(score)).toBeGreaterThanOrEqual(before + 200 - 50);
    expect(await clients[0]!.pttl(`${PREFIX}held`)).toBeGreaterThan(10_000);
  });

  it('goes to Redis for every hit of small limits, short windows and hits that need an exact count', async () => {
    const { redis, store } = replica(0);
    await Promise.all(Array.from({ length: 5 }, () => store.hit('small', 39, 60_000, LEASE)));
    await Promise.all(Array.from({ length: 5 }, () => store.hit('short', 1000, 10_000, LEASE)));
    await Promise.all(Array.from({ length: 5 }, () => store.hit('exact', 1000, 60_000)));
    expect(redis.calls).toBe(15);
    const exact = await store.hit('exact', 1000, 60_000);
    expect(exact.remaining).toBe(1000 - 6);
  });

  it('lets hits in again once the window has passed', async () => {
    const { store } = replica(0, 10);
    const decisions = await Promise.all(
      Array.from({ length: 60 }, () => store.hit('window', 40, 500, LEASE)),
    );
    expect(allowedOf(decisions)).toBeLessThanOrEqual(40);
    expect(allowedOf(decisions)).toBeGreaterThanOrEqual(36);
    const refused = decisions.find((decision) => !decision.allowed)!;
    await sleep(refused.retryAfterMs + 30);
    expect((await store.hit('window', 40, 500, LEASE)).allowed).toBe(true);
  });
});
