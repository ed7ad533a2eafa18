// Redis counters without a Redis round trip per request: for hits that ask for it
// (`{ lease: true }`: the request budget and `@rateLimit`), a process reserves a few hits of a
// key at once in Redis (one atomic script, RedisRateLimitStore.take) and hands them out
// locally. The limit still holds across every replica, never exceeded:
// - Redis never reserves more than the window has room for, so all replicas together never
//   hand out more than `max` hits per window;
// - a reserved hit is counted as made at the end of its hold (`holdMs`, 1 s by default) and is
//   thrown away unused after it, so wherever within the hold it is used, it stays counted for
//   at least one window after its use.
// What it costs: reserved hits a process does not use within the hold count as made (a caller
// may be refused up to one reservation early), and a hit stays counted up to `holdMs` longer
// than its window. Reservations grow with the caller's rate (doubling while each is used up,
// shrinking to what was used), so a caller making one request now and then reserves one at a
// time — exact — and only busy callers reserve more, at most `max / 20` (and `maxLease`). Small
// limits (under 40) and short windows (under 20 holds) are never leased: every hit goes to
// Redis as before.
import type { RateLimitDecision, RateLimitStore, HitOptions } from './store.js';
import type { RedisRateLimitStore } from './redis-store.js';

export interface LeasedRateLimitStoreOptions {
  /** How long reserved hits may be handed out. Default 1 s. */
  holdMs?: number;
  /** The most hits reserved at once for one key. Default 64. */
  maxLease?: number;
  /** Keys whose reservations are kept; the least recently used are dropped beyond. Default 10,000. */
  maxKeys?: number;
  /** Clock in ms, for tests. */
  now?: () => number;
}

/** A reservation can be at most this share of the limit (so at most 1/20 of it is ever spare). */
const LEASE_SHARE = 20;

interface Lease {
  /** Reserved hits not handed out yet. */
  tokens: number;
  /** When they expire (the end of the hold). */
  expiresAt: number;
  /** Hits in the last reservation and how many of them were handed out. */
  size: number;
  used: number;
  /** Redis's count of free hits after the last reservation. */
  remaining: number;
  /** Hits waiting for a reservation in flight. */
  waiting: number;
  pending: Promise<void> | null;
  /** The refusal of the last reservation, for the hits that waited on it. */
  refusal: RateLimitDecision | null;
}

export class LeasedRateLimitStore implements RateLimitStore {
  private readonly leases = new Map<string, Lease>();
  private readonly holdMs: number;
  private readonly maxLease: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisRateLimitStore,
    options: LeasedRateLimitStoreOptions = {},
  ) {
    this.holdMs = options.holdMs ?? 1000;
    this.maxLease = options.maxLease ?? 64;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The most hits reserved at once for this limit; below 2, hits are not leased. */
  leaseCap(max: number, windowMs: number): number {
    if (windowMs < this.holdMs * LEASE_SHARE) return 1;
    return Math.min(this.maxLease, Math.floor(max / LEASE_SHARE));
  }

  async hit(key: string, max: number, windowMs: number, options?: HitOptions): Promise<RateLimitDecision> {
    const cap = options?.lease ? this.leaseCap(max, windowMs) : 1;
    if (cap < 2) return this.redis.hit(key, max, windowMs);
    const leaseKey = `${max}/${windowMs}:${key}`;
    for (;;) {
      const lease = this.leaseOf(leaseKey);
      if (lease.tokens > 0 && this.now() < lease.expiresAt) {
        lease.tokens -= 1;
        lease.used += 1;
        return { allowed: true, remaining: lease.remaining + lease.tokens, retryAfterMs: 0, limit: max };
      }
      if (lease.pending) {
        lease.waiting += 1;
        await lease.pending;
        lease.waiting -= 1;
        if (lease.refusal) return lease.refusal;
        continue;
      }
      lease.pending = this.reserve(lease, key, max, windowMs, cap);
      try {
        await lease.pending;
      } finally {
        lease.pending = null;
      }
      if (lease.refusal) return lease.refusal;
    }
  }

  /** Keys holding a reservation (for tests). */
  get size(): number {
    return this.leases.size;
  }

  private leaseOf(leaseKey: string): Lease {
    let lease = this.leases.get(leaseKey);
    if (lease) {
      // Most recently used last: the first is the one to drop.
      this.leases.delete(leaseKey);
    } else {
      lease = {
        tokens: 0,
        expiresAt: 0,
        size: 0,
        used: 0,
        remaining: 0,
        waiting: 0,
        pending: null,
        refusal: null,
      };
      if (this.leases.size >= this.maxKeys) {
        const [oldest, held] = this.leases.entries().next().value!;
        // One with hits waiting on it stays; it is dropped next time.
        if (!held.pending) this.leases.delete(oldest);
      }
    }
    this.leases.set(leaseKey, lease);
    return lease;
  }

  private async reserve(lease: Lease, key: string, max: number, windowMs: number, cap: number) {
    // Used up within its hold: twice as many; expired: as many as were used in it.
    const usedUp = lease.size > 0 && this.now() < lease.expiresAt;
    const wanted = Math.min(cap, Math.max(1, usedUp ? lease.size * 2 : lease.used, lease.waiting + 1));
    lease.refusal = null;
    try {
      const reservation = await this.redis.take(key, max, windowMs, wanted, this.holdMs);
      lease.size = reservation.granted;
      lease.used = 0;
      lease.remaining = reservation.remaining;
      lease.tokens = reservation.granted;
      lease.expiresAt = this.now() + this.holdMs;
      if (!reservation.granted) {
        lease.refusal = { allowed: false, remaining: 0, retryAfterMs: reservation.retryAfterMs, limit: max };
      }
    } catch (error) {
      lease.tokens = 0;
      lease.size = 0;
      throw error;
    }
  }
}
