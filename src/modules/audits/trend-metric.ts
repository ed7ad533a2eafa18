// The measurements followed over runs (Project.trend) and compared between two audits
// (compareAudits): the score, a category's score, and the visibility metrics.
import { registerEnumType } from 'type-graphql';

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

registerEnumType(TrendMetric, {
  name: 'TrendMetric',
  description: 'A measurement followed over runs or compared between two audits.',
});
