// Automatic persisted queries (Apollo's APQ protocol): a client sends a query's sha256 alone;
// the server answers from the text it kept, or PERSISTED_QUERY_NOT_FOUND, and the client then
// sends hash and text once (registration, which Apollo checks: a hash that is not the text's
// sha256 is refused). Apollo runs the protocol; the texts are kept here — in Redis when there
// is one (every replica knows every registered query), else in a bounded in-memory LRU.
// Both are small KeyValueCaches written here rather than another package: Apollo's own
// in-memory cache is not a direct dependency, and its Redis adapter wants Keyv.
import type { PersistedQueryOptions } from '@apollo/server';
import type { Redis } from 'ioredis';
import type { TrustedDocuments } from '../graphql/trusted-documents.js';

export type QueryTextCache = NonNullable<PersistedQueryOptions['cache']>;

/** Query texts by hash in process memory, at most `maxBytes` of text (least recently used dropped). */
export class MemoryQueryTextCache implements QueryTextCache {
  private readonly texts = new Map<string, { text: string; expiresAt: number }>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const entry = this.texts.get(key);
    if (!entry) return undefined;
    this.texts.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entry.text.length;
      return undefined;
    }
    // Most recently used last: the first is the one to drop.
    this.texts.set(key, entry);
    return entry.text;
  }

  async set(key: string, text: string, options?: { ttl?: number | null }): Promise<void> {
    if (text.length > this.maxBytes) return;
    await this.delete(key);
    const ttlMs = options?.ttl ? options.ttl * 1000 : Infinity;
    this.texts.set(key, { text, expiresAt: this.now() + ttlMs });
    this.bytes += text.length;
    for (const [oldest, entry] of this.texts) {
      if (this.bytes <= this.maxBytes) break;
      this.texts.delete(oldest);
      this.bytes -= entry.text.length;
    }
  }

  async delete(key: string): Promise<boolean> {
    const entry = this.texts.get(key);
    if (!entry) return false;
    this.texts.delete(key);
    this.bytes -= entry.text.length;
    return true;
  }

  /** Bytes of text held (for tests). */
  get size(): number {
    return this.bytes;
  }
}

/**
 * Query texts by hash in Redis, under `prefix`, each expiring after the TTL Apollo gives. An
 * unreachable Redis is a miss (the client then sends the text again), never an error.
 */
export class RedisQueryTextCache implements QueryTextCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, text: string, options?: { ttl?: number | null }): Promise<void> {
    try {
      if (options?.ttl) await this.redis.set(this.prefix + key, text, 'EX', options.ttl);
      else await this.redis.set(this.prefix + key, text);
    } catch {
      // Not kept: the next request with the hash alone is a miss and registers it again.
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(this.prefix + key)) > 0;
    } catch {
      return false;
    }
  }
}

/** What Apollo puts before the hash of every key it asks its persisted query cache for. */
const APOLLO_APQ_PREFIX = 'apq:';

/**
 * Trusted documents mode: the hashes Apollo looks up are the manifest's, and nothing is ever
 * registered (a text sent with its hash runs only if the manifest trusts it).
 */
export class TrustedDocumentCache implements QueryTextCache {
  constructor(private readonly trusted: TrustedDocuments) {}

  async get(key: string): Promise<string | undefined> {
    return key.startsWith(APOLLO_APQ_PREFIX)
      ? this.trusted.textOf(key.slice(APOLLO_APQ_PREFIX.length))
      : undefined;
  }

  async set(): Promise<void> {}

  async delete(): Promise<boolean> {
    return false;
  }
}

export interface PersistedQuerySettings {
  enabled: boolean;
  cacheMb: number;
  ttlSeconds: number;
}

/** Redis keys are this, then Apollo's `apq:` and the hash. */
export const PERSISTED_QUERY_KEY_PREFIX = 'aeo:';

/** Apollo's `persistedQueries` option: the manifest in trusted documents mode, false when off. */
export function persistedQueries(
  settings: PersistedQuerySettings,
  redis: Redis | undefined,
  trusted?: TrustedDocuments | null,
): PersistedQueryOptions | false {
  if (trusted) return { cache: new TrustedDocumentCache(trusted), ttl: null };
  if (!settings.enabled) return false;
  const cache = redis
    ? new RedisQueryTextCache(redis, PERSISTED_QUERY_KEY_PREFIX)
    : new MemoryQueryTextCache(Math.round(settings.cacheMb * 1024 * 1024));
  return { cache, ttl: settings.ttlSeconds };
}
