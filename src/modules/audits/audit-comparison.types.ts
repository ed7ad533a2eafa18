import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { CATEGORY_LIST } from './audit-categories.js';
import type { Audit } from './audit.entity.js';
import { AuditType, FindingType } from './audit.types.js';
import type { Finding } from './finding.entity.js';
import { TrendMetric } from './trend-metric.js';
import { Estimate } from './visibility.types.js';

registerEnumType(TrendMetric, {
  name: 'TrendMetric',
  description: 'A measurement followed over runs or compared between two audits.',
  valuesConfig: {
    SCORE: { description: 'The overall score, 0..100.' },
    CATEGORY_SCORE: { description: 'The score of one category, 0..100 (needs `category`).' },
    MENTION_RATE: { description: 'VISIBILITY: answers mentioning the brand / answers, 0..1.' },
    PROMPT_COVERAGE: { description: 'VISIBILITY: prompts with at least one mention / prompts, 0..1.' },
    SHARE_OF_VOICE: {
      description: "VISIBILITY: the brand's mentions / mentions of the brand and its competitors, 0..1.",
    },
    CITATION_RATE: {
      description: "VISIBILITY: answers citing the brand's domain / answers with a citation, 0..1.",
    },
    CITATION_SHARE: { description: "VISIBILITY: citations of the brand's domain / all citations, 0..1." },
    AVERAGE_POSITION: {
      description:
        "VISIBILITY: mean 1-based rank of the brand's first mention among the brands named (lower is better).",
    },
  },
});

@ObjectType('CategoryDelta', {
  description: "One category's score in both audits (null where it was not scored).",
})
export class CategoryDeltaType {
  @Field({ description: `The category: ${CATEGORY_LIST}.` })
  category!: string;

  @Field(() => Float, {
    nullable: true,
    description: "The category's score (0..100) in base; null where not scored.",
  })
  base!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The category's score (0..100) in head; null where not scored.",
  })
  head!: number | null;

  @Field(() => Float, { nullable: true, description: 'head − base, one decimal.' })
  delta!: number | null;
}

@ObjectType('MetricDelta', {
  description: 'A visibility proportion in both audits, overall (engine null) or for one engine.',
})
export class MetricDeltaType {
  @Field(() => String, { nullable: true, description: 'The engine; null = overall.' })
  engine!: string | null;

  @Field(() => TrendMetric, { description: 'The metric compared.' })
  metric!: TrendMetric;

  @Field(() => Estimate, { nullable: true, description: 'The estimate in base; null = no data.' })
  base!: Estimate | null;

  @Field(() => Estimate, { nullable: true, description: 'The estimate in head; null = no data.' })
  head!: Estimate | null;

  @Field(() => Float, { nullable: true, description: 'head − base of the values.' })
  delta!: number | null;

  @Field({
    description:
      'Whether the change is significant at the 5% level: a two-sided two-proportion z-test with the pooled ' +
      'proportion (|z| > 1.96) on value × n of each side. Answers to one prompt are correlated, so it errs ' +
      'on the eager side; false when either side has no data.',
  })
  significant!: boolean;
}

@ObjectType('AuditComparison', {
  description:
    'Two audits of the same kind side by side. Findings are matched by check and page; a page keeps its ' +
    'identity through the redirects either audit saw.',
})
export class AuditComparisonType {
  @Field(() => AuditType, { description: 'The earlier audit.' })
  base!: Audit;

  @Field(() => AuditType, { description: 'The later audit.' })
  head!: Audit;

  @Field(() => Float, {
    nullable: true,
    description: 'head − base of the scores (null unless both have one).',
  })
  scoreDelta!: number | null;

  @Field(() => [CategoryDeltaType], {
    description: 'Per category: both scores and head − base, in catalogue order.',
  })
  categories!: CategoryDeltaType[];

  @Field(() => [FindingType], { description: "head's findings that base did not have." })
  newFindings!: Finding[];

  @Field(() => [FindingType], { description: "base's findings that head no longer has." })
  resolvedFindings!: Finding[];

  @Field(() => [FindingType], { description: "head's findings that base had too." })
  persistingFindings!: Finding[];

  @Field(() => [MetricDeltaType], { description: 'VISIBILITY only (empty for SITE).' })
  visibility!: MetricDeltaType[];

  @Field(() => [String], {
    description: 'VISIBILITY: prompts where some answer mentioned the brand in base and none does in head.',
  })
  mentionLostPrompts!: string[];

  @Field(() => [String], {
    description: 'VISIBILITY: prompts where no answer mentioned the brand in base and some does in head.',
  })
  mentionGainedPrompts!: string[];
}
