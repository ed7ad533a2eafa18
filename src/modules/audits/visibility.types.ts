// GraphQL view of a VISIBILITY audit's measurements (stored in the audit's details).
import { Field, Float, Int, ObjectType } from 'type-graphql';
import {
  SHARE_OF_VOICE_DEFINITION,
  type BrandFactKind as FactKindName,
} from '../../audit-engine/visibility/index.js';
import { BrandFactKind } from './visibility-options.js';

@ObjectType({
  description: 'A proportion with its 95% Wilson score interval; null where nothing was observed.',
})
export class Estimate {
  @Field(() => Float, { description: 'The measured proportion, 0..1.' })
  value!: number;

  @Field(() => Float, { description: 'Lower bound of the 95% Wilson interval, 0..1.' })
  low!: number;

  @Field(() => Float, { description: 'Upper bound of the 95% Wilson interval, 0..1.' })
  high!: number;

  @Field(() => Int, { description: 'Observations behind the estimate (the denominator).' })
  n!: number;
}

@ObjectType({
  description: 'How the mention rate varies between sample rounds (answers with the same sample index).',
})
export class SampleSpread {
  @Field(() => Int, { description: 'Sample rounds compared.' })
  rounds!: number;

  @Field(() => Float, { description: 'Lowest mention rate of one round.' })
  mentionRateMin!: number;

  @Field(() => Float, { description: 'Highest mention rate of one round.' })
  mentionRateMax!: number;

  @Field(() => Float, { description: "Standard deviation of the rounds' mention rates." })
  mentionRateStdDev!: number;

  @Field(() => Int, { description: 'Prompts (per engine) whose samples disagree on mentioning the brand.' })
  unstablePrompts!: number;
}

@ObjectType({ description: 'One prompt on one engine across its samples.' })
export class PromptSpread {
  @Field({ description: 'The prompt.' })
  prompt!: string;

  @Field({ description: 'The engine (openai, anthropic, perplexity, gemini, openai-compatible).' })
  engine!: string;

  @Field(() => Int, { description: 'Samples that arrived.' })
  answers!: number;

  @Field(() => Int, { description: 'Samples naming the brand.' })
  mentioned!: number;

  @Field(() => Estimate, { nullable: true, description: 'Samples naming the brand / samples.' })
  mentionRate!: Estimate | null;

  @Field(() => [Int], { description: "The brand's rank in each sample naming it, in sample order." })
  positions!: number[];

  @Field(() => Int, { description: "Samples citing the brand's domain." })
  cited!: number;

  @Field({ description: 'Every sample named the brand, or none did.' })
  stable!: boolean;
}

@ObjectType({
  description:
    'Visibility measurements over a set of answers; each proportion is null when there is no data (never a fake 0).',
})
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

  @Field(() => SampleSpread, {
    nullable: true,
    description: 'How the mention rate varies between samples; null with one sample per prompt.',
  })
  spread?: SampleSpread | null;
}

@ObjectType({ description: "One engine's share of a VISIBILITY audit." })
export class EngineVisibility {
  @Field({ description: 'The engine (openai, anthropic, perplexity, gemini, openai-compatible).' })
  engine!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The model that answered; null when the engine gave no answer.',
  })
  model!: string | null;

  @Field(() => VisibilityMetrics, { description: "The metrics over this engine's answers." })
  metrics!: VisibilityMetrics;

  @Field(() => String, {
    nullable: true,
    description: "Why this engine's answers are missing or incomplete.",
  })
  error!: string | null;
}

@ObjectType({ description: "A competitor's visibility, measured like the brand's (same definitions)." })
export class CompetitorVisibility {
  @Field({ description: 'The competitor, as given in the audit input.' })
  name!: string;

  @Field(() => String, { nullable: true, description: "The engine; null = every engine's answers." })
  engine!: string | null;

  @Field(() => Int, { description: 'Answers the figures are computed on.' })
  answers!: number;

  @Field(() => Estimate, { nullable: true, description: 'Answers naming the competitor / answers.' })
  mentionRate!: Estimate | null;

  @Field(() => Estimate, {
    nullable: true,
    description:
      "Share of voice, as the brand's: answers naming the competitor / the sum, over the brand and each " +
      'competitor, of the answers naming that name.',
  })
  shareOfVoice!: Estimate | null;

  @Field(() => Float, {
    nullable: true,
    description: "Mean 1-based rank of the competitor's first mention among all brands named.",
  })
  averagePosition!: number | null;
}

@ObjectType({ description: 'A page of a cited domain.' })
export class CitedPage {
  @Field({ description: 'The cited URL.' })
  url!: string;

  @Field(() => Int, { description: 'Answers citing this page.' })
  citations!: number;
}

@ObjectType({
  description: 'A registrable domain the engines cite (blog.x.com and www.x.com count for x.com).',
})
export class CitedDomain {
  @Field({ description: 'Registrable domain, e.g. `example.com`.' })
  domain!: string;

  @Field(() => Int, { description: 'Citations of its pages (distinct pages per answer, summed).' })
  citations!: number;

  @Field(() => Int, { description: 'Answers citing at least one of its pages.' })
  answers!: number;

  @Field({ description: "The brand's own registrable domain." })
  brand!: boolean;

  @Field(() => String, { nullable: true, description: 'The competitor whose site it is, if any.' })
  competitor!: string | null;

  @Field(() => [CitedPage], { description: 'Its most cited pages, most cited first (at most 10).' })
  pages!: CitedPage[];

  @Field(() => [String], { description: 'Prompts whose answers cite it, in the audit order.' })
  prompts!: string[];

  @Field(() => [String], { description: 'Engines that cite it.' })
  engines!: string[];
}

@ObjectType({ description: 'Where and in which language the answers were asked for.' })
export class AnswerLocale {
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' })
  country?: string;

  @Field(() => String, { nullable: true, description: 'Region or state, free text.' })
  region?: string;

  @Field(() => String, { nullable: true, description: 'City, free text.' })
  city?: string;

  @Field(() => String, { nullable: true, description: 'IANA time zone.' })
  timezone?: string;

  @Field(() => Float, { nullable: true, description: 'Latitude in degrees (-90..90), with longitude.' })
  latitude?: number;

  @Field(() => Float, { nullable: true, description: 'Longitude in degrees (-180..180), with latitude.' })
  longitude?: number;

  @Field(() => String, { nullable: true, description: 'ISO 639-1 language code.' })
  language?: string;
}

@ObjectType({
  description: 'Which requested locale fields one engine sent, and which it has no parameter for.',
})
export class EngineLocale {
  @Field({ description: 'The engine (openai, anthropic, perplexity, gemini, openai-compatible).' })
  engine!: string;

  @Field(() => [String], { description: 'Fields sent with every request, e.g. `country`, `language`.' })
  sent!: string[];

  @Field(() => [String], { description: 'Fields the engine has no parameter for: not sent.' })
  ignored!: string[];
}

@ObjectType({ description: 'The location and language asked for, and what each engine could send of it.' })
export class VisibilityLocale {
  @Field(() => AnswerLocale, { description: 'The location and language asked for.' })
  requested!: AnswerLocale;

  @Field(() => [EngineLocale], {
    description: 'Per engine: which fields it sent and which it has no parameter for.',
  })
  engines!: EngineLocale[];
}

@ObjectType({ description: 'An answer statement that contradicts a brand fact.' })
export class FactContradiction {
  @Field({ description: 'The engine that answered.' })
  engine!: string;

  @Field({ description: 'The prompt asked.' })
  prompt!: string;

  @Field(() => Int, { description: '0-based sample index of the answer.' })
  sample!: number;

  @Field({ description: 'The sentence, as the engine wrote it.' })
  quote!: string;

  @Field({ description: 'What it states instead, e.g. "2015".' })
  stated!: string;
}

@ObjectType({ description: 'One brand fact checked against every answer mentioning the brand.' })
export class FactCheck {
  @Field({ description: 'The fact, as given in the input, e.g. "founded".' })
  label!: string;

  @Field({ description: 'The true value, as given in the input.' })
  value!: string;

  @Field(() => BrandFactKind, { description: 'How statements about it are read.' })
  kind!: FactKindName;

  @Field(() => [String], { description: 'Words that marked a statement about the fact.' })
  keywords!: string[];

  @Field(() => Int, { description: 'Answers mentioning the brand (each was checked).' })
  answersChecked!: number;

  @Field(() => Int, { description: 'Statements about the fact found in them.' })
  statements!: number;

  @Field(() => [FactContradiction], { description: 'Answers that state another value, with the sentence.' })
  contradictions!: FactContradiction[];
}

@ObjectType({
  description: 'What a VISIBILITY audit measured: overall, per engine, per competitor and per cited domain.',
})
export class VisibilityReport {
  @Field(() => VisibilityMetrics, { description: "The metrics over every engine's answers." })
  overall!: VisibilityMetrics;

  @Field(() => [EngineVisibility], { description: 'One row per engine asked.' })
  engines!: EngineVisibility[];

  @Field(() => [CompetitorVisibility], {
    description: "One row per competitor and engine, plus engine null = every engine's answers.",
  })
  competitors!: CompetitorVisibility[];

  @Field(() => [CitedDomain], {
    description: 'Domains cited across every answer of the audit, most cited first (at most 200).',
  })
  citedDomains!: CitedDomain[];

  @Field(() => Int, { description: 'Answers asked per prompt and engine.' })
  samples!: number;

  @Field(() => [PromptSpread], { description: 'Per prompt and engine: how its samples agree.' })
  prompts!: PromptSpread[];

  @Field(() => VisibilityLocale, {
    nullable: true,
    description: 'The location and language asked for and what each engine sent; null when none was asked.',
  })
  locale!: VisibilityLocale | null;

  @Field(() => [FactCheck], {
    description: 'Each brand fact given, checked against the answers mentioning the brand.',
  })
  facts!: FactCheck[];
}

@ObjectType({ description: 'Tokens and cost of one engine.' })
export class EngineCost {
  @Field({ description: 'The engine (openai, anthropic, perplexity, gemini, openai-compatible).' })
  engine!: string;

  @Field({ description: 'The model priced.' })
  model!: string;

  @Field(() => Int, {
    description: 'Answers paid for (estimate: to ask; actual: received, cached ones excluded).',
  })
  answers!: number;

  @Field(() => Int, { description: 'Prompt tokens counted.' })
  inputTokens!: number;

  @Field(() => Int, { description: 'Answer tokens counted.' })
  outputTokens!: number;

  @Field(() => Float, { nullable: true, description: 'USD; null when the model has no price in the table.' })
  cost!: number | null;
}

@ObjectType({ description: 'Cost per engine and in total, in USD.' })
export class CostReport {
  @Field({ description: 'Always USD.' })
  currency!: string;

  @Field(() => [EngineCost], { description: 'One row per engine asked.' })
  engines!: EngineCost[];

  @Field(() => Float, { nullable: true, description: 'Null when an engine has no price.' })
  total!: number | null;
}

@ObjectType({ description: "What a VISIBILITY audit costs, from the server's per-model price table." })
export class AuditCost {
  @Field(() => CostReport, {
    nullable: true,
    description:
      "Before the run: every answer asked at the model's typical tokens (an upper bound: cached answers are free).",
  })
  estimate!: CostReport | null;

  @Field(() => CostReport, { nullable: true, description: 'After the run: the tokens reported, priced.' })
  actual!: CostReport | null;

  @Field(() => Float, { nullable: true, description: "The audit's budget in USD; null = none." })
  budgetUsd!: number | null;

  @Field({ description: 'The budget was reached: the audit ended with the answers it had.' })
  stoppedByBudget!: boolean;

  @Field(() => Int, { description: 'Answers not asked because of the budget.' })
  skippedAnswers!: number;
}
