// VISIBILITY audit engine: asks answer engines the user's prompts and measures whether they
// mention and cite the brand. Pure: configuration comes in, a report goes out, progress through
// a callback. No GraphQL, no database, no environment reads (see `engineConfigsFromEnv`).
import { monotonicProgress } from '../progress.js';
import { AuditInputError, gradeFor, type AuditReport } from '../report.js';
import { analyseAnswer, normalizeDomain, type AnswerAnalysis } from './analysis.js';
import { localeFor } from './engines/adapter.js';
import { ADAPTERS, DEFAULT_MODELS, ENGINE_ENV } from './engines/index.js';
import { competitorVisibility, type CompetitorVisibility } from './competitors.js';
import {
  actualCost,
  Budget,
  DEFAULT_PRICES,
  estimateCost,
  priceFor,
  typicalAnswerCost,
  type CostReport,
  type ModelPrice,
  type PriceTable,
} from './cost.js';
import { checkFacts, type FactCheck } from './facts.js';
import { visibilityFindings } from './findings.js';
import { citedDomains, type CitedDomain } from './leaderboard.js';
import { promptSpread, type PromptSpread } from './spread.js';
import { computeMetrics, type VisibilityMetrics } from './metrics.js';
import { runEngines, type AnswerFailure } from './runner.js';
import { scoreVisibility } from './scoring.js';
import {
  ENGINE_NAMES,
  LOCALE_FIELDS,
  type AnswerLocale,
  type EngineAnswer,
  type EngineConfig,
  type EngineName,
  type LocaleField,
  type TokenUsage,
  type VisibilityAuditInput,
  type VisibilityAuditOptions,
} from './types.js';

export { MemoryAnswerCache, answerCacheKey } from './cache.js';
export { computeMetrics, SHARE_OF_VOICE_DEFINITION } from './metrics.js';
export type { Estimate, VisibilityMetrics } from './metrics.js';
export { wilson, Z_95 } from './stats.js';
export {
  analyseAnswer,
  findMentions,
  hostMatchesDomain,
  normalizeDomain,
  normalizeText,
} from './analysis.js';
export type { AnswerAnalysis } from './analysis.js';
export { scoreVisibility, CATEGORY_WEIGHTS } from './scoring.js';
export { citedDomains, registrableDomain, MAX_CITED_DOMAINS, MAX_PAGES_PER_DOMAIN } from './leaderboard.js';
export type { CitedDomain, CitedPage } from './leaderboard.js';
export { competitorVisibility } from './competitors.js';
export { promptSpread, sampleSpread } from './spread.js';
export { checkFacts, FACT_KINDS, keywordsOf, kindOf } from './facts.js';
export type { BrandFact, BrandFactKind, FactCheck, FactContradiction } from './facts.js';
export {
  actualCost,
  Budget,
  costOf,
  DEFAULT_PRICES,
  estimateCost,
  parsePriceTable,
  priceFor,
  typicalAnswerCost,
} from './cost.js';
export type { CostReport, EngineCost, ModelPrice, PriceTable } from './cost.js';
export type { PromptSpread, SampleSpread } from './spread.js';
export type { CompetitorVisibility } from './competitors.js';
export { ENGINE_ENV, DEFAULT_MODELS } from './engines/index.js';
export type { AnswerFailure } from './runner.js';
export { ENGINE_NAMES, LOCALE_FIELDS } from './types.js';
export type {
  AnswerCache,
  AnswerLocale,
  LocaleField,
  Citation,
  EngineAnswer,
  EngineCallOutcome,
  EngineConfig,
  EngineName,
  RetryOptions,
  TokenUsage,
  VisibilityAuditInput,
  VisibilityAuditOptions,
} from './types.js';

export interface EngineVisibility {
  engine: EngineName;
  model: string;
  metrics: VisibilityMetrics;
  /** Why this engine's answers are missing or incomplete; null when all arrived. */
  error: string | null;
}

/** `report.details.visibility`: mirrors the GraphQL `VisibilityReport`. */
export interface VisibilityReport {
  overall: VisibilityMetrics;
  engines: EngineVisibility[];
  // The fields below came later: documents stored before them lack them (readers default to []).
  /** Per competitor: the overall row (engine null), then one per engine. */
  competitors?: CompetitorVisibility[];
  /** Domains cited across every answer, most cited first. */
  citedDomains?: CitedDomain[];
  /** Answers asked per prompt and engine. */
  samples?: number;
  /** Per prompt × engine: how its samples agree. */
  prompts?: PromptSpread[];
  /** The location and language asked for, and what each engine could send; null when none was asked. */
  locale?: VisibilityLocale | null;
  /** Each brand fact given, checked against the answers that mention the brand. */
  facts?: FactCheck[];
}

export interface VisibilityLocale {
  requested: AnswerLocale;
  engines: { engine: EngineName; sent: LocaleField[]; ignored: LocaleField[] }[];
}

/** Which requested locale fields each engine sends and which it has no parameter for. */
export function localeReport(
  requested: AnswerLocale | null | undefined,
  engines: EngineName[],
): VisibilityLocale | null {
  const fields = LOCALE_FIELDS.filter((field) => requested?.[field] !== undefined);
  if (!requested || fields.length === 0) return null;
  return {
    requested,
    engines: engines.map((engine) => {
      const sent = fields.filter((field) => localeFor(ADAPTERS[engine], requested)[field] !== undefined);
      return { engine, sent, ignored: fields.filter((field) => !sent.includes(field)) };
    }),
  };
}

export interface EngineUsage {
  engine: EngineName;
  model: string;
  requests: number;
  answers: number;
  cachedAnswers: number;
  failedAnswers: number;
  /** Tokens spent by this run (cached answers cost nothing). */
  tokens: TokenUsage;
}

/** What the run cost, against its estimate and budget. */
export interface VisibilityCost {
  /** Before the run: every answer asked at the model's typical tokens (cached answers would cost nothing). */
  estimate: CostReport;
  /** The tokens the providers reported, priced; cached answers cost nothing. */
  actual: CostReport;
  /** The audit's limit in USD; null = none. */
  budgetUsd: number | null;
  /** The budget was reached: the audit ended with the answers it had. */
  stoppedByBudget: boolean;
  /** Answers not asked because of the budget. */
  skippedAnswers: number;
}

/** `report.details` of a visibility audit. */
export interface VisibilityDetails {
  visibility: VisibilityReport;
  answers: (EngineAnswer & { analysis: AnswerAnalysis })[];
  failures: AnswerFailure[];
  usage: EngineUsage[];
  /** Absent in documents stored before costs were measured. */
  cost?: VisibilityCost;
}

/**
 * The cost of asking these prompts (× samples) of these engines, before any run, and the prices a
 * budget needs. Throws AuditInputError like runVisibilityAudit for unknown or unconfigured engines.
 */
export function estimateVisibilityCost(
  request: { prompts: string[]; engines: readonly string[]; samples: number },
  configs: EngineConfig[],
  table: PriceTable = DEFAULT_PRICES,
): CostReport {
  const engines = resolveEngines(request.engines, configs);
  const prompts = new Set(request.prompts.map((p) => p.trim()).filter((p) => p.length > 0));
  return estimateCost(engines, prompts.size * request.samples, table);
}

/** The price of every engine, or AuditInputError naming the first without one (a budget needs them). */
function pricesForBudget(configs: EngineConfig[], table: PriceTable): Map<EngineName, ModelPrice> {
  const prices = new Map<EngineName, ModelPrice>();
  for (const config of configs) {
    const price = priceFor(table, config.name, config.model);
    if (!price) {
      throw new AuditInputError(
        `A budget needs the price of every engine: ${config.name} (${config.model}) has none; add "${config.name}:${config.model}" to VISIBILITY_PRICES`,
      );
    }
    prices.set(config.name, price);
  }
  return prices;
}

/** Checks a budget against the engines' prices before anything is asked (AuditInputError when it cannot work). */
export function checkBudget(
  budgetUsd: number,
  configs: EngineConfig[],
  table: PriceTable = DEFAULT_PRICES,
): void {
  if (!(budgetUsd > 0)) throw new AuditInputError('The budget must be a positive amount of USD');
  const prices = pricesForBudget(configs, table);
  const cheapest = Math.min(...[...prices.values()].map(typicalAnswerCost));
  if (budgetUsd < cheapest) {
    throw new AuditInputError(
      `The budget of $${budgetUsd} does not cover one answer (the cheapest engine's typical answer costs $${cheapest.toFixed(4)})`,
    );
  }
}

/** Thrown when no engine produced a single answer; the message says which failed and why. */
export class AllEnginesFailedError extends Error {
  override name = 'AllEnginesFailedError';
  constructor(readonly engines: { engine: EngineName; error: string }[]) {
    super(`Every answer engine failed: ${engines.map((e) => `${e.engine}: ${e.error}`).join('; ')}`);
  }
}

export function isEngineName(name: string): name is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}

/** A config is usable when it has a key (or, for `openai-compatible`, a base URL) and a model. */
function isUsable(config: EngineConfig): boolean {
  if (!config.baseUrl || !config.model) return false;
  return !ADAPTERS[config.name].requiresApiKey || Boolean(config.apiKey);
}

/** Engines that can be asked with these configs, in the canonical order. */
export function availableEngines(configs: EngineConfig[]): EngineName[] {
  return ENGINE_NAMES.filter((name) => configs.some((config) => config.name === name && isUsable(config)));
}

function whatToSet(name: EngineName): string {
  return ADAPTERS[name].requiresApiKey ? ENGINE_ENV[name].apiKey : ENGINE_ENV[name].baseUrl;
}

/**
 * The configs of the requested engines (every configured engine when none is requested).
 * Throws `AuditInputError` naming what to configure for an unknown or unconfigured engine.
 */
export function resolveEngines(requested: readonly string[], configs: EngineConfig[]): EngineConfig[] {
  const available = availableEngines(configs);
  const names = requested.length > 0 ? [...new Set(requested)] : available;
  if (names.length === 0) {
    throw new AuditInputError(
      `No answer engine is configured: set one of ${ENGINE_NAMES.map(whatToSet).join(', ')}`,
    );
  }
  return names.map((name) => {
    if (!isEngineName(name)) {
      throw new AuditInputError(`Unknown engine "${name}": expected one of ${ENGINE_NAMES.join(', ')}`);
    }
    const config = configs.find((c) => c.name === name && isUsable(c));
    if (!config) throw new AuditInputError(`Engine "${name}" is not configured: set ${whatToSet(name)}`);
    return config;
  });
}

/**
 * Engine configs from environment variables (names fixed by the API contract). The caller
 * passes the environment (with `*_FILE` secrets already resolved); engines without a key
 * (without a base URL for `openai-compatible`) are left out.
 */
export function engineConfigsFromEnv(env: Record<string, string | undefined>): EngineConfig[] {
  return ENGINE_NAMES.flatMap((name): EngineConfig[] => {
    const names = ENGINE_ENV[name];
    const apiKey = env[names.apiKey]?.trim() ?? '';
    const baseUrl = env[names.baseUrl]?.trim() || ADAPTERS[name].defaultBaseUrl || '';
    const config: EngineConfig = {
      name,
      apiKey,
      baseUrl,
      model: env[names.model]?.trim() || DEFAULT_MODELS[name],
    };
    return isUsable(config) ? [config] : [];
  });
}

const MAX_PROMPTS = 100;
export const MAX_SAMPLES_PER_PROMPT = 10;

function validateInput(input: VisibilityAuditInput, samples: number): { prompts: string[]; domain: string } {
  if (!input.brand.trim()) throw new AuditInputError('A brand name is required for a visibility audit');
  const prompts = [...new Set(input.prompts.map((p) => p.trim()).filter((p) => p.length > 0))];
  if (prompts.length === 0)
    throw new AuditInputError('At least one prompt is required for a visibility audit');
  if (prompts.length > MAX_PROMPTS) {
    throw new AuditInputError(`At most ${MAX_PROMPTS} prompts per visibility audit (got ${prompts.length})`);
  }
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES_PER_PROMPT) {
    throw new AuditInputError(`Samples per prompt must be an integer from 1 to ${MAX_SAMPLES_PER_PROMPT}`);
  }
  const domain = normalizeDomain(input.domain);
  if (!domain) throw new AuditInputError("The brand's site (domain) is required for a visibility audit");
  return { prompts, domain };
}

const QUERY_SHARE = 0.95;

export async function runVisibilityAudit(
  input: VisibilityAuditInput,
  options: VisibilityAuditOptions,
): Promise<AuditReport> {
  const samples = options.samples ?? 1;
  const { prompts, domain } = validateInput(input, samples);
  const configs = resolveEngines(input.engines, options.engines);
  const now = options.now ?? Date.now;
  const report = monotonicProgress(options.onProgress);
  const prices = options.prices ?? DEFAULT_PRICES;
  const budgetUsd = options.budgetUsd ?? null;
  let budget: Budget | undefined;
  if (budgetUsd !== null) {
    checkBudget(budgetUsd, configs, prices);
    const byEngine = pricesForBudget(configs, prices);
    budget = new Budget(budgetUsd, (engine) => byEngine.get(engine)!);
  }
  const estimate = estimateCost(configs, prompts.length * samples, prices);

  options.signal?.throwIfAborted();
  report(
    0,
    'Asking answer engines',
    `${prompts.length} prompt(s) × ${configs.length} engine(s) × ${samples}`,
  );
  const runs = await runEngines(configs, prompts, {
    samples,
    signal: options.signal,
    cache: options.cache,
    cacheTtlMs: options.cacheTtlMs ?? 24 * 60 * 60 * 1000,
    now,
    random: options.random ?? Math.random,
    baseDelayMs: options.retry?.baseDelayMs ?? 500,
    maxDelayMs: options.retry?.maxDelayMs ?? 8000,
    maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? 30_000,
    circuitBreakerThreshold: options.circuitBreakerThreshold ?? 3,
    fresh: options.fresh ?? false,
    locale: input.locale ?? {},
    budget,
    onEngineCall: options.onEngineCall,
    onAnswer: (done, total, engine) =>
      report((done / total) * QUERY_SHARE, 'Asking answer engines', `${engine}: ${done}/${total} answers`),
  });
  options.signal?.throwIfAborted();

  if (budget && runs.every((run) => run.answers.length === 0) && budget.skipped > 0) {
    throw new AuditInputError(
      `The budget of $${budgetUsd} was reached before any answer arrived; raise it or ask fewer prompts`,
    );
  }
  if (runs.every((run) => run.answers.length === 0)) {
    throw new AllEnginesFailedError(
      runs.map((run) => ({ engine: run.engine, error: run.error ?? 'no answers' })),
    );
  }

  report(QUERY_SHARE, 'Analysing answers');
  const context = {
    brand: input.brand.trim(),
    aliases: input.aliases,
    competitors: input.competitors,
    domain,
  };
  const answers = runs.flatMap((run) =>
    run.answers.map((answer) => ({ answer, analysis: analyseAnswer(answer, context) })),
  );
  const analyses = answers.map((a) => a.analysis);
  const overall = computeMetrics(analyses);
  const visibility: VisibilityReport = {
    overall,
    engines: runs.map((run) => ({
      engine: run.engine,
      model: run.model,
      metrics: computeMetrics(analyses.filter((a) => a.engine === run.engine)),
      error: run.error,
    })),
    competitors: competitorVisibility(
      analyses,
      context.competitors,
      runs.map((run) => run.engine),
    ),
    citedDomains: citedDomains(analyses, { domain, competitors: context.competitors, prompts }),
    samples,
    prompts: promptSpread(
      analyses,
      prompts,
      runs.map((run) => run.engine),
    ),
    locale: localeReport(
      input.locale,
      runs.map((run) => run.engine),
    ),
    facts: checkFacts(
      input.brandFacts ?? [],
      answers.map(({ answer, analysis }) => ({ answer, brandMentioned: analysis.brandMentioned })),
      { name: context.brand, aliases: context.aliases, competitors: context.competitors },
    ),
  };
  const scoring = scoreVisibility(overall);
  const skippedByBudget = runs.reduce((sum, run) => sum + run.skippedByBudget, 0);
  const findings = visibilityFindings({
    brand: context.brand,
    domain,
    prompts,
    overall,
    analyses,
    runs,
    scoring,
    facts: visibility.facts ?? [],
    citedBy: (engine, prompt, sample) =>
      answers
        .find((a) => a.answer.engine === engine && a.answer.prompt === prompt && a.answer.sample === sample)
        ?.answer.citations.map((c) => c.url) ?? [],
    budget:
      budget && skippedByBudget > 0
        ? { limitUsd: budgetUsd ?? 0, spentUsd: budget.spent, skippedByBudget }
        : null,
  });
  const details: VisibilityDetails = {
    visibility,
    answers: answers.map(({ answer, analysis }) => ({ ...answer, analysis })),
    failures: runs.flatMap((run) => run.failures),
    usage: runs.map((run) => ({
      engine: run.engine,
      model: run.model,
      requests: run.requests,
      answers: run.answers.length,
      cachedAnswers: run.cachedAnswers,
      failedAnswers: run.failures.length,
      tokens: run.usage,
    })),
    cost: {
      estimate,
      actual: actualCost(
        runs.map((run) => ({
          engine: run.engine,
          model: run.model,
          paidAnswers: run.answers.length - run.cachedAnswers,
          usage: run.usage,
        })),
        prices,
      ),
      budgetUsd,
      stoppedByBudget: skippedByBudget > 0,
      skippedAnswers: skippedByBudget,
    },
  };
  report(1, 'Done');
  return {
    score: scoring.score,
    grade: gradeFor(scoring.score),
    categories: scoring.categories,
    findings,
    details: details as unknown as Record<string, unknown>,
  };
}
