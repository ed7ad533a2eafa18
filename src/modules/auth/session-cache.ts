// What a session lookup found ("this session is live, its user active, with this role and
// profile"), kept for a few seconds per session id, so that a signed-in request does not pay a
// database round trip. Safe because it is pushed out, not only timed out: every change of a
// user's access or profile (logout, revocations, password change or reset, deactivation, role,
// memberships, profile, deletion) goes through CredentialEvents, which every replica hears, and
// each evicts that user's sessions at once. The time bound covers what no event announces (a
// write behind the application's back) and a broker outage: while pub/sub is unhealthy nothing
// is served from the cache. SESSION_CACHE_SECONDS=0 turns it off.
import type { EntityData } from '@mikro-orm/core';
import type { AppLogger } from '../../common/logger.js';
import type { Role, User } from '../users/user.entity.js';
import type { Membership } from '../workspaces/workspace.loaders.js';
import type { CredentialEvents } from './credential-events.js';

/** The user as their row was read, in the entity's properties (to merge into a request's em). */
export type UserSnapshot = EntityData<User> & { id: string; role: Role };

/** A cached session lookup: the user's row and their workspaces with roles. */
export interface SessionFacts {
  user: UserSnapshot;
  memberships: readonly Membership[];
}

interface Entry extends SessionFacts {
  userId: string;
  /** Epoch ms: the cached answer is dropped then (never later than the session's own end). */
  until: number;
}

/** How often to retry subscribing to evictions when the broker was unreachable. */
const RESUBSCRIBE_MS = 5_000;

/** A lookup running now, which requests for the same session join instead of starting their own. */
interface Lookup {
  userId: string;
  /** The generation it started at: after an eviction nobody joins it. */
  generation: number;
  facts: Promise<SessionFacts>;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly lookups = new Map<string, Lookup>();
  private readonly sessionsOf = new Map<string, Set<string>>();
  /** Bumped by every eviction: a lookup that raced one is not cached. */
  private generation = 0;
  /** Only once evictions reach this replica is anything served. */
  private listening = false;
  /** Subscribing (or waiting to retry): started by the first lookup, not at start-up. */
  private subscribing = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly events: CredentialEvents,
    private readonly log: AppLogger,
  ) {}

  /**
   * Subscribes to evictions once requests come: at start-up, building the schema keeps the
   * event loop busy for longer than a Redis command may take, and the subscription would time out.
   */
  private async listen(): Promise<void> {
    this.subscribing = true;
    try {
      await this.events.watchAll((userId) => this.evict(userId));
      this.listening = true;
    } catch (error) {
      this.log.warn({ err: error }, 'session cache off until credential events can be heard');
      this.retry = setTimeout(() => {
        this.subscribing = false;
      }, RESUBSCRIBE_MS);
      this.retry.unref();
    }
  }

  /** Whether answers may be served: on, hearing evictions, and pub/sub healthy now. */
  private usable(): boolean {
    if (!this.listening) {
      if (this.enabled && !this.subscribing) void this.listen();
      return false;
    }
    if (this.events.healthy()) return true;
    // Evictions published meanwhile are lost: forget everything until the broker is back.
    this.clear();
    return false;
  }

  /** Whether lookups are cached at all (SESSION_CACHE_SECONDS > 0). */
  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** A live answer for this session of this user, if one is cached. */
  get(sessionId: string, userId: string, now = Date.now()): SessionFacts | undefined {
    if (!this.usable()) return undefined;
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.userId !== userId || entry.until <= now) {
      this.drop(sessionId);
      return undefined;
    }
    return entry;
  }

  /**
   * The lookup of this session running now, when one started since the last eviction: the
   * requests that find an entry missing (all of a busy client's at once, when it times out)
   * wait for one lookup instead of each making its own.
   */
  joinable(sessionId: string, userId: string): Promise<SessionFacts> | undefined {
    const lookup = this.lookups.get(sessionId);
    if (!lookup || lookup.userId !== userId || lookup.generation !== this.generation || !this.usable())
      return undefined;
    return lookup.facts;
  }

  /** Offers a lookup started at `mark` to the requests that come while it runs (`joinable`). */
  share(mark: number, sessionId: string, userId: string, facts: Promise<SessionFacts>): void {
    const lookup: Lookup = { userId, generation: mark, facts };
    const done = () => {
      if (this.lookups.get(sessionId) === lookup) this.lookups.delete(sessionId);
    };
    // Handled here in any case: a refusal is each joiner's to handle (and the starter's own).
    facts.then(done, done);
    if (this.enabled && mark === this.generation) this.lookups.set(sessionId, lookup);
  }

  /** Taken before a lookup and given back to `remember`: no caching across an eviction. */
  mark(): number {
    return this.generation;
  }

  /** Caches what a lookup started at `mark` found, unless an eviction happened meanwhile. */
  remember(
    mark: number,
    sessionId: string,
    sessionEndsAt: Date,
    facts: SessionFacts,
    now = Date.now(),
  ): void {
    if (!this.usable() || mark !== this.generation) return;
    const until = Math.min(now + this.ttlMs, sessionEndsAt.getTime());
    if (until <= now) return;
    this.drop(sessionId);
    while (this.entries.size >= this.maxEntries) this.drop(this.entries.keys().next().value!);
    const userId = facts.user.id;
    this.entries.set(sessionId, { ...facts, userId, until });
    let sessions = this.sessionsOf.get(userId);
    if (!sessions) this.sessionsOf.set(userId, (sessions = new Set()));
    sessions.add(sessionId);
  }

  /** Forgets every session of the user (this replica; CredentialEvents tells the others). */
  evict(userId: string): void {
    this.generation++;
    for (const sessionId of this.sessionsOf.get(userId) ?? []) this.entries.delete(sessionId);
    this.sessionsOf.delete(userId);
  }

  get size(): number {
    return this.entries.size;
  }

  close(): void {
    clearTimeout(this.retry);
    this.clear();
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
    this.sessionsOf.clear();
  }

  private drop(sessionId: string): void {
    const entry = this.entries.get(sessionId);
    if (!entry) return;
    this.entries.delete(sessionId);
    const sessions = this.sessionsOf.get(entry.userId);
    sessions?.delete(sessionId);
    if (sessions?.size === 0) this.sessionsOf.delete(entry.userId);
  }
}
