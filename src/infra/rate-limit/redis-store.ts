// Sliding-window log in Redis: one sorted set per key, one member per counted hit, scored by
// Redis's own clock (TIME), so every API replica counts the same hits against the same time.
// The whole check-and-record is one Lua script, hence atomic: concurrent hits from any number
// of replicas never let more than `max` through. Memory per key is at most `max` members and
// the key expires one window after its last counted hit.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { assertHitArguments, type RateLimitDecision, type RateLimitStore } from './store.js';

// KEYS[1] the log; ARGV max, window (ms), a unique member for this hit.
// Returns { allowed (1/0), remaining, retryAfterMs }.
const HIT_SCRIPT = `
local key = KEYS[1]
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count < max then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, window)
  return { 1, max - count - 1, 0 }
end
local oldest = redis.call('ZRANGE', key, count - max, count - max, 'WITHSCORES')
return { 0, 0, math.max(1, tonumber(oldest[2]) + window - now) }
`;

const COMMAND = 'slidingWindowRateLimitHit';

type HitCommand = (
  key: string,
  max: number,
  windowMs: number,
  member: string,
) => Promise<[number, number, number]>;

export interface RedisRateLimitStoreOptions {
  /** Prepended to every key (after the client's own `keyPrefix`, if any). Default `rl:`. */
  prefix?: string;
}

/** The store does not own the client: closing it is the caller's business. */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly prefix: string;
  private readonly hitCommand: HitCommand;

  constructor(redis: Redis, options: RedisRateLimitStoreOptions = {}) {
    this.prefix = options.prefix ?? 'rl:';
    // ioredis runs it with EVALSHA and falls back to EVAL when the server lacks the script.
    if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: HIT_SCRIPT });
    const command = (redis as unknown as Record<typeof COMMAND, HitCommand>)[COMMAND];
    this.hitCommand = command.bind(redis);
  }

  async hit(key: string, max: number, windowMs: number): Promise<RateLimitDecision> {
    assertHitArguments(key, max, windowMs);
    const [allowed, remaining, retryAfterMs] = await this.hitCommand(
      this.prefix + key,
      max,
      windowMs,
      randomUUID(),
    );
    return { allowed: allowed === 1, remaining, retryAfterMs, limit: max };
  }
}
