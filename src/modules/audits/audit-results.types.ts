// GraphQL view of an audit's stored results (src/audit-engine/result.ts is the stored shape):
// the pages a SITE audit crawled, its checks, AI-bot access and skipped URLs; the answers of a
// VISIBILITY audit; the check catalogue.
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from '../../graphql/relay/connection.js';
import { Severity } from './finding.entity.js';
import { AnswerLocale } from './visibility.types.js';

export enum CheckStatus {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

registerEnumType(CheckStatus, {
  name: 'CheckStatus',
  description:
    'PASSED: nothing to fix (an INFO note at most). FAILED: it has a finding to act on. ' +
    'NOT_APPLICABLE: nothing on the site it could judge (it does not count).',
  valuesConfig: {
    PASSED: { description: 'Nothing to fix (an INFO note at most).' },
    FAILED: { description: 'The check has a finding to act on.' },
    NOT_APPLICABLE: { description: 'Nothing on the site it could judge; it does not count.' },
  },
});

export enum CrawlOutcomeStatus {
  AUDITED = 'AUDITED',
  BLOCKED = 'BLOCKED',
}

registerEnumType(CrawlOutcomeStatus, {
  name: 'CrawlOutcomeStatus',
  description:
    'AUDITED: pages were crawled and graded. BLOCKED: robots.txt does not let AEOAuditBot fetch the ' +
    'start URL (or answered 5xx, which RFC 9309 reads as "disallow everything"): nothing was fetched ' +
    'or graded, the audit is FAILED with the reason as its error and no score.',
  valuesConfig: {
    AUDITED: { description: 'Pages were crawled and graded.' },
    BLOCKED: {
      description:
        'robots.txt keeps AEOAuditBot from the start URL (or answered 5xx): nothing was fetched; the audit FAILED.',
    },
  },
});

@ObjectType('CrawlOutcome', {
  description: 'How a SITE crawl ended: blocked by robots.txt, or audited completely or partially.',
})
export class CrawlOutcomeType {
  @Field(() => CrawlOutcomeStatus, { description: 'AUDITED or BLOCKED.' })
  status!: CrawlOutcomeStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'BLOCKED: why, with what robots.txt says for each AI crawler (the audit error says the same); null when audited.',
  })
  reason!: string | null;

  @Field({
    description:
      'False when a crawl bound (max-pages, max-depth, time budget) left found URLs unaudited, or when blocked: see `skipped`.',
  })
  complete!: boolean;

  @Field(() => [String], { description: 'The bounds reached, e.g. "max-pages 50", "time budget".' })
  limitsReached!: string[];
}

@ObjectType('CrawledPage', { description: 'A page a SITE audit fetched, in crawl order.' })
export class CrawledPageType {
  @Field({ description: 'URL as requested.' })
  url!: string;

  @Field({ description: 'URL after redirects (the url itself without redirects).' })
  finalUrl!: string;

  @Field(() => [String], {
    description:
      'URLs the request was redirected through, in order, before finalUrl; empty without redirects.',
  })
  redirects!: string[];

  @Field(() => Int, { nullable: true, description: 'HTTP status; null when the request failed (see error).' })
  status!: number | null;

  @Field(() => Int, { description: 'Click depth from the start page (0); sitemap seeds count 1.' })
  depth!: number;

  @Field(() => String, { nullable: true, description: 'The page title.' })
  title!: string | null;

  @Field(() => Int, { nullable: true, description: 'Words of main text; null for non-HTML responses.' })
  words!: number | null;

  @Field(() => Int, { description: 'Size of the response body in bytes.' })
  bytes!: number;

  @Field(() => Int, { nullable: true, description: 'Time to first byte in milliseconds.' })
  fetchMs!: number | null;

  @Field(() => String, { nullable: true, description: 'The Content-Type the server sent.' })
  contentType!: string | null;

  @Field({ description: 'A 2xx HTML page without noindex (meta robots or X-Robots-Tag).' })
  indexable!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the request failed (null when it did not).' })
  error!: string | null;

  @Field(() => [String], { description: 'schema.org types found in its JSON-LD.' })
  structuredData!: string[];

  @Field(() => [String], { description: 'Ids of the checks with a non-INFO finding on this page.' })
  failedChecks!: string[];
}

@ObjectType('CheckFinding', { description: 'What a check found, in the words of its finding.' })
export class CheckFindingType {
  @Field({ description: 'The finding title.' })
  title!: string;

  @Field({ description: 'What was seen, with the evidence.' })
  detail!: string;

  @Field({ description: 'What to do about it.' })
  recommendation!: string;

  @Field(() => [String], { description: 'The pages (or other URLs) concerned.' })
  urls!: string[];
}

@ObjectType('CheckResult', { description: 'One check a SITE audit ran, passed or not.' })
export class CheckResultType {
  @Field({ description: 'Stable identifier of the check, e.g. `robots.ai-search-blocked`.' })
  checkId!: string;

  @Field({ description: 'The category the check counts in.' })
  category!: string;

  @Field({ description: 'What the check checks (its catalogue title).' })
  title!: string;

  @Field(() => CheckStatus, { description: 'Passed, failed, or not applicable to this site.' })
  status!: CheckStatus;

  @Field(() => Severity, { nullable: true, description: 'Severity of its finding; null without one.' })
  severity!: Severity | null;

  @Field(() => Float, { description: 'Points of the overall score it costs.' })
  pointsLost!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of pages (or of the requirement) passing, 0..1; null when not applicable.',
  })
  score!: number | null;

  @Field(() => Float, { description: 'Weight within its category.' })
  weight!: number;

  @Field(() => CheckFindingType, {
    nullable: true,
    description: 'What it found (INFO notes included); null when it found nothing.',
  })
  finding!: CheckFindingType | null;
}

@ObjectType('BotAccess', {
  description: 'What one AI crawler or user agent may do on the site, and what it got when asked as it.',
})
export class BotAccessType {
  @Field({ description: 'robots.txt product token, e.g. `GPTBot`.' })
  bot!: string;

  @Field({ description: 'Who runs it, e.g. OpenAI.' })
  operator!: string;

  @Field({ description: 'What it fetches for: search, training or user (fetches on a user’s request).' })
  purpose!: string;

  @Field(() => String, { nullable: true, description: 'What it fetches for, in its operator’s terms.' })
  description!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The operator’s page documenting it (or, when it publishes none, what identifies it).',
  })
  source!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'When the AI crawler table entry was last checked against its source (ISO date).',
  })
  checked!: string | null;

  @Field({
    description:
      'robots.txt verdict: allowed (start page and every crawled page), partial, or blocked (start page).',
  })
  robots!: string;

  @Field(() => Int, { description: 'Crawled HTML pages robots.txt lets it fetch.' })
  pagesAllowed!: number;

  @Field(() => Int, { description: 'Crawled HTML pages robots.txt keeps it from.' })
  pagesBlocked!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'HTTP status when the start page was fetched with its user agent; null: not probed or failed.',
  })
  probeStatus!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'same | blocked | challenge | smaller | error, compared with a normal fetch; null when not probed.',
  })
  probeVerdict!: string | null;
}

@ObjectType('SkippedUrl', { description: 'A URL the crawl found but did not audit.' })
export class SkippedUrlType {
  @Field({ description: 'The URL.' })
  url!: string;

  @Field({ description: 'robots | off-site | limit | error | duplicate.' })
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Specifics, e.g. "max-pages 50 reached", "HTTP 404", "same page as /a".',
  })
  detail!: string | null;
}

@ObjectType('Citation', { description: 'A source an answer cited (or the engine consulted).' })
export class CitationType {
  @Field({ description: 'The URL.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'Its title, when the engine gave one.' })
  title!: string | null;

  @Field({ description: "Whether it is on the brand's domain (subdomains included)." })
  brand!: boolean;
}

@ObjectType('Mention', { description: 'A brand an answer names: the audited brand or a competitor.' })
export class MentionType {
  @Field({ description: 'The brand or competitor name.' })
  name!: string;

  @Field({ description: 'True for the audited brand (or an alias), false for a competitor.' })
  brand!: boolean;

  @Field(() => Int, { description: '1-based rank of its first mention among the brands named.' })
  position!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Offset of its first mention in the normalized answer text, when known.',
  })
  offset!: number | null;
}

@ObjectType('AnswerTokens', { description: 'Tokens an answer cost (0 for a cached answer).' })
export class AnswerTokensType {
  @Field(() => Int, { description: 'Prompt tokens.' })
  input!: number;

  @Field(() => Int, { description: 'Answer tokens.' })
  output!: number;
}

@ObjectType('Answer', { description: 'One answer of one answer engine to one prompt of a VISIBILITY audit.' })
export class AnswerType {
  @Field({ description: 'The engine asked, e.g. `openai`.' })
  engine!: string;

  @Field({ description: 'The model that answered.' })
  model!: string;

  @Field({ description: 'The prompt asked.' })
  prompt!: string;

  @Field(() => Int, { description: '0-based sample index (a prompt may be asked several times).' })
  sample!: number;

  @Field({ description: 'The answer text.' })
  text!: string;

  @Field({ description: 'Whether it mentions the brand (or an alias).' })
  mentioned!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "1-based rank of the brand's first mention among the brands named; null when not mentioned.",
  })
  position!: number | null;

  @Field(() => [MentionType], { description: 'The brands it names, in order of first mention.' })
  mentions!: MentionType[];

  @Field(() => [CitationType], { description: 'The sources it cites.' })
  citations!: CitationType[];

  @Field(() => [CitationType], { description: 'Sources the engine consulted, cited or not.' })
  sources!: CitationType[];

  @Field(() => Float, {
    nullable: true,
    description: "−1..1 around the brand's mentions; null when not mentioned.",
  })
  sentiment!: number | null;

  @Field({ description: 'True when the stored answer of an earlier run was reused (no request, no tokens).' })
  cached!: boolean;

  @Field(() => Int, { nullable: true, description: 'How long the engine took to answer, in milliseconds.' })
  latencyMs!: number | null;

  @Field(() => AnswerTokensType, { description: 'Tokens spent on it by this run.' })
  tokens!: AnswerTokensType;

  @Field(() => AnswerLocale, {
    nullable: true,
    description:
      'The location and language fields sent to the engine with this prompt; null when none were ' +
      '(none asked for, or the engine has no parameter for them: see `visibility.locale`).',
  })
  locale!: AnswerLocale | null;
}

@ObjectType('CheckDefinition', { description: 'A SITE check: what it checks, why, and how much it weighs.' })
export class CheckDefinitionType {
  @Field({ description: 'Stable identifier, as in findings and check results.' })
  checkId!: string;

  @Field({ description: 'The category it counts in.' })
  category!: string;

  @Field({ description: 'What it checks.' })
  title!: string;

  @Field({ description: 'What it looks for and how it decides.' })
  description!: string;

  @Field({ description: 'Why it matters for answer engines.' })
  rationale!: string;

  @Field({ description: 'Where the rule comes from (vendor doc, spec or study).' })
  source!: string;

  @Field(() => Float, { description: 'Weight within its category.' })
  weight!: number;
}

export const CrawledPageConnection = connectionTypes(CrawledPageType, 'CrawledPage');
export const AnswerConnection = connectionTypes(AnswerType, 'Answer');
