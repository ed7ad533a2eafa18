// Against a real Redis: REDIS_URL, or the default local one. Under CI an unreachable Redis
// fails the run; elsewhere these tests are skipped with a note.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import {
  createRateLimitStore,
  FallbackRateLimitStore,
  RedisRateLimitStore,
} from '../../../src/infra/rate-limit/index.js';
import { burst, expectExactlyFiveOfFifty, sleep } from './contract.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PREFIX = `rl-test:${randomUUID()}:`;

async function connect(): Promise<Redis> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    client.disconnect();
    throw cause ?? error;
  }
}

let clients: [Redis, Redis] | undefined;
try {
  const first = await connect();
  clients = [
    first,
    await connect().catch((error: unknown) => {
      first.disconnect();
      throw error;
    }),
  ];
} catch (error) {
  const reason = `Redis unreachable at ${REDIS_URL} (${(error as Error).message})`;
  if (process.env.CI === 'true')
    throw new Error(`${reason}; CI=true: the Redis tests must run`, { cause: error });
  console.warn(`${reason}: skipping the RedisRateLimitStore tests. Start Redis or set REDIS_URL.`);
}

(clients ? describe : describe.skip)('RedisRateLimitStore', () => {
  const [first, second] = clients ?? [];
  const store = () => new RedisRateLimitStore(first!, { prefix: PREFIX });

  afterAll(async () => {
    const keys = await first!.keys(`${PREFIX}*`);
    if (keys.length) await first!.del(...keys);
    await Promise.all([first!.quit(), second!.quit()]);
  });

  it('lets exactly 5 of 50 simultaneous hits through', async () => {
    expectExactlyFiveOfFifty(await burst([store()], 'user:1', 50, 5, 60_000), 60_000);
  });

  it('shares counts exactly between replicas (two clients)', async () => {
    const replicas = [store(), new RedisRateLimitStore(second!, { prefix: PREFIX })];
    expectExactlyFiveOfFifty(await burst(replicas, 'user:2', 50, 5, 60_000), 60_000);
  });

  it('allows hits again once the window has passed', async () => {
    const limiter = store();
    const decisions = await burst([limiter], 'user:3', 10, 5, 500);
    const refused = decisions.find((decision) => !decision.allowed)!;
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(500);
    await sleep(refused.retryAfterMs + 20);
    expect(await limiter.hit('user:3', 5, 500)).toMatchObject({ allowed: true, remaining: 4 });
  });

  it('does not record refused hits: hammering does not extend the block', async () => {
    const limiter = store();
    expect((await limiter.hit('user:4', 1, 600)).allowed).toBe(true);
    await sleep(300);
    expect((await burst([limiter], 'user:4', 20, 1, 600)).some((decision) => decision.allowed)).toBe(false);
    await sleep(330);
    expect((await limiter.hit('user:4', 1, 600)).allowed).toBe(true);
  });

  it('keeps at most max entries per key, expiring one window after the last counted hit', async () => {
    await burst([store()], 'user:5', 30, 3, 10_000);
    expect(await first!.zcard(`${PREFIX}user:5`)).toBe(3);
    const ttl = await first!.pttl(`${PREFIX}user:5`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
  });

  it("uses 'rl:' as the default prefix and counts in Redis through createRateLimitStore's fallback", async () => {
    const limiter = createRateLimitStore(first);
    expect(limiter).toBeInstanceOf(FallbackRateLimitStore);
    const key = `${PREFIX}default`;
    try {
      await limiter.hit(key, 1, 1000);
      expect(await first!.zcard(`rl:${key}`)).toBe(1);
    } finally {
      await first!.del(`rl:${key}`);
    }
  });

  it('refuses nonsense arguments before touching Redis', async () => {
    await expect(store().hit('k', 0, 1000)).rejects.toThrow('max');
  });
});
