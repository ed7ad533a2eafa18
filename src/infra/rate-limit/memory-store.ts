// The same sliding-window log in process memory, for one process without Redis. Atomic because
// `hit` never awaits between reading and recording. Memory stays bounded: a key is dropped once
// its last counted hit has left its window (swept lazily), and beyond `maxKeys` keys the least
// recently hit one is dropped (in O(1): a flood of new identities cannot make hits expensive;
// it can only make the store forget the quietest ones early).
import { assertHitArguments, type RateLimitDecision, type RateLimitStore } from './store.js';

export interface MemoryRateLimitStoreOptions {
  /** Keys kept at most; the least recently hit are forgotten beyond it. Default 100,000. */
  maxKeys?: number;
  /** How often expired keys are swept (on the next hit after it elapses). Default 60 s. */
  sweepIntervalMs?: number;
  /** Clock in ms, for tests. */
  now?: () => number;
}

interface HitLog {
  /** Times of counted hits, oldest first. */
  hits: number[];
  windowMs: number;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly logs = new Map<string, HitLog>();
  private readonly maxKeys: number;
  private readonly sweepIntervalMs: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.maxKeys = options.maxKeys ?? 100_000;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** Keys currently held. */
  get size(): number {
    return this.logs.size;
  }

  async hit(key: string, max: number, windowMs: number): Promise<RateLimitDecision> {
    assertHitArguments(key, max, windowMs);
    const now = this.now();
    if (now - this.lastSweep >= this.sweepIntervalMs) this.sweep(now);

    const log = this.logs.get(key) ?? { hits: [], windowMs };
    log.windowMs = windowMs;
    // Re-inserting keeps the map in least-recently-hit order for eviction.
    this.logs.delete(key);
    this.logs.set(key, log);

    let expired = 0;
    while (expired < log.hits.length && log.hits[expired]! <= now - windowMs) expired += 1;
    if (expired) log.hits.splice(0, expired);

    if (log.hits.length < max) {
      log.hits.push(now);
      if (this.logs.size > this.maxKeys) this.evictLeastRecentlyHit();
      return { allowed: true, remaining: max - log.hits.length, retryAfterMs: 0, limit: max };
    }
    const blocking = log.hits[log.hits.length - max]!;
    return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, blocking + windowMs - now), limit: max };
  }

  async close(): Promise<void> {
    this.logs.clear();
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, log] of this.logs) {
      const last = log.hits.at(-1);
      if (last === undefined || last <= now - log.windowMs) this.logs.delete(key);
    }
  }

  private evictLeastRecentlyHit(): void {
    const oldest = this.logs.keys().next();
    if (!oldest.done) this.logs.delete(oldest.value);
  }
}
