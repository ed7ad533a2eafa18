// Rate-limit counters for `@rateLimit(max, window)`: Redis when configured (shared by every
// replica, with process memory as the fallback while Redis is down), process memory
// otherwise. Both count a sliding window exactly and atomically; with Redis, hits that ask for
// it (`{ lease: true }`) are handed out from small reservations (leased-store.ts).
import type { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import { FallbackRateLimitStore } from './fallback-store.js';
import { LeasedRateLimitStore, type LeasedRateLimitStoreOptions } from './leased-store.js';
import { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './memory-store.js';
import { RedisRateLimitStore, type RedisRateLimitStoreOptions } from './redis-store.js';
import type { RateLimitStore } from './store.js';

export type { HitOptions, RateLimitDecision, RateLimitStore } from './store.js';
export { LeasedRateLimitStore, type LeasedRateLimitStoreOptions } from './leased-store.js';
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './memory-store.js';
export { RedisRateLimitStore, type RedisRateLimitStoreOptions } from './redis-store.js';
export { FallbackRateLimitStore } from './fallback-store.js';
export { parseWindow } from './window.js';

export function createRateLimitStore(
  redis?: Redis,
  options: RedisRateLimitStoreOptions & MemoryRateLimitStoreOptions & LeasedRateLimitStoreOptions = {},
  registry?: Registry,
): RateLimitStore {
  if (!redis) return new MemoryRateLimitStore(options);
  const fallbacks = new Counter({
    name: 'rate_limit_fallback_total',
    help: 'Rate-limit hits counted in process memory because Redis was unreachable.',
    registers: registry ? [registry] : [],
  });
  return new FallbackRateLimitStore(
    redis,
    new LeasedRateLimitStore(new RedisRateLimitStore(redis, options), {
      holdMs: options.holdMs,
      maxLease: options.maxLease,
    }),
    new MemoryRateLimitStore(options),
    () => fallbacks.inc(),
  );
}
