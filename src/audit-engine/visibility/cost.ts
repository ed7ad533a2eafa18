// What a visibility audit costs: tokens per engine priced from a per-model price table, estimated
// before a run (requests × the model's typical tokens per answer) and measured after it (the
// tokens the providers reported). The table is the operator's (VISIBILITY_PRICES); the defaults
// below cover the default models only and are list prices that change: check them.
import type { EngineName, ModelPrice, PriceTable, TokenUsage } from './types.js';

export type { ModelPrice, PriceTable } from './types.js';

/**
 * List prices of the default models (USD, standard tier, as the providers published them in
 * 2025: openai.com/api/pricing, anthropic.com/pricing, docs.perplexity.ai/getting-started/pricing,
 * ai.google.dev/gemini-api/docs/pricing). The per-request part is the web-search or grounding
 * fee per call. Typical tokens are what one web-searched answer used in recorded responses
 * (search results count as input for OpenAI and Anthropic). Override or extend with
 * VISIBILITY_PRICES; a model missing from the table has no price (null), never a guessed one.
 */
export const DEFAULT_PRICES: PriceTable = {
  'openai:gpt-4.1': {
    inputPerMillion: 2,
    outputPerMillion: 8,
    perRequest: 0.01,
    typicalInputTokens: 3000,
    typicalOutputTokens: 600,
  },
  'anthropic:claude-sonnet-4-5': {
    inputPerMillion: 3,
    outputPerMillion: 15,
    perRequest: 0.01,
    typicalInputTokens: 6000,
    typicalOutputTokens: 900,
  },
  'perplexity:sonar': {
    inputPerMillion: 1,
    outputPerMillion: 1,
    perRequest: 0.005,
    typicalInputTokens: 50,
    typicalOutputTokens: 300,
  },
  'gemini:gemini-2.5-flash': {
    inputPerMillion: 0.3,
    outputPerMillion: 2.5,
    perRequest: 0.035,
    typicalInputTokens: 100,
    typicalOutputTokens: 400,
  },
};

const PRICE_FIELDS = [
  'inputPerMillion',
  'outputPerMillion',
  'typicalInputTokens',
  'typicalOutputTokens',
] as const;

/**
 * A price table from JSON (`{"openai:gpt-4.1": {"inputPerMillion": 2, …}}`), merged over the
 * defaults. Throws an Error saying which entry is wrong.
 */
export function parsePriceTable(json: string | undefined): PriceTable {
  if (!json?.trim()) return { ...DEFAULT_PRICES };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('VISIBILITY_PRICES must be a JSON object of model prices');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('VISIBILITY_PRICES must be a JSON object of model prices');
  }
  const table: PriceTable = { ...DEFAULT_PRICES };
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const entry = value as Record<string, unknown> | null;
    const fields = [
      ...PRICE_FIELDS,
      ...(entry && entry.perRequest !== undefined ? ['perRequest' as const] : []),
    ];
    const bad = fields.filter(
      (field) => typeof entry?.[field] !== 'number' || !Number.isFinite(entry[field]) || entry[field] < 0,
    );
    if (!entry || bad.length > 0) {
      throw new Error(
        `VISIBILITY_PRICES["${key}"] needs non-negative numbers for ${[...PRICE_FIELDS].join(', ')} (perRequest optional): ` +
          `check ${bad.join(', ') || 'the entry'}`,
      );
    }
    table[key] = {
      inputPerMillion: entry.inputPerMillion as number,
      outputPerMillion: entry.outputPerMillion as number,
      perRequest: (entry.perRequest as number | undefined) ?? 0,
      typicalInputTokens: entry.typicalInputTokens as number,
      typicalOutputTokens: entry.typicalOutputTokens as number,
    };
  }
  return table;
}

export function priceFor(table: PriceTable, engine: EngineName, model: string): ModelPrice | null {
  return table[`${engine}:${model}`] ?? table[model] ?? null;
}

/** USD for `answers` answers that used `usage` tokens in all. */
export function costOf(price: ModelPrice, usage: TokenUsage, answers: number): number {
  return (
    (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000 +
    answers * (price.perRequest ?? 0)
  );
}

/** USD one answer typically costs. */
export function typicalAnswerCost(price: ModelPrice): number {
  return costOf(price, { inputTokens: price.typicalInputTokens, outputTokens: price.typicalOutputTokens }, 1);
}

export interface EngineCost {
  engine: EngineName;
  model: string;
  /** Answers paid for (estimate: asked; actual: received, cached ones excluded). */
  answers: number;
  inputTokens: number;
  outputTokens: number;
  /** USD; null when the model has no price in the table. */
  cost: number | null;
}

export interface CostReport {
  currency: 'USD';
  engines: EngineCost[];
  /** Sum over engines; null when any engine has no price. */
  total: number | null;
}

function report(engines: EngineCost[]): CostReport {
  const total = engines.every((e) => e.cost !== null)
    ? engines.reduce((sum, e) => sum + (e.cost ?? 0), 0)
    : null;
  return { currency: 'USD', engines, total };
}

/** Before a run: every prompt × sample asked of every engine, at the model's typical tokens. */
export function estimateCost(
  engines: { name: EngineName; model: string }[],
  asksPerEngine: number,
  table: PriceTable,
): CostReport {
  return report(
    engines.map(({ name, model }) => {
      const price = priceFor(table, name, model);
      const inputTokens = asksPerEngine * (price?.typicalInputTokens ?? 0);
      const outputTokens = asksPerEngine * (price?.typicalOutputTokens ?? 0);
      return {
        engine: name,
        model,
        answers: asksPerEngine,
        inputTokens,
        outputTokens,
        cost: price ? costOf(price, { inputTokens, outputTokens }, asksPerEngine) : null,
      };
    }),
  );
}

/** After a run: the tokens each engine reported for the answers it was paid for. */
export function actualCost(
  runs: { engine: EngineName; model: string; paidAnswers: number; usage: TokenUsage }[],
  table: PriceTable,
): CostReport {
  return report(
    runs.map((run) => {
      const price = priceFor(table, run.engine, run.model);
      return {
        engine: run.engine,
        model: run.model,
        answers: run.paidAnswers,
        inputTokens: run.usage.inputTokens,
        outputTokens: run.usage.outputTokens,
        cost: price ? costOf(price, run.usage, run.paidAnswers) : null,
      };
    }),
  );
}

/**
 * A per-audit spending limit shared by every engine of a run. Before each request the runner
 * reserves the answer's typical cost; the request goes out only while what was spent plus what
 * is reserved stays within the limit, so concurrent requests cannot overshoot it by more than
 * the difference between typical and actual answers. A received answer replaces its reservation
 * with its actual cost.
 */
export class Budget {
  private spentUsd = 0;
  private reservedUsd = 0;
  /** Requests not made because the budget was reached. */
  skipped = 0;

  constructor(
    readonly limitUsd: number,
    private readonly priceOf: (engine: EngineName) => ModelPrice,
  ) {}

  get spent(): number {
    return this.spentUsd;
  }

  /** Whether one more answer of `engine` fits; if so its typical cost is reserved. */
  reserve(engine: EngineName): boolean {
    const expected = typicalAnswerCost(this.priceOf(engine));
    if (this.spentUsd + this.reservedUsd + expected > this.limitUsd) {
      this.skipped++;
      return false;
    }
    this.reservedUsd += expected;
    return true;
  }

  /** The reserved answer arrived (usage) or failed (null: providers do not bill failed requests). */
  settle(engine: EngineName, usage: TokenUsage | null): void {
    const price = this.priceOf(engine);
    this.reservedUsd = Math.max(0, this.reservedUsd - typicalAnswerCost(price));
    if (usage) this.spentUsd += costOf(price, usage, 1);
  }
}
