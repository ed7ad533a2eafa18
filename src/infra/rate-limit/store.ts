// The contract every rate-limit store keeps: one call counts a hit and decides, atomically.

export interface RateLimitDecision {
  allowed: boolean;
  /** Hits still allowed in the window after this one (0 when refused). */
  remaining: number;
  /** How long until a hit would be allowed again; 0 when allowed. */
  retryAfterMs: number;
  limit: number;
}

export interface RateLimitStore {
  /**
   * Records a hit on `key` if fewer than `max` hits were recorded in the last `windowMs`
   * (a sliding window). Refused hits are not recorded: a client that keeps hammering is let
   * in again as soon as its oldest counted hit leaves the window, not pushed back by every
   * refusal.
   */
  hit(key: string, max: number, windowMs: number, options?: HitOptions): Promise<RateLimitDecision>;
  close?(): Promise<void>;
}

export interface HitOptions {
  /**
   * The caller only needs the decision, not an exact `remaining`: a store shared between
   * replicas may then answer from tokens it leased ahead (see leased-store.ts). The limit
   * itself still holds across replicas.
   */
  lease?: boolean;
}

export function assertHitArguments(key: string, max: number, windowMs: number): void {
  if (!key) throw new TypeError('Rate-limit key must be a non-empty string');
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`Rate-limit max must be a positive integer, got ${max}`);
  if (!Number.isInteger(windowMs) || windowMs < 1) {
    throw new RangeError(`Rate-limit window must be a positive whole number of ms, got ${windowMs}`);
  }
}
