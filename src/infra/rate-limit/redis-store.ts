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

// KEYS[1] the log; ARGV max, window (ms), how many hits to reserve, how long they may be held
// (ms), a unique member prefix. Reserves up to that many hits at once (fewer when the window has
// less room), each scored at now + hold: a reserved hit used any time within the hold stays in
// the window at least one window after its use, so the limit is never exceeded.
// Returns { reserved, remaining after them, retryAfterMs (when none) }.
const TAKE_SCRIPT = `
local key = KEYS[1]
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local hold = tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local granted = math.min(wanted, max - count)
if granted > 0 then
  local members = {}
  for i = 1, granted do
    members[#members + 1] = now + hold
    members[#members + 1] = ARGV[5] .. ':' .. i
  end
  redis.call('ZADD', key, unpack(members))
  redis.call('PEXPIRE', key, window + hold)
  return { granted, max - count - granted, 0 }
end
local oldest = redis.call('ZRANGE', key, count - max, count - max, 'WITHSCORES')
return { 0, 0, math.max(1, tonumber(oldest[2]) + window - now) }
`;

const COMMAND = 'slidingWindowRateLimitHit';
const TAKE_COMMAND = 'slidingWindowRateLimitTake';

type HitCommand = (
  key: string,
  max: number,
  windowMs: number,
  member: string,
) => Promise<[number, number, number]>;

type TakeCommand = (
  key: string,
  max: number,
  windowMs: number,
  wanted: number,
  holdMs: number,
  member: string,
) => Promise<[number, number, number]>;

/** Hits reserved at once by `take`. */
export interface Reservation {
  /** How many were reserved (0: none, the window is full). */
  granted: number;
  /** Hits still free in the window after these. */
  remaining: number;
  /** When none were reserved: how long until one would be. */
  retryAfterMs: number;
}

export interface RedisRateLimitStoreOptions {
  /** Prepended to every key (after the client's own `keyPrefix`, if any). Default `rl:`. */
  prefix?: string;
}

/** The store does not own the client: closing it is the caller's business. */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly prefix: string;
  private readonly hitCommand: HitCommand;
  private readonly takeCommand: TakeCommand;

  constructor(redis: Redis, options: RedisRateLimitStoreOptions = {}) {
    this.prefix = options.prefix ?? 'rl:';
    // ioredis runs it with EVALSHA and falls back to EVAL when the server lacks the script.
    if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: HIT_SCRIPT });
    const command = (redis as unknown as Record<typeof COMMAND, HitCommand>)[COMMAND];
    this.hitCommand = command.bind(redis);
    if (!(TAKE_COMMAND in redis)) redis.defineCommand(TAKE_COMMAND, { numberOfKeys: 1, lua: TAKE_SCRIPT });
    const take = (redis as unknown as Record<typeof TAKE_COMMAND, TakeCommand>)[TAKE_COMMAND];
    this.takeCommand = take.bind(redis);
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

  /**
   * Reserves up to `wanted` hits on `key` at once, atomically, each counted as if made `holdMs`
   * from now (the latest it may be used): for a caller that hands them out itself.
   */
  async take(
    key: string,
    max: number,
    windowMs: number,
    wanted: number,
    holdMs: number,
  ): Promise<Reservation> {
    assertHitArguments(key, max, windowMs);
    const [granted, remaining, retryAfterMs] = await this.takeCommand(
      this.prefix + key,
      max,
      windowMs,
      wanted,
      holdMs,
      randomUUID(),
    );
    return { granted, remaining, retryAfterMs };
  }
}
