// Asks every engine every prompt (× samples): per-engine concurrency, cache, retries (in
// http.ts) and a per-engine circuit breaker, so one engine being down costs the run a few fast
// failures rather than every prompt's full retry budget.
import { answerCacheKey } from './cache.js';
import type { Budget } from './cost.js';
import { localeFor } from './engines/adapter.js';
import { ADAPTERS } from './engines/index.js';
import { EngineRequestError, postJsonWithRetry, type RetryPolicy } from './http.js';
import type {
  AnswerCache,
  AnswerLocale,
  EngineAnswer,
  EngineCallOutcome,
  EngineConfig,
  EngineName,
  TokenUsage,
} from './types.js';

export interface AnswerFailure {
  engine: EngineName;
  model: string;
  prompt: string;
  sample: number;
  error: string;
}

export interface EngineRun {
  engine: EngineName;
  model: string;
  answers: EngineAnswer[];
  failures: AnswerFailure[];
  /** Tokens spent by this run (cached answers cost nothing). */
  usage: TokenUsage;
  /** HTTP requests made, retries included. */
  requests: number;
  cachedAnswers: number;
  /** Answers not asked because the audit's budget was reached. */
  skippedByBudget: number;
  /** Why the engine's answers are incomplete, or null when every answer arrived. */
  error: string | null;
}

export interface RunSettings {
  samples: number;
  signal?: AbortSignal;
  cache?: AnswerCache;
  cacheTtlMs: number;
  now: () => number;
  random: () => number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  circuitBreakerThreshold: number;
  /** Skip cache reads (answers are still written). */
  fresh: boolean;
  /** The locale requested; each engine sends the fields it supports. */
  locale: AnswerLocale;
  /** The audit's spending limit, shared by every engine; none = unlimited. */
  budget?: Budget;
  /** Called after each answer (or failure) with the number done so far. */
  onAnswer: (done: number, total: number, label: string) => void;
  /** Told how each answer was obtained (for the caller's metrics). */
  onEngineCall?: (engine: EngineName, outcome: EngineCallOutcome) => void;
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;

/** Opens after `threshold` consecutive failed answers, or at once on a failure that will repeat. */
class CircuitBreaker {
  private consecutiveFailures = 0;
  openReason: string | null = null;

  constructor(private readonly threshold: number) {}

  success(): void {
    this.consecutiveFailures = 0;
  }

  failure(error: unknown): void {
    this.consecutiveFailures++;
    if (this.openReason) return;
    const message = errorMessage(error);
    if (error instanceof EngineRequestError && error.fatal) {
      this.openReason = `stopped after a non-recoverable error: ${message}`;
    } else if (this.consecutiveFailures >= this.threshold) {
      this.openReason = `stopped after ${this.consecutiveFailures} consecutive failures, the last: ${message}`;
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function cacheGet(cache: AnswerCache | undefined, key: string): Promise<EngineAnswer | undefined> {
  if (!cache) return undefined;
  try {
    return (await cache.get(key)) ?? undefined;
  } catch {
    return undefined; // a broken cache costs money, not the audit
  }
}

async function cacheSet(cache: AnswerCache | undefined, key: string, answer: EngineAnswer, ttlMs: number) {
  if (!cache) return;
  try {
    await cache.set(key, answer, ttlMs);
  } catch {
    // same as above: the answer is still used for this run
  }
}

async function runEngine(
  config: EngineConfig,
  prompts: string[],
  settings: RunSettings,
  progress: () => void,
): Promise<EngineRun> {
  const adapter = ADAPTERS[config.name];
  const breaker = new CircuitBreaker(settings.circuitBreakerThreshold);
  const policy: RetryPolicy = {
    maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    baseDelayMs: settings.baseDelayMs,
    maxDelayMs: settings.maxDelayMs,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    random: settings.random,
    now: settings.now,
  };
  const run: EngineRun = {
    engine: config.name,
    model: config.model,
    answers: [],
    failures: [],
    usage: { inputTokens: 0, outputTokens: 0 },
    requests: 0,
    cachedAnswers: 0,
    skippedByBudget: 0,
    error: null,
  };
  const locale = localeFor(adapter, settings.locale);
  const localized = Object.keys(locale).length > 0;
  const tasks = prompts.flatMap((prompt) =>
    Array.from({ length: settings.samples }, (_, sample) => ({ prompt, sample })),
  );

  const told = (outcome: EngineCallOutcome) => settings.onEngineCall?.(config.name, outcome);
  const ask = async ({ prompt, sample }: { prompt: string; sample: number }) => {
    const key = answerCacheKey(config, prompt, sample, locale);
    const cached = settings.fresh ? undefined : await cacheGet(settings.cache, key);
    if (cached) {
      run.cachedAnswers++;
      told('cached');
      run.answers.push({ ...cached, engine: config.name, model: config.model, prompt, sample, cached: true });
      return;
    }
    // The cache lookup may have outlasted a cancellation: no request after it.
    settings.signal?.throwIfAborted();
    if (breaker.openReason) {
      told('skipped');
      throw new EngineRequestError(`not asked: ${breaker.openReason}`, false);
    }
    // Out of budget: the answer is not asked, which is not a failure of the engine.
    if (settings.budget && !settings.budget.reserve(config.name)) {
      run.skippedByBudget++;
      told('skipped');
      return;
    }
    let settled = false;
    const started = performance.now();
    let attempts = 0;
    try {
      const request = adapter.buildRequest(config, prompt, locale);
      const response = await postJsonWithRetry(request, policy, settings.signal, (body) =>
        adapter.parseResponse(body),
      );
      attempts = response.attempts;
      const parsed = response.body;
      const answer: EngineAnswer = {
        engine: config.name,
        model: config.model,
        prompt,
        sample,
        ...parsed,
        latencyMs: Math.round(performance.now() - started),
        cached: false,
        ...(localized ? { locale } : {}),
      };
      run.usage.inputTokens += answer.usage.inputTokens;
      run.usage.outputTokens += answer.usage.outputTokens;
      settings.budget?.settle(config.name, answer.usage);
      settled = true;
      run.answers.push(answer);
      told('ok');
      breaker.success();
      await cacheSet(settings.cache, key, answer, settings.cacheTtlMs);
    } catch (error) {
      if (error instanceof EngineRequestError) {
        attempts ||= error.attempts;
        breaker.failure(error);
      }
      if (!settings.signal?.aborted) told('error');
      throw error;
    } finally {
      run.requests += attempts;
      if (!settled) settings.budget?.settle(config.name, null);
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      settings.signal?.throwIfAborted();
      const task = tasks[next++];
      if (!task) break;
      try {
        await ask(task);
      } catch (error) {
        if (settings.signal?.aborted) throw settings.signal.reason;
        if (!(error instanceof EngineRequestError)) throw error;
        run.failures.push({ engine: config.name, model: config.model, ...task, error: error.message });
      }
      progress();
    }
  };
  const concurrency = Math.max(1, Math.floor(config.concurrency ?? DEFAULT_CONCURRENCY));
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));

  // Answers arrive in completion order; keep a stable prompt × sample order for the report.
  const order = new Map(prompts.map((prompt, index) => [prompt, index]));
  run.answers.sort((a, b) => (order.get(a.prompt) ?? 0) - (order.get(b.prompt) ?? 0) || a.sample - b.sample);

  if (run.failures.length > 0) {
    const missing = `${run.failures.length} of ${tasks.length} answers missing`;
    const first = run.failures.find((failure) => !failure.error.startsWith('not asked:')) ?? run.failures[0];
    run.error = breaker.openReason
      ? `${breaker.openReason} (${missing})`
      : `${missing}; first error: ${first?.error ?? 'unknown'}`;
  }
  return run;
}

/** Runs every configured engine in parallel; rejects only on cancellation or a programming error. */
export async function runEngines(
  configs: EngineConfig[],
  prompts: string[],
  settings: RunSettings,
): Promise<EngineRun[]> {
  const total = configs.length * prompts.length * settings.samples;
  let done = 0;
  return Promise.all(
    configs.map((config) =>
      runEngine(config, prompts, settings, () => {
        done++;
        settings.onAnswer(done, total, config.name);
      }),
    ),
  );
}
