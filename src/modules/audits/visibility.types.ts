// GraphQL view of a VISIBILITY audit's measurements (stored in the audit's details).
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { SHARE_OF_VOICE_DEFINITION } from '../../audit-engine/visibility/index.js';

@ObjectType({
  description: 'A proportion with its 95% Wilson score interval; null where nothing was observed.',
})
export class Estimate {
  @Field(() => Float)
  value!: number;

  @Field(() => Float)
  low!: number;

  @Field(() => Float)
  high!: number;

  @Field(() => Int, { description: 'Observations behind the estimate (the denominator).' })
  n!: number;
}

@ObjectType()
export class VisibilityMetrics {
  @Field(() => Int, { description: 'Answers analysed.' })
  answers!: number;

  @Field(() => Estimate, {
    nullable: true,
    description: 'Answers mentioning the brand (or an alias) / answers.',
  })
  mentionRate!: Estimate | null;

  @Field(() => Estimate, {
    nullable: true,
    description: 'Prompts with at least one answer mentioning the brand / prompts answered.',
  })
  promptCoverage!: Estimate | null;

  @Field(() => Estimate, { nullable: true, description: `Share of voice: ${SHARE_OF_VOICE_DEFINITION}` })
  shareOfVoice!: Estimate | null;

  @Field(() => Estimate, {
    nullable: true,
    description: "Answers citing the brand's domain / answers with at least one citation.",
  })
  citationRate!: Estimate | null;

  @Field(() => Estimate, { nullable: true, description: "Citations to the brand's domain / all citations." })
  citationShare!: Estimate | null;

  @Field(() => Float, {
    nullable: true,
    description: "Mean 1-based rank of the brand's first mention among all brands named.",
  })
  averagePosition!: number | null;

  @Field(() => Float, { nullable: true, description: "Mean sentiment (-1..1) around the brand's mentions." })
  sentiment!: number | null;
}

@ObjectType()
export class EngineVisibility {
  @Field()
  engine!: string;

  @Field(() => String, { nullable: true })
  model!: string | null;

  @Field(() => VisibilityMetrics)
  metrics!: VisibilityMetrics;

  @Field(() => String, {
    nullable: true,
    description: "Why this engine's answers are missing or incomplete.",
  })
  error!: string | null;
}

@ObjectType()
export class VisibilityReport {
  @Field(() => VisibilityMetrics)
  overall!: VisibilityMetrics;

  @Field(() => [EngineVisibility])
  engines!: EngineVisibility[];
}
