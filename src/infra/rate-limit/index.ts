// Rate-limit counters for `@rateLimit(max, window)`: Redis when configured (shared by every
// replica, with process memory as the fallback while Redis is down), process memory
// otherwise. Both count a sliding window exactly and atomically.
import type { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import { FallbackRateLimitStore } from './fallback-store.js';
import { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './memory-store.js';
import { RedisRateLimitStore, type RedisRateLimitStoreOptions } from './redis-store.js';
import type { RateLimitStore } from './store.js';

export type { RateLimitDecision, RateLimitStore } from './store.js';
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './memory-store.js';
export { RedisRateLimitStore, type RedisRateLimitStoreOptions } from './redis-store.js';
export { FallbackRateLimitStore } from './fallback-store.js';
export { parseWindow } from './window.js';

export function createRateLimitStore(
  redis?: Redis,
  options: RedisRateLimitStoreOptions & MemoryRateLimitStoreOptions = {},
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
    new RedisRateLimitStore(redis, options),
    new MemoryRateLimitStore(options),
    () => fallbacks.inc(),
  );
}
