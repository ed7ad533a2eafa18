import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import type { Audit } from './audit.entity.js';
import { AuditType, FindingType } from './audit.types.js';
import type { Finding } from './finding.entity.js';
import { TrendMetric } from './trend-metric.js';
import { Estimate } from './visibility.types.js';

registerEnumType(TrendMetric, {
  name: 'TrendMetric',
  description: 'A measurement followed over runs or compared between two audits.',
});

@ObjectType('CategoryDelta', {
  description: "One category's score in both audits (null where it was not scored).",
})
export class CategoryDeltaType {
  @Field()
  category!: string;

  @Field(() => Float, { nullable: true })
  base!: number | null;

  @Field(() => Float, { nullable: true })
  head!: number | null;

  @Field(() => Float, { nullable: true, description: 'head − base, one decimal.' })
  delta!: number | null;
}

@ObjectType('MetricDelta', {
  description: 'A visibility proportion in both audits, overall (engine null) or for one engine.',
})
export class MetricDeltaType {
  @Field(() => String, { nullable: true })
  engine!: string | null;

  @Field(() => TrendMetric)
  metric!: TrendMetric;

  @Field(() => Estimate, { nullable: true })
  base!: Estimate | null;

  @Field(() => Estimate, { nullable: true })
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
  @Field(() => AuditType)
  base!: Audit;

  @Field(() => AuditType)
  head!: Audit;

  @Field(() => Float, {
    nullable: true,
    description: 'head − base of the scores (null unless both have one).',
  })
  scoreDelta!: number | null;

  @Field(() => [CategoryDeltaType])
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
