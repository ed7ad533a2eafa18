import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CATEGORY_LIST } from './audit-categories.js';
import { connectionTypes } from '../../graphql/relay/connection.js';
import { Node } from '../../graphql/relay/node.js';
import type { Grade } from '../../audit-engine/report.js';
import { AuditKind, AuditStatus } from './audit.entity.js';
import { Severity } from './finding.entity.js';
import { AnswerLocale } from './visibility.types.js';

registerEnumType(AuditKind, {
  name: 'AuditKind',
  description:
    'SITE: is the site ready for AI answer engines? VISIBILITY: do answer engines mention and cite the brand?',
  valuesConfig: {
    SITE: { description: 'A crawl of the site and deterministic readiness checks.' },
    VISIBILITY: {
      description: 'Prompts asked to answer engines; mentions and citations of the brand measured.',
    },
  },
});
registerEnumType(AuditStatus, {
  name: 'AuditStatus',
  description: 'QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED.',
  valuesConfig: {
    QUEUED: { description: 'Waiting for a worker.' },
    RUNNING: { description: 'A worker is running it; `progress` and `stage` move.' },
    SUCCEEDED: { description: 'Finished with results: `score`, `grade` and findings are set.' },
    FAILED: { description: 'Ended without results; `error` says why.' },
    CANCELLED: { description: 'Stopped by cancelAudit before it finished.' },
  },
});
registerEnumType(Severity, {
  name: 'Severity',
  description: 'How much a finding matters, most severe first.',
  valuesConfig: {
    CRITICAL: {
      description: 'Keeps answer engines out or the brand unseen (e.g. no answer mentions it); fix first.',
    },
    HIGH: { description: 'Costs a lot of the score or of visibility; fix soon.' },
    MEDIUM: { description: 'A clear weakness worth fixing.' },
    LOW: { description: 'A small improvement.' },
    INFO: { description: 'A note; nothing to fix.' },
  },
});

/** The engine's grade bands (audit-engine/report.ts `gradeFor`) as a GraphQL enum. */
export const GradeEnum: { [K in Grade]: K } = { A: 'A', B: 'B', C: 'C', D: 'D', F: 'F' };
registerEnumType(GradeEnum, {
  name: 'Grade',
  description: 'Letter grade of an overall score (0..100), the same bands for SITE and VISIBILITY audits.',
  valuesConfig: {
    A: { description: 'Score 90 or more.' },
    B: { description: 'Score 80 to under 90.' },
    C: { description: 'Score 70 to under 80.' },
    D: { description: 'Score 60 to under 70.' },
    F: { description: 'Score under 60.' },
  },
});

@ObjectType({ description: 'Score of one category of checks.' })
export class CategoryScore {
  @Field({ description: `The category: ${CATEGORY_LIST}.` })
  category!: string;

  @Field(() => Float, { description: '0..100; 0 when not applicable (then it does not count).' })
  score!: number;

  @Field(() => Float, {
    description: 'Share of the overall score; the weights of an audit sum to 1 (0 when not applicable).',
  })
  weight!: number;

  @Field({
    description:
      'False when nothing in the category could be judged: it does not count, and comparisons and trends ' +
      'treat it as absent rather than as 0.',
  })
  applicable!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why the category is not applicable, e.g. "no page has 150 words of text".',
  })
  reason?: string | null;
}

@ObjectType('Finding', {
  implements: Node,
  description: 'Something an audit found: what, where, and how to fix it.',
})
export class FindingType extends Node {
  @Field({ description: 'Stable identifier of the check, e.g. `robots.ai-search-blocked`.' })
  checkId!: string;

  @Field({ description: `The check's category: ${CATEGORY_LIST}.` })
  category!: string;

  @Field(() => Severity, { description: 'How much it matters.' })
  severity!: Severity;

  @Field({ description: 'One line saying what is wrong.' })
  title!: string;

  @Field({ description: 'What was seen, with the evidence.' })
  detail!: string;

  @Field({ description: 'What to do about it.' })
  recommendation!: string;

  @Field(() => [String], { description: 'The pages (or other URLs) concerned.' })
  urls!: string[];

  @Field(() => Float, { description: 'Points of the overall score this finding costs.' })
  pointsLost!: number;
}

@ObjectType({ description: 'What the audit was asked to do (a rerun repeats it).' })
export class AuditInputType {
  @Field({ description: "SITE: the site to audit; VISIBILITY: the brand's site." })
  url!: string;

  @Field(() => Int, { nullable: true, description: 'SITE: the crawl bound asked for (plan limits apply).' })
  maxPages?: number | null;

  @Field(() => String, { nullable: true, description: 'VISIBILITY: the brand name looked for in answers.' })
  brand?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'VISIBILITY: other names of the brand that count as mentions.',
  })
  aliases?: string[];

  @Field(() => [String], { nullable: true, description: 'VISIBILITY: competitor brands measured beside it.' })
  competitors?: string[];

  @Field(() => [String], { nullable: true, description: 'VISIBILITY: the questions asked.' })
  prompts?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'VISIBILITY: the engines asked (openai, anthropic, perplexity, gemini, openai-compatible).',
  })
  engines?: string[];

  @Field(() => Int, { nullable: true, description: 'VISIBILITY: answers per prompt and engine asked for.' })
  samples?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'VISIBILITY: the answer cache was bypassed.' })
  fresh?: boolean;

  @Field(() => AnswerLocale, {
    nullable: true,
    description: 'VISIBILITY: the location and language asked for.',
  })
  locale?: AnswerLocale | null;

  @Field(() => Float, { nullable: true, description: 'VISIBILITY: the most USD the audit may spend.' })
  budgetUsd?: number | null;
}

@ObjectType('Audit', { implements: Node, description: 'A SITE or VISIBILITY audit and its results.' })
export class AuditType extends Node {
  @Field(() => AuditKind, { description: 'SITE or VISIBILITY.' })
  kind!: AuditKind;

  @Field(() => AuditStatus, {
    description: 'Where the audit stands; subscribe to auditProgress to follow it live.',
  })
  status!: AuditStatus;

  @Field({ description: "SITE: the site audited (start URL); VISIBILITY: the brand's site." })
  url!: string;

  @Field(() => AuditInputType, { description: 'What the audit was asked to do; rerunAudit repeats it.' })
  input!: AuditInputType;

  @Field(() => Float, { description: '0..1' })
  progress!: number;

  @Field(() => String, { nullable: true, description: 'Human-readable current stage.' })
  stage!: string | null;

  @Field(() => Float, { nullable: true, description: '0..100 once SUCCEEDED.' })
  score!: number | null;

  @Field(() => GradeEnum, {
    nullable: true,
    description: 'The grade of `score` once SUCCEEDED (A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F); null before.',
  })
  grade!: Grade | null;

  @Field(() => [CategoryScore], {
    description:
      'Per category: score, weight and whether it applied; empty until SUCCEEDED. Categories are a closed set: see Query.checks.',
  })
  categories!: CategoryScore[];

  @Field(() => String, { nullable: true, description: 'Why the audit FAILED, in words a user can act on.' })
  error!: string | null;

  @Field(() => Int, { description: 'How many times a worker started the audit (retries included).' })
  attempts!: number;

  @Field({ description: 'When the audit was created (queued).' })
  createdAt!: Date;

  @Field({ description: 'When the audit last changed (status, progress, results).' })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a worker first started it; null while QUEUED.' })
  startedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it reached SUCCEEDED, FAILED or CANCELLED; null before.',
  })
  finishedAt!: Date | null;
}

@ObjectType('AuditProgress', {
  description: 'One step of a running audit; the first event is the current state.',
})
export class AuditProgressType {
  @Field(() => AuditStatus, {
    description: "The audit's status at this step; the stream ends after a terminal one.",
  })
  status!: AuditStatus;

  @Field(() => Float, { description: '0..1, to 3 decimals.' })
  progress!: number;

  @Field(() => String, { nullable: true, description: 'Human-readable stage, e.g. "Crawling pages".' })
  stage!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Detail of the step, e.g. the page just fetched; null when none.',
  })
  message!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the audit FAILED, in words a user can act on (on the FAILED event; null otherwise).',
  })
  error!: string | null;

  @Field({ description: 'When this step happened.' })
  at!: Date;
}

export const AuditConnection = connectionTypes(AuditType, 'Audit');
export const FindingConnection = connectionTypes(FindingType, 'Finding');
