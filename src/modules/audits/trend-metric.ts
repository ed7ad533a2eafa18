// The measurements followed over runs (Project.trend) and compared between two audits
// (compareAudits): the score, a category's score, and the visibility metrics. Registered as a
// GraphQL enum in audit-comparison.types.ts.
/** SCORE and CATEGORY_SCORE come from SITE audits, the others from VISIBILITY audits. */
export enum TrendMetric {
  SCORE = 'SCORE',
  CATEGORY_SCORE = 'CATEGORY_SCORE',
  MENTION_RATE = 'MENTION_RATE',
  PROMPT_COVERAGE = 'PROMPT_COVERAGE',
  SHARE_OF_VOICE = 'SHARE_OF_VOICE',
  CITATION_RATE = 'CITATION_RATE',
  CITATION_SHARE = 'CITATION_SHARE',
  AVERAGE_POSITION = 'AVERAGE_POSITION',
}

/** Proportions (with an interval and n): the visibility metrics a significance test applies to. */
export const PROPORTION_FIELDS: Partial<Record<TrendMetric, string>> = {
  MENTION_RATE: 'mentionRate',
  PROMPT_COVERAGE: 'promptCoverage',
  SHARE_OF_VOICE: 'shareOfVoice',
  CITATION_RATE: 'citationRate',
  CITATION_SHARE: 'citationShare',
};

/** The field of each visibility metric in a stored VisibilityMetrics (`details.visibility`). */
export const VISIBILITY_FIELDS: Partial<Record<TrendMetric, string>> = {
  ...PROPORTION_FIELDS,
  AVERAGE_POSITION: 'averagePosition',
};
