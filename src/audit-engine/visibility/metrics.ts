// The visibility metrics, computed from analysed answers. Pure; the same function serves one
// engine (its answers) and the overall figures (every engine's answers).
//
// Intervals: every Estimate is a Wilson interval (stats.ts), which treats its denominator as
// independent trials. For mentionRate, shareOfVoice, citationRate and citationShare the trials are
// answers (or mentions/citations within answers), and the answers to one prompt — its samples on
// one engine and, in the overall figures, every engine's answers to it — are correlated. Their
// intervals are therefore narrower than the data justify, the more so the more samples and
// engines per prompt; `n` is the number of answers (or mentions/citations), not of independent
// observations. promptCoverage counts prompts and is not affected by within-prompt correlation.
import type { AnswerAnalysis } from './analysis.js';
import { sampleSpread, type SampleSpread } from './spread.js';
import { mean, wilson, type Estimate } from './stats.js';

export type { Estimate } from './stats.js';

export interface VisibilityMetrics {
  /** Answers analysed. */
  answers: number;
  /** Answers mentioning the brand (or an alias) / answers. Interval assumes independent answers. */
  mentionRate: Estimate | null;
  /** Prompts with ≥ 1 answer mentioning the brand (any engine, any sample) / prompts answered. */
  promptCoverage: Estimate | null;
  /** See SHARE_OF_VOICE_DEFINITION. */
  shareOfVoice: Estimate | null;
  /** Answers citing the brand's domain / answers with ≥ 1 citation. */
  citationRate: Estimate | null;
  /** Citations (distinct URLs per answer) to the brand's domain / all citations. */
  citationShare: Estimate | null;
  /** Mean 1-based rank of the brand's first mention among all brands named; null when never mentioned. */
  averagePosition: number | null;
  /** Mean sentiment (−1..1) around the brand's mentions over answers mentioning it; null when never mentioned. */
  sentiment: number | null;
  /** How the mention rate varies between sample rounds; null with one sample per prompt (absent in older documents). */
  spread?: SampleSpread | null;
}

/**
 * Share of voice, counted in answers: the number of answers that mention the brand, divided by
 * the sum over the brand and every competitor of the number of answers that mention that name.
 * An answer naming the brand and two competitors adds 1 to the numerator and 3 to the
 * denominator; repeated mentions within one answer count once. No data (null) when no answer
 * names the brand or any competitor. Its interval treats each (answer, name) mention as one
 * trial: an approximation, since names within one answer are not independent, nor are answers to
 * one prompt (see the note at the top of this file). The exported sentence is not extended with
 * this caveat because it is also the GraphQL field description committed in schema.graphql.
 */
export const SHARE_OF_VOICE_DEFINITION =
  'Answers mentioning the brand divided by the sum, over the brand and each competitor, of the answers ' +
  'mentioning that name (an answer naming the brand and two competitors adds 1 to the numerator and 3 ' +
  'to the denominator; repeated mentions within one answer count once). Null when no answer names the ' +
  'brand or any competitor.';

/** Answers naming each name, summed over the brand and every competitor: share of voice's denominator. */
export function nameMentions(answers: AnswerAnalysis[]): number {
  return answers.reduce(
    (sum, answer) => sum + (answer.brandMentioned ? 1 : 0) + answer.competitorsMentioned.length,
    0,
  );
}

/** How visible one name (the brand or a competitor) is in a set of answers. */
export interface NameMetrics {
  /** Answers naming it / answers. */
  mentionRate: Estimate | null;
  /** Answers naming it / the sum over every name of the answers naming that name. */
  shareOfVoice: Estimate | null;
  /** Mean 1-based rank of its first mention among all names mentioned. */
  averagePosition: number | null;
}

/**
 * The brand's and every competitor's mention rate, share of voice and average position, one
 * definition for all: `positionIn` gives the name's 1-based rank in an answer, null when the answer
 * does not name it.
 */
export function nameMetrics(
  answers: AnswerAnalysis[],
  positionIn: (answer: AnswerAnalysis) => number | null,
): NameMetrics {
  const positions = answers.flatMap((answer) => {
    const position = positionIn(answer);
    return position === null ? [] : [position];
  });
  return {
    mentionRate: wilson(positions.length, answers.length),
    shareOfVoice: wilson(positions.length, nameMentions(answers)),
    averagePosition: mean(positions),
  };
}

/** The brand's rank in an answer (null when not mentioned). */
export const brandPositionIn = (answer: AnswerAnalysis): number | null =>
  answer.brandMentioned ? answer.brandPosition : null;

export function computeMetrics(answers: AnswerAnalysis[]): VisibilityMetrics {
  const mentioning = answers.filter((answer) => answer.brandMentioned);
  const brand = nameMetrics(answers, brandPositionIn);

  const prompts = new Set(answers.map((answer) => answer.prompt));
  const coveredPrompts = new Set(mentioning.map((answer) => answer.prompt));

  const citing = answers.filter((answer) => answer.citationCount > 0);
  const citingBrand = citing.filter((answer) => answer.brandCitations.length > 0);
  const totalCitations = answers.reduce((sum, answer) => sum + answer.citationCount, 0);
  const brandCitations = answers.reduce((sum, answer) => sum + answer.brandCitations.length, 0);

  return {
    answers: answers.length,
    mentionRate: brand.mentionRate,
    promptCoverage: wilson(coveredPrompts.size, prompts.size),
    shareOfVoice: brand.shareOfVoice,
    citationRate: wilson(citingBrand.length, citing.length),
    citationShare: wilson(brandCitations, totalCitations),
    averagePosition: brand.averagePosition,
    sentiment: mean(mentioning.flatMap((answer) => (answer.sentiment === null ? [] : [answer.sentiment]))),
    spread: sampleSpread(answers),
  };
}
