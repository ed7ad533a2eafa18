// Types shared by the visibility engine's adapters, runner, analysis and public entry point.
import type { ProgressCallback } from '../report.js';

export const ENGINE_NAMES = ['openai', 'anthropic', 'perplexity', 'gemini', 'openai-compatible'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export interface EngineConfig {
  name: EngineName;
  /** Required for every engine but `openai-compatible` (where an empty key sends no Authorization). */
  apiKey?: string;
  /** Provider base URL without the endpoint path (see `ENGINE_SPECS` for defaults). */
  baseUrl: string;
  model: string;
  /** Requests in flight at once for this engine (default 4). */
  concurrency?: number;
  /** Per-request timeout, including reading the body (default 60 000 ms). */
  timeoutMs?: number;
  /** Retries after the first attempt on 429/5xx/network errors/timeouts (default 2). */
  maxRetries?: number;
}

export interface Citation {
  url: string;
  title?: string;
}

/**
 * Where and in which language the answers should be localized (the user the engine answers). Each
 * engine sends the fields it has a parameter for (see each adapter's `localeFields`).
 */
export interface AnswerLocale {
  /** ISO 3166-1 alpha-2, upper case (`DE`). */
  country?: string;
  /** Free text (`Bavaria`). */
  region?: string;
  /** Free text (`Munich`). */
  city?: string;
  /** IANA time zone (`Europe/Berlin`). */
  timezone?: string;
  latitude?: number;
  longitude?: number;
  /** ISO 639-1, lower case (`de`). */
  language?: string;
}

export type LocaleField = keyof AnswerLocale;

/** The locale fields in the order reports list them. */
export const LOCALE_FIELDS: readonly LocaleField[] = [
  'country',
  'region',
  'city',
  'timezone',
  'latitude',
  'longitude',
  'language',
];

export interface ModelPrice {
  /** USD per million input tokens. */
  inputPerMillion: number;
  /** USD per million output tokens. */
  outputPerMillion: number;
  /** USD per answer on top of tokens (the provider's web-search fee per request); default 0. */
  perRequest?: number;
  /** Tokens one answer typically uses, for estimates before a run. */
  typicalInputTokens: number;
  typicalOutputTokens: number;
}

/** Keys: `engine:model` (checked first) or `model`. */
export type PriceTable = Record<string, ModelPrice>;

export const FACT_KINDS = ['YEAR', 'NUMBER', 'MONEY', 'NAME'] as const;
export type BrandFactKind = (typeof FACT_KINDS)[number];

export interface BrandFact {
  /** What the fact is about, e.g. "founding year", "headquarters", "starting price". */
  label: string;
  /** The true value, e.g. "2012", "Berlin", "$29". */
  value: string;
  /** How to read statements; inferred from the value when absent. */
  kind?: BrandFactKind;
  /** Words that mark a statement about this fact; derived from the label when absent. */
  keywords?: string[];
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** One answer of one engine to one prompt, normalized across providers. */
export interface EngineAnswer {
  engine: EngineName;
  model: string;
  prompt: string;
  /** 0-based sample index (prompts may be asked several times per engine). */
  sample: number;
  text: string;
  /** Sources the answer actually cites (annotations, citation markers, grounding supports). */
  citations: Citation[];
  /** Sources the engine consulted (search results), cited or not. */
  sources: Citation[];
  latencyMs: number;
  usage: TokenUsage;
  /** True when the answer came from the cache: no request was made, no tokens were spent. */
  cached: boolean;
  /** The locale fields sent with the request (absent when none were). */
  locale?: AnswerLocale;
}

/** Where answers are kept between runs so that a rerun does not pay twice. */
export interface AnswerCache {
  get(key: string): Promise<EngineAnswer | undefined> | EngineAnswer | undefined;
  set(key: string, answer: EngineAnswer, ttlMs: number): Promise<void> | void;
}

export interface VisibilityAuditInput {
  brand: string;
  aliases: string[];
  competitors: string[];
  /** The brand site's host (or URL), from the audit url. */
  domain: string;
  prompts: string[];
  /** Engines to ask; empty = every configured engine. */
  engines: EngineName[];
  /** Location and language of the user the engines answer; each engine sends what it supports. */
  locale?: AnswerLocale | null;
  /** Facts about the brand; answers contradicting them become findings. */
  brandFacts?: BrandFact[];
}

export interface RetryOptions {
  /** First backoff delay; doubles per attempt, with jitter (default 500 ms). */
  baseDelayMs?: number;
  /** Ceiling of one computed backoff delay (default 8 000 ms). */
  maxDelayMs?: number;
  /** Ceiling of a server-requested `Retry-After` wait (default 30 000 ms). */
  maxRetryAfterMs?: number;
}

export interface VisibilityAuditOptions {
  /** The configured engines (from the environment, resolved by the caller). */
  engines: EngineConfig[];
  /** Answers per prompt × engine (default 1). */
  samples?: number;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
  cache?: AnswerCache;
  /** Prices per model for cost estimates, actual costs and the budget (default: DEFAULT_PRICES). */
  prices?: PriceTable;
  /** Stop asking once this many USD are spent (estimated per answer before it is asked); none = no limit. */
  budgetUsd?: number | null;
  /** Ask every prompt afresh: no cached answer is read (new answers are still stored). */
  fresh?: boolean;
  /** How long a cached answer stays valid (default 24 h). */
  cacheTtlMs?: number;
  now?: () => number;
  retry?: RetryOptions;
  /** Consecutive failed answers after which an engine is no longer called in this run (default 3). */
  circuitBreakerThreshold?: number;
  /** Source of randomness for backoff jitter (tests pin it). */
  random?: () => number;
  /** Told how each answer was obtained, e.g. for metrics. */
  onEngineCall?: (engine: EngineName, outcome: EngineCallOutcome) => void;
}

/**
 * How one answer of an engine was obtained: `ok` (the engine answered), `error` (it failed
 * after its retries), `cached` (a stored answer, no call), `skipped` (not asked: the budget was
 * reached or the engine's circuit breaker is open). Calls cut short by cancellation are not told.
 */
export type EngineCallOutcome = 'ok' | 'error' | 'cached' | 'skipped';
