// Competitor metrics: each competitor's mention rate, share of voice and average position, per
// engine and overall, measured exactly like the brand's (metrics.ts `nameMetrics`), so the rows
// of one audit compare directly and the shares of voice of the brand and its competitors sum to 1.
import type { AnswerAnalysis } from './analysis.js';
import { nameMetrics, type NameMetrics } from './metrics.js';
import type { EngineName } from './types.js';

export interface CompetitorVisibility extends NameMetrics {
  name: string;
  /** null = every engine's answers together. */
  engine: EngineName | null;
  /** Answers the figures are computed on. */
  answers: number;
}

const positionOf = (name: string) => (answer: AnswerAnalysis) =>
  answer.mentions.find((mention) => !mention.brand && mention.name === name)?.position ?? null;

/** For each competitor (input order): the overall row, then one row per engine (run order). */
export function competitorVisibility(
  analyses: AnswerAnalysis[],
  competitors: string[],
  engines: EngineName[],
): CompetitorVisibility[] {
  return competitors.flatMap((name) =>
    [null, ...engines].map((engine) => {
      const answers = engine === null ? analyses : analyses.filter((a) => a.engine === engine);
      return { name, engine, answers: answers.length, ...nameMetrics(answers, positionOf(name)) };
    }),
  );
}
