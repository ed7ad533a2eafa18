// Rate-limit counters for `@rateLimit(max, window)`: Redis when configured (shared by every
// replica), process memory otherwise. Both count a sliding window exactly and atomically.
import type { Redis } from 'ioredis';
import { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './memory-store.js';
import { RedisRateLimitStore, type RedisRateLimitStoreOptions } from './redis-store.js';
import type { RateLimitStore } from './store.js';

export type { RateLimitDecision, RateLimitStore } from './store.js';
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './memory-store.js';
export { RedisRateLimitStore, type RedisRateLimitStoreOptions } from './redis-store.js';
export { parseWindow } from './window.js';

export function createRateLimitStore(
  redis?: Redis,
  options: RedisRateLimitStoreOptions & MemoryRateLimitStoreOptions = {},
): RateLimitStore {
  return redis ? new RedisRateLimitStore(redis, options) : new MemoryRateLimitStore(options);
}
