// How much answers vary between samples of the same prompt. Answer engines are not deterministic:
// asking each prompt several times shows whether a mention is dependable or luck. Two views:
//  - per prompt × engine: of its samples, how many named the brand (and at which rank), and
//    whether they agree (all or none did);
//  - per engine and overall: the mention rate of each sample round (answers with sample index k,
//    across prompts), and its minimum, maximum and standard deviation across rounds.
import type { AnswerAnalysis } from './analysis.js';
import { mean, wilson, type Estimate } from './stats.js';
import type { EngineName } from './types.js';

export interface SampleSpread {
  /** Sample rounds with at least one answer. */
  rounds: number;
  /** Lowest, highest mention rate of one round; its population standard deviation across rounds. */
  mentionRateMin: number;
  mentionRateMax: number;
  mentionRateStdDev: number;
  /** Prompts (× engine) whose samples disagree: some named the brand, some did not. */
  unstablePrompts: number;
}

export interface PromptSpread {
  prompt: string;
  engine: EngineName;
  /** Samples that arrived. */
  answers: number;
  /** Of them, how many named the brand. */
  mentioned: number;
  mentionRate: Estimate | null;
  /** The brand's rank in each sample that named it, in sample order. */
  positions: number[];
  /** Of them, how many cited the brand's domain. */
  cited: number;
  /** All samples agree: every one named the brand, or none did. */
  stable: boolean;
}

/** One row per prompt and engine, in the audit's prompt order, then engine order. */
export function promptSpread(
  analyses: AnswerAnalysis[],
  prompts: string[],
  engines: EngineName[],
): PromptSpread[] {
  return prompts.flatMap((prompt) =>
    engines.flatMap((engine) => {
      const samples = analyses
        .filter((a) => a.prompt === prompt && a.engine === engine)
        .sort((a, b) => a.sample - b.sample);
      if (samples.length === 0) return [];
      const mentioned = samples.filter((a) => a.brandMentioned).length;
      return [
        {
          prompt,
          engine,
          answers: samples.length,
          mentioned,
          mentionRate: wilson(mentioned, samples.length),
          positions: samples.flatMap((a) =>
            a.brandMentioned && a.brandPosition !== null ? [a.brandPosition] : [],
          ),
          cited: samples.filter((a) => a.brandCitations.length > 0).length,
          stable: mentioned === 0 || mentioned === samples.length,
        },
      ];
    }),
  );
}

/** The spread across sample rounds; null with fewer than two rounds (nothing to compare). */
export function sampleSpread(analyses: AnswerAnalysis[]): SampleSpread | null {
  const rounds = new Map<number, AnswerAnalysis[]>();
  for (const analysis of analyses)
    rounds.set(analysis.sample, [...(rounds.get(analysis.sample) ?? []), analysis]);
  if (rounds.size < 2) return null;
  const rates = [...rounds.values()].map(
    (round) => round.filter((a) => a.brandMentioned).length / round.length,
  );
  const average = mean(rates) ?? 0;
  const groups = new Map<string, boolean[]>();
  for (const analysis of analyses) {
    const key = `${analysis.engine}\u0000${analysis.prompt}`;
    groups.set(key, [...(groups.get(key) ?? []), analysis.brandMentioned]);
  }
  const unstable = [...groups.values()].filter(
    (named) => named.some(Boolean) && !named.every(Boolean),
  ).length;
  return {
    rounds: rounds.size,
    mentionRateMin: Math.min(...rates),
    mentionRateMax: Math.max(...rates),
    mentionRateStdDev: Math.sqrt(mean(rates.map((rate) => (rate - average) ** 2)) ?? 0),
    unstablePrompts: unstable,
  };
}
