// Answer caching: a rerun of the same prompts within the TTL reuses the stored answers instead of
// paying the providers again. The server plugs in a database-backed `AnswerCache`; this
// in-memory LRU serves a single process and the tests.
import { createHash } from 'node:crypto';
import type { AnswerCache, AnswerLocale, EngineAnswer, EngineConfig } from './types.js';

/**
 * Cache key of one answer: engine, base URL (two OpenAI-compatible servers are different
 * engines), model, sample index, the prompt and the locale sent, if any (hashed, so keys stay
 * short). Without a locale the key is the one used before locales existed.
 */
export function answerCacheKey(
  config: EngineConfig,
  prompt: string,
  sample: number,
  locale: AnswerLocale = {},
): string {
  const parts: unknown[] = [config.name, config.baseUrl, config.model, sample, prompt];
  const fields = Object.keys(locale).sort() as (keyof AnswerLocale)[];
  if (fields.length > 0) parts.push(fields.map((field) => [field, locale[field]]));
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  return `visibility:answer:v1:${config.name}:${digest}`;
}

export class MemoryAnswerCache implements AnswerCache {
  private readonly entries = new Map<string, { answer: EngineAnswer; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): EngineAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks the entry most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return structuredClone(entry.answer);
  }

  set(key: string, answer: EngineAnswer, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { answer: structuredClone(answer), expiresAt: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
