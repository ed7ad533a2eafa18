// Visibility score (0..100) from the overall metrics.
//
// Category scores, each 0..100 from the metrics' point values:
//   mentions       = 100 × (0.5 × mentionRate + 0.3 × promptCoverage + 0.2 × positionScore)
//                    positionScore = 1 / averagePosition (named 1st → 1, 2nd → 0.5, 3rd → 0.33),
//                    0 when the brand is never mentioned
//   citations      = 100 × (0.75 × citationRate + 0.25 × citationShare)
//   share_of_voice = 100 × shareOfVoice
//   sentiment      = 100 × (sentiment + 1) / 2            (−1 → 0, neutral → 50, +1 → 100)
// Base weights: mentions 0.45, citations 0.25, share_of_voice 0.20, sentiment 0.10.
// A category without data (no answers; no citations at all; nobody named; brand never
// mentioned, for sentiment) is listed as not applicable (score 0, weight 0, with the reason) and
// the remaining weights are rescaled to sum to 1 (unrounded): "no data" neither rewards nor
// punishes. Every category is always listed, in CATEGORY_WEIGHTS order.
// score = Σ weight × category score, rounded to one decimal; grade = gradeFor(score).
import type { CategoryScore } from '../report.js';
import type { VisibilityMetrics } from './metrics.js';

export const CATEGORY_WEIGHTS = {
  mentions: 0.45,
  citations: 0.25,
  share_of_voice: 0.2,
  sentiment: 0.1,
} as const;

export type VisibilityCategory = keyof typeof CATEGORY_WEIGHTS;

export function positionScore(metrics: VisibilityMetrics): number {
  return metrics.averagePosition === null ? 0 : 1 / metrics.averagePosition;
}

/** Raw category scores (0..100), null where the category has no data. */
export function categoryScores(metrics: VisibilityMetrics): Record<VisibilityCategory, number | null> {
  const mentions =
    metrics.mentionRate && metrics.promptCoverage
      ? 100 *
        (0.5 * metrics.mentionRate.value + 0.3 * metrics.promptCoverage.value + 0.2 * positionScore(metrics))
      : null;
  const citations =
    metrics.citationRate && metrics.citationShare
      ? 100 * (0.75 * metrics.citationRate.value + 0.25 * metrics.citationShare.value)
      : null;
  return {
    mentions,
    citations,
    share_of_voice: metrics.shareOfVoice ? 100 * metrics.shareOfVoice.value : null,
    sentiment: metrics.sentiment === null ? null : (100 * (metrics.sentiment + 1)) / 2,
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Why a category has no data, from the metrics (only called for categories without data). */
function noDataReason(category: VisibilityCategory, metrics: VisibilityMetrics): string {
  if (metrics.answers === 0) return 'no answer arrived';
  switch (category) {
    case 'mentions':
      return 'no answer arrived';
    case 'citations':
      return 'no answer cited any source';
    case 'share_of_voice':
      return 'no answer named the brand or a competitor';
    case 'sentiment':
      return 'no answer mentioned the brand';
  }
}

export interface VisibilityScore {
  score: number;
  categories: CategoryScore[];
  /** Rescaled weight of each category that has data (0 for those without). */
  weights: Record<VisibilityCategory, number>;
  raw: Record<VisibilityCategory, number | null>;
}

export function scoreVisibility(metrics: VisibilityMetrics): VisibilityScore {
  const raw = categoryScores(metrics);
  const present = (Object.keys(CATEGORY_WEIGHTS) as VisibilityCategory[]).filter((c) => raw[c] !== null);
  const totalWeight = present.reduce((sum, c) => sum + CATEGORY_WEIGHTS[c], 0);
  const weights = { mentions: 0, citations: 0, share_of_voice: 0, sentiment: 0 };
  for (const c of present) weights[c] = CATEGORY_WEIGHTS[c] / totalWeight;
  const score = present.reduce((sum, c) => sum + weights[c] * (raw[c] ?? 0), 0);
  return {
    score: round1(score),
    categories: (Object.keys(CATEGORY_WEIGHTS) as VisibilityCategory[]).map((c) =>
      raw[c] === null
        ? { category: c, score: 0, weight: 0, applicable: false, reason: noDataReason(c, metrics) }
        : { category: c, score: round1(raw[c]), weight: weights[c], applicable: true },
    ),
    weights,
    raw,
  };
}
