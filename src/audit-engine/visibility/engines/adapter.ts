// What every answer-engine adapter provides: how to phrase the provider's request and how to read
// its response into the normalized shape. The HTTP, retries and caching live in the runner.
import { EngineRequestError, type HttpRequest } from '../http.js';
import type { AnswerLocale, Citation, EngineConfig, EngineName, LocaleField, TokenUsage } from '../types.js';
import { canonicalUrl } from '../urls.js';

export interface ParsedAnswer {
  text: string;
  citations: Citation[];
  sources: Citation[];
  usage: TokenUsage;
}

export interface EngineAdapter {
  name: EngineName;
  /** Default base URL, or null when the operator must provide one. */
  defaultBaseUrl: string | null;
  /** Whether the engine can be used without an API key. */
  requiresApiKey: boolean;
  /** The locale fields this engine has a request parameter for (documented in docs/visibility.md). */
  localeFields: readonly LocaleField[];
  /** Coordinates are sent only together with a country (Perplexity's rule). */
  coordinatesNeedCountry?: boolean;
  /** `locale` holds only fields of `localeFields` (see `localeFor`). */
  buildRequest(config: EngineConfig, prompt: string, locale: AnswerLocale): HttpRequest;
  /**
   * Throws `EngineRequestError` (not retryable) when the body is not the provider's shape, or a
   * retryable one when the provider returned an unfinished answer worth asking for again.
   */
  parseResponse(body: unknown): ParsedAnswer;
}

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export function unexpectedShape(engine: string, what: string): EngineRequestError {
  return new EngineRequestError(`unexpected ${engine} response: ${what}`, false);
}

/** Keeps the first occurrence of each page (by `canonicalUrl`) and the first title seen for it. */
export function dedupeCitations(citations: Iterable<Citation>): Citation[] {
  const byUrl = new Map<string, Citation>();
  for (const citation of citations) {
    if (!citation.url) continue;
    const key = canonicalUrl(citation.url);
    const existing = byUrl.get(key);
    if (!existing) byUrl.set(key, { ...citation });
    else if (!existing.title && citation.title) existing.title = citation.title;
  }
  return [...byUrl.values()];
}

export function citation(url: string, title: string | undefined): Citation {
  return title ? { url, title } : { url };
}

/** The part of `locale` an engine can send: the fields it has a parameter for. */
export function localeFor(
  adapter: Pick<EngineAdapter, 'localeFields' | 'coordinatesNeedCountry'>,
  locale: AnswerLocale,
): AnswerLocale {
  const sent: AnswerLocale = {};
  for (const field of adapter.localeFields) {
    if (locale[field] !== undefined) (sent as Record<string, unknown>)[field] = locale[field];
  }
  if (adapter.coordinatesNeedCountry && !sent.country) {
    delete sent.latitude;
    delete sent.longitude;
  }
  return sent;
}

/** OpenAI's and Anthropic's web search `user_location` (`type: 'approximate'`), or undefined. */
export function approximateLocation(locale: AnswerLocale): Json | undefined {
  const { country, region, city, timezone } = locale;
  if (!country && !region && !city && !timezone) return undefined;
  return { type: 'approximate', ...definedOnly({ country, region, city, timezone }) };
}

export function definedOnly(values: Json): Json {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
