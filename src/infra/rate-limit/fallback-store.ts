// Redis counters with a per-process fallback: while Redis is unreachable (or a call to it
// fails), hits are counted in this process's memory instead, so the API keeps answering with
// limits that still hold per replica. Each fallback is counted (`onFallback`); the Redis client
// logs the outage and its end.
import type { Redis } from 'ioredis';
import { isRedisReady } from '../redis.js';
import type { MemoryRateLimitStore } from './memory-store.js';
import type { HitOptions, RateLimitDecision, RateLimitStore } from './store.js';

export class FallbackRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly primary: RateLimitStore,
    private readonly fallback: MemoryRateLimitStore,
    private readonly onFallback: () => void = () => undefined,
  ) {}

  async hit(key: string, max: number, windowMs: number, options?: HitOptions): Promise<RateLimitDecision> {
    if (isRedisReady(this.redis)) {
      try {
        return await this.primary.hit(key, max, windowMs, options);
      } catch (error) {
        // A bad argument is the caller's bug, not an outage.
        if (error instanceof TypeError || error instanceof RangeError) throw error;
      }
    }
    this.onFallback();
    return this.fallback.hit(key, max, windowMs);
  }

  async close(): Promise<void> {
    await this.fallback.close();
  }
}
