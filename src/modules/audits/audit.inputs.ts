import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ENGINE_NAMES } from '../../audit-engine/visibility/index.js';
import { ConnectionArgs } from '../../graphql/relay/connection.js';
import { BrandFactKind } from './visibility-options.js';
import { AuditKind, AuditStatus } from './audit.entity.js';
import { Severity } from './finding.entity.js';

export const MAX_BULK_AUDITS = 50;

@InputType({
  description:
    'VISIBILITY: where the user asking is. Each engine sends what it has a parameter for (docs/visibility.md).',
})
export class AnswerLocationInput {
  @Field(() => String, { nullable: true, description: 'Two-letter ISO 3166-1 country code, e.g. "DE".' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'Region or state, free text.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'City, free text.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. "Europe/Berlin".' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string | null;

  @Field(() => Float, { nullable: true, description: "With longitude: the user's coordinates." })
  @IsOptional()
  latitude?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "With latitude: the user's coordinates, in degrees (-180..180).",
  })
  @IsOptional()
  longitude?: number | null;
}

registerEnumType(BrandFactKind, {
  name: 'BrandFactKind',
  description:
    'How statements about a brand fact are read: YEAR (years), NUMBER (numbers, k/million), MONEY (amounts with a ' +
    'currency), NAME (a capitalized name after in/at/by/is).',
  valuesConfig: {
    YEAR: { description: 'A year, e.g. the founding year.' },
    NUMBER: { description: 'A number, with k or million read, e.g. the employee count.' },
    MONEY: { description: 'An amount with a currency, e.g. a price.' },
    NAME: { description: 'A capitalized name after in/at/by/is, e.g. the headquarters city or the CEO.' },
  },
});

@InputType({
  description: 'VISIBILITY: a true fact about the brand; answers that contradict it become findings.',
})
export class BrandFactInput {
  @Field({ description: 'What the fact is about, e.g. "founding year", "headquarters", "starting price".' })
  @IsString()
  @Length(1, 100)
  label!: string;

  @Field({ description: 'The true value, e.g. "2012", "Berlin, Germany", "$29".' })
  @IsString()
  @Length(1, 200)
  value!: string;

  @Field(() => BrandFactKind, { nullable: true, description: 'Default: inferred from the value.' })
  @IsOptional()
  kind?: BrandFactKind | null;

  @Field(() => [String], {
    nullable: true,
    description: "Words that mark a statement about the fact; default: the label's words and their synonyms.",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(2, 50, { each: true })
  keywords?: string[] | null;
}

/** What an audit is asked to do besides its kind and url: shared by audits and project runs. */
@InputType()
export abstract class AuditRunFields {
  @Field(() => Int, {
    nullable: true,
    description: 'SITE: how many pages to crawl at most (plan limits apply).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  maxPages?: number | null;

  @Field(() => String, { nullable: true, description: 'VISIBILITY: the brand name.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  brand?: string | null;

  @Field(() => [String], { nullable: true, description: 'VISIBILITY: other names of the brand.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  aliases?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'VISIBILITY: competitor brands, for share of voice.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  competitors?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'VISIBILITY: the questions asked to answer engines.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(3, 500, { each: true })
  prompts?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: `VISIBILITY: engines to ask (${ENGINE_NAMES.join(', ')}); default: every configured one.`,
  })
  @IsOptional()
  @ArrayMaxSize(ENGINE_NAMES.length)
  @IsIn([...ENGINE_NAMES], {
    each: true,
    message: `each value in engines must be one of ${ENGINE_NAMES.join(', ')}`,
  })
  engines?: string[] | null;
}

@InputType({
  description: 'A new audit. SITE uses url (+ maxPages); VISIBILITY uses url, brand and prompts.',
})
export class CreateAuditInput extends AuditRunFields {
  @Field(() => AuditKind, {
    description: 'SITE (a crawl and checks) or VISIBILITY (prompts to answer engines).',
  })
  kind!: AuditKind;

  @Field({
    description: "SITE: the site to audit; VISIBILITY: the brand's site. http(s) with a public host.",
  })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The workspace the audit belongs to (you need the MEMBER role or higher there; its plan applies). ' +
      "Default: an API key's own workspace, else your personal one.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workspaceId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "VISIBILITY: answers asked per prompt and engine (1 to the server's VISIBILITY_MAX_SAMPLES); the " +
      "report shows how they agree. Default: the server's VISIBILITY_SAMPLES.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  samples?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'VISIBILITY: true asks every prompt afresh, bypassing the answer cache for this audit.',
  })
  @IsOptional()
  fresh?: boolean | null;

  @Field(() => AnswerLocationInput, {
    nullable: true,
    description: 'VISIBILITY: the location answers are for.',
  })
  @IsOptional()
  @ValidateNested()
  location?: AnswerLocationInput | null;

  @Field(() => String, {
    nullable: true,
    description: 'VISIBILITY: two-letter ISO 639-1 language of the sources and answers, e.g. "de".',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  language?: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "VISIBILITY: most USD to spend on answers (priced from the server's price table); when reached the audit " +
      'stops asking and ends with the answers it has, saying so. Every engine asked needs a price.',
  })
  @IsOptional()
  @Max(10_000)
  budget?: number | null;

  @Field(() => [BrandFactInput], {
    nullable: true,
    description: 'VISIBILITY: facts about the brand; each answer mentioning it is checked against them.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  brandFacts?: BrandFactInput[] | null;
}

@InputType({ description: 'Several audits at once; each is created or refused on its own.' })
export class CreateAuditsInput {
  // Items are validated one by one by the service, so one bad item does not sink the rest.
  @Field(() => [CreateAuditInput], { description: "The audits to create, each like createAudit's input." })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_AUDITS)
  audits!: CreateAuditInput[];
}

@InputType({ description: 'Every given condition must hold.' })
export class AuditFilter {
  @Field(() => [AuditStatus], { nullable: true, description: 'Only audits in these statuses.' })
  @IsOptional()
  @ArrayMaxSize(5)
  status?: AuditStatus[] | null;

  @Field(() => [AuditKind], { nullable: true, description: 'Only audits of these kinds.' })
  @IsOptional()
  @ArrayMaxSize(2)
  kind?: AuditKind[] | null;

  @Field(() => String, { nullable: true, description: 'Part of the URL, case-insensitive.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  search?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only audits created at or after this instant.' })
  @IsOptional()
  createdAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only audits created before this instant.' })
  @IsOptional()
  createdBefore?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Only audits of this workspace (you must be a member).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workspaceId?: string | null;
}

export enum AuditOrderField {
  CREATED_AT = 'CREATED_AT',
  SCORE = 'SCORE',
  UPDATED_AT = 'UPDATED_AT',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(AuditOrderField, {
  name: 'AuditOrderField',
  description: 'SCORE puts audits without a score (not finished) below every score.',
  valuesConfig: {
    CREATED_AT: { description: 'When the audit was created.' },
    SCORE: { description: 'The overall score; audits without one sort below every score.' },
    UPDATED_AT: { description: 'When the audit last changed (status, progress, results).' },
  },
});
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: {
    ASC: { description: 'Smallest or oldest first.' },
    DESC: { description: 'Largest or newest first.' },
  },
});

@InputType({ description: 'How to sort audits.' })
export class AuditOrder {
  @Field(() => AuditOrderField, { description: 'What to sort by.' })
  field!: AuditOrderField;

  @Field(() => OrderDirection, { description: 'ASC or DESC.' })
  direction!: OrderDirection;
}

@ArgsType()
export class AuditsArgs extends ConnectionArgs {
  @Field(() => AuditFilter, {
    nullable: true,
    description: 'Only audits matching every given condition; null = all.',
  })
  @IsOptional()
  @ValidateNested()
  filter?: AuditFilter | null;

  @Field(() => AuditOrder, { nullable: true, description: 'Default: newest first.' })
  @IsOptional()
  orderBy?: AuditOrder | null;
}

@ArgsType()
export class FindingsArgs extends ConnectionArgs {
  @Field(() => Severity, {
    nullable: true,
    description: 'Only findings of exactly this severity; null = all.',
  })
  @IsOptional()
  severity?: Severity | null;
}

@ArgsType()
export class AnswersArgs extends ConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Only the answers of this engine (openai, anthropic, perplexity, gemini, openai-compatible); null = all.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  engine?: string | null;
}
