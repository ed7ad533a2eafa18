/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string };
  String: { input: string; output: string };
  Boolean: { input: boolean; output: boolean };
  Int: { input: number; output: number };
  Float: { input: number; output: number };
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string };
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown };
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown> };
};

/** What an alert rule watches; rules are checked when a project audit ends, against the previous run. */
export type AlertKind =
  /** A run ended FAILED. */
  | 'AUDIT_FAILED'
  /** A visibility `metric` fell significantly (5% level), overall or for `engine`. */
  | 'METRIC_DROP'
  /** A finding of at least `severity` that the previous run did not have. */
  | 'NEW_FINDING'
  /** The score ends below `threshold`. */
  | 'SCORE_BELOW'
  /** The score fell by at least `threshold` points since the previous run. */
  | 'SCORE_DROP';

/** An alert rule of a project. */
export type AlertRule = {
  /** METRIC_DROP: the engine watched (openai, anthropic, perplexity, gemini, openai-compatible); null = overall. */
  engine: Maybe<Scalars['String']['output']>;
  /** What the rule watches. */
  kind: AlertKind;
  /** METRIC_DROP: the visibility metric watched; null for other kinds. */
  metric: Maybe<TrendMetric>;
  /** NEW_FINDING: the least severity that fires; null for other kinds. */
  severity: Maybe<Severity>;
  /** SCORE_BELOW: the score (0..100) under which it fires; SCORE_DROP: the drop in points; null for other kinds. */
  threshold: Maybe<Scalars['Float']['output']>;
};

/** An alert rule: when it fires, a project event is recorded and delivered. */
export type AlertRuleInput = {
  /** METRIC_DROP: one engine (default: overall). */
  engine?: InputMaybe<Scalars['String']['input']>;
  /** What the rule watches; the other fields it needs depend on it. */
  kind: AlertKind;
  /** METRIC_DROP: the visibility metric watched. */
  metric?: InputMaybe<TrendMetric>;
  /** NEW_FINDING: the least severity that fires. */
  severity?: InputMaybe<Severity>;
  /** SCORE_BELOW: the score (0..100) under which it fires; SCORE_DROP: the drop in points. */
  threshold?: InputMaybe<Scalars['Float']['input']>;
};

/** One answer of one answer engine to one prompt of a VISIBILITY audit. */
export type Answer = {
  /** True when the stored answer of an earlier run was reused (no request, no tokens). */
  cached: Scalars['Boolean']['output'];
  /** The sources it cites. */
  citations: Array<Citation>;
  /** The engine asked, e.g. `openai`. */
  engine: Scalars['String']['output'];
  /** How long the engine took to answer, in milliseconds. */
  latencyMs: Maybe<Scalars['Int']['output']>;
  /** The location and language fields sent to the engine with this prompt; null when none were (none asked for, or the engine has no parameter for them: see `visibility.locale`). */
  locale: Maybe<AnswerLocale>;
  /** Whether it mentions the brand (or an alias). */
  mentioned: Scalars['Boolean']['output'];
  /** The brands it names, in order of first mention. */
  mentions: Array<Mention>;
  /** The model that answered. */
  model: Scalars['String']['output'];
  /** 1-based rank of the brand's first mention among the brands named; null when not mentioned. */
  position: Maybe<Scalars['Int']['output']>;
  /** The prompt asked. */
  prompt: Scalars['String']['output'];
  /** 0-based sample index (a prompt may be asked several times). */
  sample: Scalars['Int']['output'];
  /** −1..1 around the brand's mentions; null when not mentioned. */
  sentiment: Maybe<Scalars['Float']['output']>;
  /** Sources the engine consulted, cited or not. */
  sources: Array<Citation>;
  /** The answer text. */
  text: Scalars['String']['output'];
  /** Tokens spent on it by this run. */
  tokens: AnswerTokens;
};

/** A page of Answer items (Relay cursor connection: first/after forward, last/before backward). */
export type AnswerConnection = {
  /** The items of this page, in list order. */
  edges: Array<AnswerEdge>;
  /** Whether more pages exist, and the cursors to reach them. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One Answer of a page, with its cursor. */
export type AnswerEdge = {
  /** Opaque position of this item: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The Answer itself. */
  node: Answer;
};

/** Where and in which language the answers were asked for. */
export type AnswerLocale = {
  /** City, free text. */
  city: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2 country code. */
  country: Maybe<Scalars['String']['output']>;
  /** ISO 639-1 language code. */
  language: Maybe<Scalars['String']['output']>;
  /** Latitude in degrees (-90..90), with longitude. */
  latitude: Maybe<Scalars['Float']['output']>;
  /** Longitude in degrees (-180..180), with latitude. */
  longitude: Maybe<Scalars['Float']['output']>;
  /** Region or state, free text. */
  region: Maybe<Scalars['String']['output']>;
  /** IANA time zone. */
  timezone: Maybe<Scalars['String']['output']>;
};

/** VISIBILITY: where the user asking is. Each engine sends what it has a parameter for (docs/visibility.md). */
export type AnswerLocationInput = {
  /** City, free text. */
  city?: InputMaybe<Scalars['String']['input']>;
  /** Two-letter ISO 3166-1 country code, e.g. "DE". */
  country?: InputMaybe<Scalars['String']['input']>;
  /** With longitude: the user's coordinates. */
  latitude?: InputMaybe<Scalars['Float']['input']>;
  /** With latitude: the user's coordinates, in degrees (-180..180). */
  longitude?: InputMaybe<Scalars['Float']['input']>;
  /** Region or state, free text. */
  region?: InputMaybe<Scalars['String']['input']>;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** Tokens an answer cost (0 for a cached answer). */
export type AnswerTokens = {
  /** Prompt tokens. */
  input: Scalars['Int']['output'];
  /** Answer tokens. */
  output: Scalars['Int']['output'];
};

/** A partner API key, sent as `Authorization: Bearer <key>` or `x-api-key: <key>` (WebSocket: `connectionParams.apiKey`). It acts in its workspace only, within its scopes and never beyond its creator's current role there; it stops when its creator leaves the workspace, and it cannot manage accounts, members or keys. */
export type ApiKey = Node & {
  /** When the key was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the key stops working; null = never. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** Last use, updated at most once a minute. */
  lastUsedAt: Maybe<Scalars['DateTime']['output']>;
  /** A label to tell keys apart, chosen at creation. */
  name: Scalars['String']['output'];
  /** The public start of the key (`aeo_live_xxxxxxxx`), to recognise it. */
  prefix: Scalars['String']['output'];
  /** When the key was revoked; in the future while a rotated key is in its grace period. */
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  /** What the key may do. */
  scopes: Array<ApiKeyScope>;
};

/** What a partner API key may do. */
export type ApiKeyScope =
  /** `audits:read`: read audits, their findings and live progress. */
  | 'AUDITS_READ'
  /** `audits:write`: create, cancel, rerun and delete audits. */
  | 'AUDITS_WRITE';

/** A SITE or VISIBILITY audit and its results. */
export type Audit = Node & {
  /** VISIBILITY audits: every answer analysed, in the order asked (empty for SITE). */
  answers: AnswerConnection;
  /** How many times a worker started the audit (retries included). */
  attempts: Scalars['Int']['output'];
  /** SITE audits: what each AI crawler may fetch, per robots.txt and per probe (empty for VISIBILITY). */
  botAccess: Array<BotAccess>;
  /** Per category: score, weight and whether it applied; empty until SUCCEEDED. Categories are a closed set: see Query.checks. */
  categories: Array<CategoryScore>;
  /** SITE audits: every check that ran, passed or not, in catalogue order (empty for VISIBILITY). */
  checks: Array<CheckResult>;
  /** VISIBILITY audits: the estimated cost (from the moment the audit is created) and, once it ran, the actual cost and whether its budget stopped it (null for SITE). */
  cost: Maybe<AuditCost>;
  /** SITE audits: how the crawl ended (blocked by robots.txt, complete or partial); null before results and for VISIBILITY. */
  crawlOutcome: Maybe<CrawlOutcome>;
  /** When the audit was created (queued). */
  createdAt: Scalars['DateTime']['output'];
  /** Why the audit FAILED, in words a user can act on. */
  error: Maybe<Scalars['String']['output']>;
  /** What to fix, in report order (empty until SUCCEEDED); the severity argument keeps one severity only. */
  findings: FindingConnection;
  /** When it reached SUCCEEDED, FAILED or CANCELLED; null before. */
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  /** The grade of `score` once SUCCEEDED (A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F); null before. */
  grade: Maybe<Grade>;
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** What the audit was asked to do; rerunAudit repeats it. */
  input: AuditInputType;
  /** SITE or VISIBILITY. */
  kind: AuditKind;
  /** Who created the audit. */
  owner: User;
  /** SITE audits: the pages fetched, in crawl order (empty for VISIBILITY). */
  pages: CrawledPageConnection;
  /** 0..1 */
  progress: Scalars['Float']['output'];
  /** The project whose run created it. */
  project: Maybe<Project>;
  /**
   * The audit's share links, newest first, active, expired and revoked (never their tokens).
   *
   * Access: as the object it belongs to; API keys need scope `audits:read`.
   */
  reportLinks: Array<ReportLink>;
  /** 0..100 once SUCCEEDED. */
  score: Maybe<Scalars['Float']['output']>;
  /** SITE audits: URLs found but not audited, and why (bounded; empty for VISIBILITY). */
  skipped: Array<SkippedUrl>;
  /** Human-readable current stage. */
  stage: Maybe<Scalars['String']['output']>;
  /** When a worker first started it; null while QUEUED. */
  startedAt: Maybe<Scalars['DateTime']['output']>;
  /** Where the audit stands; subscribe to auditProgress to follow it live. */
  status: AuditStatus;
  /** When the audit last changed (status, progress, results). */
  updatedAt: Scalars['DateTime']['output'];
  /** SITE: the site audited (start URL); VISIBILITY: the brand's site. */
  url: Scalars['String']['output'];
  /** VISIBILITY audits: the measurements (null for SITE). */
  visibility: Maybe<VisibilityReport>;
  /** The workspace the audit belongs to. */
  workspace: Workspace;
};

/** A SITE or VISIBILITY audit and its results. */
export type AuditAnswersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  engine?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A SITE or VISIBILITY audit and its results. */
export type AuditFindingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  severity?: InputMaybe<Severity>;
};

/** A SITE or VISIBILITY audit and its results. */
export type AuditPagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** Two audits of the same kind side by side. Findings are matched by check and page; a page keeps its identity through the redirects either audit saw. */
export type AuditComparison = {
  /** The earlier audit. */
  base: Audit;
  /** Per category: both scores and head − base, in catalogue order. */
  categories: Array<CategoryDelta>;
  /** The later audit. */
  head: Audit;
  /** VISIBILITY: prompts where no answer mentioned the brand in base and some does in head. */
  mentionGainedPrompts: Array<Scalars['String']['output']>;
  /** VISIBILITY: prompts where some answer mentioned the brand in base and none does in head. */
  mentionLostPrompts: Array<Scalars['String']['output']>;
  /** head's findings that base did not have. */
  newFindings: Array<Finding>;
  /** head's findings that base had too. */
  persistingFindings: Array<Finding>;
  /** base's findings that head no longer has. */
  resolvedFindings: Array<Finding>;
  /** head − base of the scores (null unless both have one). */
  scoreDelta: Maybe<Scalars['Float']['output']>;
  /** VISIBILITY only (empty for SITE). */
  visibility: Array<MetricDelta>;
};

/** A page of Audit items (Relay cursor connection: first/after forward, last/before backward). */
export type AuditConnection = {
  /** The items of this page, in list order. */
  edges: Array<AuditEdge>;
  /** Whether more pages exist, and the cursors to reach them. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** What a VISIBILITY audit costs, from the server's per-model price table. */
export type AuditCost = {
  /** After the run: the tokens reported, priced. */
  actual: Maybe<CostReport>;
  /** The audit's budget in USD; null = none. */
  budgetUsd: Maybe<Scalars['Float']['output']>;
  /** Before the run: every answer asked at the model's typical tokens (an upper bound: cached answers are free). */
  estimate: Maybe<CostReport>;
  /** Answers not asked because of the budget. */
  skippedAnswers: Scalars['Int']['output'];
  /** The budget was reached: the audit ended with the answers it had. */
  stoppedByBudget: Scalars['Boolean']['output'];
};

/** One Audit of a page, with its cursor. */
export type AuditEdge = {
  /** Opaque position of this item: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The Audit itself. */
  node: Audit;
};

/** Every given condition must hold. */
export type AuditFilter = {
  /** Only audits created at or after this instant. */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only audits created before this instant. */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only audits of these kinds. */
  kind?: InputMaybe<Array<AuditKind>>;
  /** Part of the URL, case-insensitive. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only audits in these statuses. */
  status?: InputMaybe<Array<AuditStatus>>;
  /** Only audits of this workspace (you must be a member). */
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

/** What the audit was asked to do (a rerun repeats it). */
export type AuditInputType = {
  /** VISIBILITY: other names of the brand that count as mentions. */
  aliases: Maybe<Array<Scalars['String']['output']>>;
  /** VISIBILITY: the brand name looked for in answers. */
  brand: Maybe<Scalars['String']['output']>;
  /** VISIBILITY: the most USD the audit may spend. */
  budgetUsd: Maybe<Scalars['Float']['output']>;
  /** VISIBILITY: competitor brands measured beside it. */
  competitors: Maybe<Array<Scalars['String']['output']>>;
  /** VISIBILITY: the engines asked (openai, anthropic, perplexity, gemini, openai-compatible). */
  engines: Maybe<Array<Scalars['String']['output']>>;
  /** VISIBILITY: the answer cache was bypassed. */
  fresh: Maybe<Scalars['Boolean']['output']>;
  /** VISIBILITY: the location and language asked for. */
  locale: Maybe<AnswerLocale>;
  /** SITE: the crawl bound asked for (plan limits apply). */
  maxPages: Maybe<Scalars['Int']['output']>;
  /** VISIBILITY: the questions asked. */
  prompts: Maybe<Array<Scalars['String']['output']>>;
  /** VISIBILITY: answers per prompt and engine asked for. */
  samples: Maybe<Scalars['Int']['output']>;
  /** SITE: the site to audit; VISIBILITY: the brand's site. */
  url: Scalars['String']['output'];
};

/** SITE: is the site ready for AI answer engines? VISIBILITY: do answer engines mention and cite the brand? */
export type AuditKind =
  /** A crawl of the site and deterministic readiness checks. */
  | 'SITE'
  /** Prompts asked to answer engines; mentions and citations of the brand measured. */
  | 'VISIBILITY';

/** How to sort audits. */
export type AuditOrder = {
  /** ASC or DESC. */
  direction: OrderDirection;
  /** What to sort by. */
  field: AuditOrderField;
};

/** SCORE puts audits without a score (not finished) below every score. */
export type AuditOrderField =
  /** When the audit was created. */
  | 'CREATED_AT'
  /** The overall score; audits without one sort below every score. */
  | 'SCORE'
  /** When the audit last changed (status, progress, results). */
  | 'UPDATED_AT';

/** One step of a running audit; the first event is the current state. */
export type AuditProgress = {
  /** When this step happened. */
  at: Scalars['DateTime']['output'];
  /** The audit, as it is now. */
  audit: Audit;
  /** Why the audit FAILED, in words a user can act on (on the FAILED event; null otherwise). */
  error: Maybe<Scalars['String']['output']>;
  /** Detail of the step, e.g. the page just fetched; null when none. */
  message: Maybe<Scalars['String']['output']>;
  /** 0..1, to 3 decimals. */
  progress: Scalars['Float']['output'];
  /** Human-readable stage, e.g. "Crawling pages". */
  stage: Maybe<Scalars['String']['output']>;
  /** The audit's status at this step; the stream ends after a terminal one. */
  status: AuditStatus;
};

/** QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED. */
export type AuditStatus =
  /** Stopped by cancelAudit before it finished. */
  | 'CANCELLED'
  /** Ended without results; `error` says why. */
  | 'FAILED'
  /** Waiting for a worker. */
  | 'QUEUED'
  /** A worker is running it; `progress` and `stage` move. */
  | 'RUNNING'
  /** Finished with results: `score`, `grade` and findings are set. */
  | 'SUCCEEDED';

/** Credentials of a new or refreshed session. */
export type AuthPayload = {
  /** Short-lived JWT for `Authorization: Bearer`. */
  accessToken: Scalars['String']['output'];
  /** When the access token expires. */
  expiresAt: Scalars['DateTime']['output'];
  /** Opaque, single-use token for `refreshSession`; store it securely. */
  refreshToken: Scalars['String']['output'];
  /** The signed-in user. */
  user: User;
};

/** What one AI crawler or user agent may do on the site, and what it got when asked as it. */
export type BotAccess = {
  /** robots.txt product token, e.g. `GPTBot`. */
  bot: Scalars['String']['output'];
  /** When the AI crawler table entry was last checked against its source (ISO date). */
  checked: Maybe<Scalars['String']['output']>;
  /** What it fetches for, in its operator’s terms. */
  description: Maybe<Scalars['String']['output']>;
  /** Who runs it, e.g. OpenAI. */
  operator: Scalars['String']['output'];
  /** Crawled HTML pages robots.txt lets it fetch. */
  pagesAllowed: Scalars['Int']['output'];
  /** Crawled HTML pages robots.txt keeps it from. */
  pagesBlocked: Scalars['Int']['output'];
  /** HTTP status when the start page was fetched with its user agent; null: not probed or failed. */
  probeStatus: Maybe<Scalars['Int']['output']>;
  /** same | blocked | challenge | smaller | error, compared with a normal fetch; null when not probed. */
  probeVerdict: Maybe<Scalars['String']['output']>;
  /** What it fetches for: search, training or user (fetches on a user’s request). */
  purpose: Scalars['String']['output'];
  /** robots.txt verdict: allowed (start page and every crawled page), partial, or blocked (start page). */
  robots: Scalars['String']['output'];
  /** The operator’s page documenting it (or, when it publishes none, what identifies it). */
  source: Maybe<Scalars['String']['output']>;
};

/** VISIBILITY: a true fact about the brand; answers that contradict it become findings. */
export type BrandFactInput = {
  /** Words that mark a statement about the fact; default: the label's words and their synonyms. */
  keywords?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Default: inferred from the value. */
  kind?: InputMaybe<BrandFactKind>;
  /** What the fact is about, e.g. "founding year", "headquarters", "starting price". */
  label: Scalars['String']['input'];
  /** The true value, e.g. "2012", "Berlin, Germany", "$29". */
  value: Scalars['String']['input'];
};

/** How statements about a brand fact are read: YEAR (years), NUMBER (numbers, k/million), MONEY (amounts with a currency), NAME (a capitalized name after in/at/by/is). */
export type BrandFactKind =
  /** An amount with a currency, e.g. a price. */
  | 'MONEY'
  /** A capitalized name after in/at/by/is, e.g. the headquarters city or the CEO. */
  | 'NAME'
  /** A number, with k or million read, e.g. the employee count. */
  | 'NUMBER'
  /** A year, e.g. the founding year. */
  | 'YEAR';

/** One category's score in both audits (null where it was not scored). */
export type CategoryDelta = {
  /** The category's score (0..100) in base; null where not scored. */
  base: Maybe<Scalars['Float']['output']>;
  /** The category: SITE `ai_access`, `indexability`, `structured_data`, `answerability`, `content_rendering`, `trust`, `freshness`, `llms_txt`, `basics` (Query.checks lists each check's); VISIBILITY `mentions`, `citations`, `share_of_voice`, `sentiment`. */
  category: Scalars['String']['output'];
  /** head − base, one decimal. */
  delta: Maybe<Scalars['Float']['output']>;
  /** The category's score (0..100) in head; null where not scored. */
  head: Maybe<Scalars['Float']['output']>;
};

/** Score of one category of checks. */
export type CategoryScore = {
  /** False when nothing in the category could be judged: it does not count, and comparisons and trends treat it as absent rather than as 0. */
  applicable: Scalars['Boolean']['output'];
  /** The category: SITE `ai_access`, `indexability`, `structured_data`, `answerability`, `content_rendering`, `trust`, `freshness`, `llms_txt`, `basics` (Query.checks lists each check's); VISIBILITY `mentions`, `citations`, `share_of_voice`, `sentiment`. */
  category: Scalars['String']['output'];
  /** Why the category is not applicable, e.g. "no page has 150 words of text". */
  reason: Maybe<Scalars['String']['output']>;
  /** 0..100; 0 when not applicable (then it does not count). */
  score: Scalars['Float']['output'];
  /** Share of the overall score; the weights of an audit sum to 1 (0 when not applicable). */
  weight: Scalars['Float']['output'];
};

/** A password change by a signed-in user. */
export type ChangePasswordInput = {
  /** The current password, to confirm. */
  currentPassword: Scalars['String']['input'];
  /** The new password; the viewer's other sessions end. */
  newPassword: Scalars['String']['input'];
};

/** A SITE check: what it checks, why, and how much it weighs. */
export type CheckDefinition = {
  /** The category it counts in. */
  category: Scalars['String']['output'];
  /** Stable identifier, as in findings and check results. */
  checkId: Scalars['String']['output'];
  /** What it looks for and how it decides. */
  description: Scalars['String']['output'];
  /** Why it matters for answer engines. */
  rationale: Scalars['String']['output'];
  /** Where the rule comes from (vendor doc, spec or study). */
  source: Scalars['String']['output'];
  /** What it checks. */
  title: Scalars['String']['output'];
  /** Weight within its category. */
  weight: Scalars['Float']['output'];
};

/** What a check found, in the words of its finding. */
export type CheckFinding = {
  /** What was seen, with the evidence. */
  detail: Scalars['String']['output'];
  /** What to do about it. */
  recommendation: Scalars['String']['output'];
  /** The finding title. */
  title: Scalars['String']['output'];
  /** The pages (or other URLs) concerned. */
  urls: Array<Scalars['String']['output']>;
};

/** One check a SITE audit ran, passed or not. */
export type CheckResult = {
  /** The category the check counts in. */
  category: Scalars['String']['output'];
  /** Stable identifier of the check, e.g. `robots.ai-search-blocked`. */
  checkId: Scalars['String']['output'];
  /** What it found (INFO notes included); null when it found nothing. */
  finding: Maybe<CheckFinding>;
  /** Points of the overall score it costs. */
  pointsLost: Scalars['Float']['output'];
  /** Share of pages (or of the requirement) passing, 0..1; null when not applicable. */
  score: Maybe<Scalars['Float']['output']>;
  /** Severity of its finding; null without one. */
  severity: Maybe<Severity>;
  /** Passed, failed, or not applicable to this site. */
  status: CheckStatus;
  /** What the check checks (its catalogue title). */
  title: Scalars['String']['output'];
  /** Weight within its category. */
  weight: Scalars['Float']['output'];
};

/** PASSED: nothing to fix (an INFO note at most). FAILED: it has a finding to act on. NOT_APPLICABLE: nothing on the site it could judge (it does not count). */
export type CheckStatus =
  /** The check has a finding to act on. */
  | 'FAILED'
  /** Nothing on the site it could judge; it does not count. */
  | 'NOT_APPLICABLE'
  /** Nothing to fix (an INFO note at most). */
  | 'PASSED';

/** A source an answer cited (or the engine consulted). */
export type Citation = {
  /** Whether it is on the brand's domain (subdomains included). */
  brand: Scalars['Boolean']['output'];
  /** Its title, when the engine gave one. */
  title: Maybe<Scalars['String']['output']>;
  /** The URL. */
  url: Scalars['String']['output'];
};

/** A registrable domain the engines cite (blog.x.com and www.x.com count for x.com). */
export type CitedDomain = {
  /** Answers citing at least one of its pages. */
  answers: Scalars['Int']['output'];
  /** The brand's own registrable domain. */
  brand: Scalars['Boolean']['output'];
  /** Citations of its pages (distinct pages per answer, summed). */
  citations: Scalars['Int']['output'];
  /** The competitor whose site it is, if any. */
  competitor: Maybe<Scalars['String']['output']>;
  /** Registrable domain, e.g. `example.com`. */
  domain: Scalars['String']['output'];
  /** Engines that cite it. */
  engines: Array<Scalars['String']['output']>;
  /** Its most cited pages, most cited first (at most 10). */
  pages: Array<CitedPage>;
  /** Prompts whose answers cite it, in the audit order. */
  prompts: Array<Scalars['String']['output']>;
};

/** A page of a cited domain. */
export type CitedPage = {
  /** Answers citing this page. */
  citations: Scalars['Int']['output'];
  /** The cited URL. */
  url: Scalars['String']['output'];
};

/** A competitor's visibility, measured like the brand's (same definitions). */
export type CompetitorVisibility = {
  /** Answers the figures are computed on. */
  answers: Scalars['Int']['output'];
  /** Mean 1-based rank of the competitor's first mention among all brands named. */
  averagePosition: Maybe<Scalars['Float']['output']>;
  /** The engine; null = every engine's answers. */
  engine: Maybe<Scalars['String']['output']>;
  /** Answers naming the competitor / answers. */
  mentionRate: Maybe<Estimate>;
  /** The competitor, as given in the audit input. */
  name: Scalars['String']['output'];
  /** Share of voice, as the brand's: answers naming the competitor / the sum, over the brand and each competitor, of the answers naming that name. */
  shareOfVoice: Maybe<Estimate>;
};

/** Cost per engine and in total, in USD. */
export type CostReport = {
  /** Always USD. */
  currency: Scalars['String']['output'];
  /** One row per engine asked. */
  engines: Array<EngineCost>;
  /** Null when an engine has no price. */
  total: Maybe<Scalars['Float']['output']>;
};

/** How a SITE crawl ended: blocked by robots.txt, or audited completely or partially. */
export type CrawlOutcome = {
  /** False when a crawl bound (max-pages, max-depth, time budget) left found URLs unaudited, or when blocked: see `skipped`. */
  complete: Scalars['Boolean']['output'];
  /** The bounds reached, e.g. "max-pages 50", "time budget". */
  limitsReached: Array<Scalars['String']['output']>;
  /** BLOCKED: why, with what robots.txt says for each AI crawler (the audit error says the same); null when audited. */
  reason: Maybe<Scalars['String']['output']>;
  /** AUDITED or BLOCKED. */
  status: CrawlOutcomeStatus;
};

/** AUDITED: pages were crawled and graded. BLOCKED: robots.txt does not let AEOAuditBot fetch the start URL (or answered 5xx, which RFC 9309 reads as "disallow everything"): nothing was fetched or graded, the audit is FAILED with the reason as its error and no score. */
export type CrawlOutcomeStatus =
  /** Pages were crawled and graded. */
  | 'AUDITED'
  /** robots.txt keeps AEOAuditBot from the start URL (or answered 5xx): nothing was fetched; the audit FAILED. */
  | 'BLOCKED';

/** A page a SITE audit fetched, in crawl order. */
export type CrawledPage = {
  /** Size of the response body in bytes. */
  bytes: Scalars['Int']['output'];
  /** The Content-Type the server sent. */
  contentType: Maybe<Scalars['String']['output']>;
  /** Click depth from the start page (0); sitemap seeds count 1. */
  depth: Scalars['Int']['output'];
  /** Why the request failed (null when it did not). */
  error: Maybe<Scalars['String']['output']>;
  /** Ids of the checks with a non-INFO finding on this page. */
  failedChecks: Array<Scalars['String']['output']>;
  /** Time to first byte in milliseconds. */
  fetchMs: Maybe<Scalars['Int']['output']>;
  /** URL after redirects (the url itself without redirects). */
  finalUrl: Scalars['String']['output'];
  /** A 2xx HTML page without noindex (meta robots or X-Robots-Tag). */
  indexable: Scalars['Boolean']['output'];
  /** URLs the request was redirected through, in order, before finalUrl; empty without redirects. */
  redirects: Array<Scalars['String']['output']>;
  /** HTTP status; null when the request failed (see error). */
  status: Maybe<Scalars['Int']['output']>;
  /** schema.org types found in its JSON-LD. */
  structuredData: Array<Scalars['String']['output']>;
  /** The page title. */
  title: Maybe<Scalars['String']['output']>;
  /** URL as requested. */
  url: Scalars['String']['output'];
  /** Words of main text; null for non-HTML responses. */
  words: Maybe<Scalars['Int']['output']>;
};

/** A page of CrawledPage items (Relay cursor connection: first/after forward, last/before backward). */
export type CrawledPageConnection = {
  /** The items of this page, in list order. */
  edges: Array<CrawledPageEdge>;
  /** Whether more pages exist, and the cursors to reach them. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One CrawledPage of a page, with its cursor. */
export type CrawledPageEdge = {
  /** Opaque position of this item: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The CrawledPage itself. */
  node: CrawledPage;
};

/** A new partner API key. */
export type CreateApiKeyInput = {
  /** When the key stops working (in the future, at most a year away); default: never. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** What the key is for, e.g. the partner or script using it. */
  name: Scalars['String']['input'];
  /** What the key may do (at least one scope). */
  scopes: Array<ApiKeyScope>;
  /** The workspace the key acts in (you must be its OWNER or ADMIN); default: your personal one. */
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

/** A new audit. SITE uses url (+ maxPages); VISIBILITY uses url, brand and prompts. */
export type CreateAuditInput = {
  /** VISIBILITY: other names of the brand. */
  aliases?: InputMaybe<Array<Scalars['String']['input']>>;
  /** VISIBILITY: the brand name. */
  brand?: InputMaybe<Scalars['String']['input']>;
  /** VISIBILITY: facts about the brand; each answer mentioning it is checked against them. */
  brandFacts?: InputMaybe<Array<BrandFactInput>>;
  /** VISIBILITY: most USD to spend on answers (priced from the server's price table); when reached the audit stops asking and ends with the answers it has, saying so. Every engine asked needs a price. */
  budget?: InputMaybe<Scalars['Float']['input']>;
  /** VISIBILITY: competitor brands, for share of voice. */
  competitors?: InputMaybe<Array<Scalars['String']['input']>>;
  /** VISIBILITY: engines to ask (openai, anthropic, perplexity, gemini, openai-compatible); default: every configured one. */
  engines?: InputMaybe<Array<Scalars['String']['input']>>;
  /** VISIBILITY: true asks every prompt afresh, bypassing the answer cache for this audit. */
  fresh?: InputMaybe<Scalars['Boolean']['input']>;
  /** SITE (a crawl and checks) or VISIBILITY (prompts to answer engines). */
  kind: AuditKind;
  /** VISIBILITY: two-letter ISO 639-1 language of the sources and answers, e.g. "de". */
  language?: InputMaybe<Scalars['String']['input']>;
  /** VISIBILITY: the location answers are for. */
  location?: InputMaybe<AnswerLocationInput>;
  /** SITE: how many pages to crawl at most (plan limits apply). */
  maxPages?: InputMaybe<Scalars['Int']['input']>;
  /** VISIBILITY: the questions asked to answer engines. */
  prompts?: InputMaybe<Array<Scalars['String']['input']>>;
  /** VISIBILITY: answers asked per prompt and engine (1 to the server's VISIBILITY_MAX_SAMPLES); the report shows how they agree. Default: the server's VISIBILITY_SAMPLES. */
  samples?: InputMaybe<Scalars['Int']['input']>;
  /** SITE: the site to audit; VISIBILITY: the brand's site. http(s) with a public host. */
  url: Scalars['String']['input'];
  /** The workspace the audit belongs to (you need the MEMBER role or higher there; its plan applies). Default: an API key's own workspace, else your personal one. */
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

/** Outcome of one item of createAudits: the audit, or why it was refused. */
export type CreateAuditResult = {
  /** The created audit; null when this item was refused. */
  audit: Maybe<Audit>;
  /** Why this item was refused; null when created. */
  error: Maybe<ItemError>;
  /** Position of the item in the input list. */
  index: Scalars['Int']['output'];
};

/** Several audits at once; each is created or refused on its own. */
export type CreateAuditsInput = {
  /** The audits to create, each like createAudit's input. */
  audits: Array<CreateAuditInput>;
};

/** A new project: a site (and brand) tracked over time. */
export type CreateProjectInput = {
  /** Rules checked when a project audit ends (at most 20); on update, replaces every rule. */
  alertRules?: InputMaybe<Array<AlertRuleInput>>;
  /** VISIBILITY: other names of the brand. */
  aliases?: InputMaybe<Array<Scalars['String']['input']>>;
  /** VISIBILITY: the brand name. */
  brand?: InputMaybe<Scalars['String']['input']>;
  /** VISIBILITY: competitor brands, for share of voice. */
  competitors?: InputMaybe<Array<Scalars['String']['input']>>;
  /** VISIBILITY: engines to ask (openai, anthropic, perplexity, gemini, openai-compatible); default: every configured one. */
  engines?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The audits each run creates: SITE, VISIBILITY or both. */
  kinds: Array<AuditKind>;
  /** SITE: how many pages to crawl at most (plan limits apply). */
  maxPages?: InputMaybe<Scalars['Int']['input']>;
  /** The project's name, shown in lists and alerts. */
  name: Scalars['String']['input'];
  /** VISIBILITY: the questions asked to answer engines. */
  prompts?: InputMaybe<Array<Scalars['String']['input']>>;
  /** A 5-field cron expression (minute hour day-of-month month day-of-week), e.g. "0 6 * * 1"; null: manual runs only. Its shortest interval must respect the plan's minimum (minScheduleMinutes). */
  schedule?: InputMaybe<Scalars['String']['input']>;
  /** The IANA time zone the schedule is read in (default "UTC"). */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** The site to audit (SITE) and the brand's site (VISIBILITY). */
  url: Scalars['String']['input'];
  /** The workspace it belongs to (MEMBER or higher there); default: your personal one. */
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

/** A new webhook of a workspace (OWNER or ADMIN, with a verified email address). */
export type CreateWebhookInput = {
  /** The events delivered; at least one. */
  events: Array<WebhookEvent>;
  /** Only this project's events; null: every audit of the workspace. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** Where deliveries are POSTed: a public http(s) URL (the crawler’s address rules). */
  url: Scalars['String']['input'];
  /** The workspace (default: the project's, else your personal one). */
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

/** A new API key and its secret, shown this once: store it securely. */
export type CreatedApiKey = {
  /** The key's details. */
  apiKey: ApiKey;
  /** The full key. Only its hash is stored: it cannot be shown again. */
  secret: Scalars['String']['output'];
};

/** A webhook and its signing secret, shown this once. */
export type CreatedWebhook = {
  /** The signing secret (HMAC-SHA256 of `aeo-signature`): shown once only. */
  secret: Scalars['String']['output'];
  /** The webhook. */
  webhook: Webhook;
};

/** Tokens and cost of one engine. */
export type EngineCost = {
  /** Answers paid for (estimate: to ask; actual: received, cached ones excluded). */
  answers: Scalars['Int']['output'];
  /** USD; null when the model has no price in the table. */
  cost: Maybe<Scalars['Float']['output']>;
  /** The engine (openai, anthropic, perplexity, gemini, openai-compatible). */
  engine: Scalars['String']['output'];
  /** Prompt tokens counted. */
  inputTokens: Scalars['Int']['output'];
  /** The model priced. */
  model: Scalars['String']['output'];
  /** Answer tokens counted. */
  outputTokens: Scalars['Int']['output'];
};

/** Which requested locale fields one engine sent, and which it has no parameter for. */
export type EngineLocale = {
  /** The engine (openai, anthropic, perplexity, gemini, openai-compatible). */
  engine: Scalars['String']['output'];
  /** Fields the engine has no parameter for: not sent. */
  ignored: Array<Scalars['String']['output']>;
  /** Fields sent with every request, e.g. `country`, `language`. */
  sent: Array<Scalars['String']['output']>;
};

/** One engine's share of a VISIBILITY audit. */
export type EngineVisibility = {
  /** The engine (openai, anthropic, perplexity, gemini, openai-compatible). */
  engine: Scalars['String']['output'];
  /** Why this engine's answers are missing or incomplete. */
  error: Maybe<Scalars['String']['output']>;
  /** The metrics over this engine's answers. */
  metrics: VisibilityMetrics;
  /** The model that answered; null when the engine gave no answer. */
  model: Maybe<Scalars['String']['output']>;
};

/** Every `extensions.code` a GraphQL error can carry (the reports endpoints answer the same codes in `error.code`). An error without one does not exist: unexpected failures are INTERNAL_SERVER_ERROR. */
export type ErrorCode =
  /** The request itself is wrong: invalid arguments (`fields` lists each input field and what is wrong with it), or a document that does not parse, validate or coerce its variables (the codes GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST and OPERATION_RESOLUTION_FAILURE of Apollo Server arrive as this one), or an unsupported content type (`accepted`), or a GET or form post without the CSRF-prevention header (`requiredHeader`). Retrying the same request fails the same way. */
  | 'BAD_USER_INPUT'
  /** The request contradicts the current state, e.g. an email already registered, an audit that already ended, the last OWNER of a workspace leaving it. */
  | 'CONFLICT'
  /** Signed in but not allowed: the role (or workspace role) is too low, or an API key lacks the scope. Objects of a workspace the viewer is not a member of answer NOT_FOUND instead. */
  | 'FORBIDDEN'
  /** An unexpected failure on the server. The message never carries details; `requestId` (also the `x-request-id` header) lets support find the logged error. Retrying may succeed. */
  | 'INTERNAL_SERVER_ERROR'
  /** The object does not exist or the viewer may not see it (existence never leaks: another workspace's object answers this, not FORBIDDEN). */
  | 'NOT_FOUND'
  /** Trusted documents mode: this server runs only the operations of its clients' manifest, and this one is not among them (see docs/graphql-over-http.md). Ship the operation in the client's manifest, or use a server without TRUSTED_DOCUMENTS_MANIFEST for ad-hoc queries. */
  | 'OPERATION_NOT_TRUSTED'
  /** Automatic persisted queries: the server does not know the hash sent without a query text. Send the same request again with the query text. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** Automatic persisted queries are turned off on this server: send the query text. */
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  /** The document exceeds a limit (depth, cost, aliases, directives, fields, tokens, selections, repeated fields, variable size or depth) or ran past the execution time limit. `limit` is the limit and the measure (e.g. `cost`, `depth`) the measured value. Ask for less at once. */
  | 'QUERY_TOO_COMPLEX'
  /** A plan quota is used up (see `viewer.quota`): `quota` names it, `limit` and `used` count it, `retryAfterSeconds` (rolling quotas) says when room frees up, `scope` is `workspace` or `user`. */
  | 'QUOTA_EXCEEDED'
  /** Too many requests in a sliding window (per field, per caller or per address; see @rateLimit). `retryAfterSeconds` says when to retry; `limit` and `window` describe the rule. */
  | 'RATE_LIMITED'
  /** No valid credential: the field needs a signed-in user or an API key, or the access token, refresh token or API key sent is unknown, expired or revoked. Sign in (or refresh) and retry. */
  | 'UNAUTHENTICATED';

/** One error code and what a client should make of it. */
export type ErrorCodeInfo = {
  /** The value of `extensions.code`. */
  code: ErrorCode;
  /** When the server answers it and what to do about it. */
  description: Scalars['String']['output'];
  /** The other `extensions` keys an error with this code may carry (besides `code`). */
  extensions: Array<Scalars['String']['output']>;
};

/** A proportion with its 95% Wilson score interval; null where nothing was observed. */
export type Estimate = {
  /** Upper bound of the 95% Wilson interval, 0..1. */
  high: Scalars['Float']['output'];
  /** Lower bound of the 95% Wilson interval, 0..1. */
  low: Scalars['Float']['output'];
  /** Observations behind the estimate (the denominator). */
  n: Scalars['Int']['output'];
  /** The measured proportion, 0..1. */
  value: Scalars['Float']['output'];
};

/** One brand fact checked against every answer mentioning the brand. */
export type FactCheck = {
  /** Answers mentioning the brand (each was checked). */
  answersChecked: Scalars['Int']['output'];
  /** Answers that state another value, with the sentence. */
  contradictions: Array<FactContradiction>;
  /** Words that marked a statement about the fact. */
  keywords: Array<Scalars['String']['output']>;
  /** How statements about it are read. */
  kind: BrandFactKind;
  /** The fact, as given in the input, e.g. "founded". */
  label: Scalars['String']['output'];
  /** Statements about the fact found in them. */
  statements: Scalars['Int']['output'];
  /** The true value, as given in the input. */
  value: Scalars['String']['output'];
};

/** An answer statement that contradicts a brand fact. */
export type FactContradiction = {
  /** The engine that answered. */
  engine: Scalars['String']['output'];
  /** The prompt asked. */
  prompt: Scalars['String']['output'];
  /** The sentence, as the engine wrote it. */
  quote: Scalars['String']['output'];
  /** 0-based sample index of the answer. */
  sample: Scalars['Int']['output'];
  /** What it states instead, e.g. "2015". */
  stated: Scalars['String']['output'];
};

/** An invalid input field and what is wrong with it. */
export type FieldError = {
  /** Path of the field in the input, e.g. `url`. */
  field: Scalars['String']['output'];
  /** What is wrong with it, one sentence each. */
  messages: Array<Scalars['String']['output']>;
};

/** Something an audit found: what, where, and how to fix it. */
export type Finding = Node & {
  /** The check's category: SITE `ai_access`, `indexability`, `structured_data`, `answerability`, `content_rendering`, `trust`, `freshness`, `llms_txt`, `basics` (Query.checks lists each check's); VISIBILITY `mentions`, `citations`, `share_of_voice`, `sentiment`. */
  category: Scalars['String']['output'];
  /** Stable identifier of the check, e.g. `robots.ai-search-blocked`. */
  checkId: Scalars['String']['output'];
  /** What was seen, with the evidence. */
  detail: Scalars['String']['output'];
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** Points of the overall score this finding costs. */
  pointsLost: Scalars['Float']['output'];
  /** What to do about it. */
  recommendation: Scalars['String']['output'];
  /** How much it matters. */
  severity: Severity;
  /** One line saying what is wrong. */
  title: Scalars['String']['output'];
  /** The pages (or other URLs) concerned. */
  urls: Array<Scalars['String']['output']>;
};

/** A page of Finding items (Relay cursor connection: first/after forward, last/before backward). */
export type FindingConnection = {
  /** The items of this page, in list order. */
  edges: Array<FindingEdge>;
  /** Whether more pages exist, and the cursors to reach them. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One Finding of a page, with its cursor. */
export type FindingEdge = {
  /** Opaque position of this item: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The Finding itself. */
  node: Finding;
};

/** Letter grade of an overall score (0..100), the same bands for SITE and VISIBILITY audits. */
export type Grade =
  /** Score 90 or more. */
  | 'A'
  /** Score 80 to under 90. */
  | 'B'
  /** Score 70 to under 80. */
  | 'C'
  /** Score 60 to under 70. */
  | 'D'
  /** Score under 60. */
  | 'F';

/** An emailed invitation to join a workspace; visible to the workspace's OWNERs and ADMINs only (anyone else gets NOT_FOUND). */
export type Invitation = Node & {
  /** When it was sent. */
  createdAt: Scalars['DateTime']['output'];
  /** The invited address: the account that accepts must have it. */
  email: Scalars['String']['output'];
  /** Until when the emailed link works (re-sending sets a new time). */
  expiresAt: Scalars['DateTime']['output'];
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** Who sent it (or last re-sent it); null once that account is deleted. */
  invitedBy: Maybe<User>;
  /** The role the invited person gets on accepting. */
  role: WorkspaceRole;
  /** Where the invitation stands. */
  status: InvitationStatus;
  /** The workspace it invites to. */
  workspace: Workspace;
};

/** Where an invitation stands. */
export type InvitationStatus =
  /** The invited account joined (or was a member already). */
  | 'ACCEPTED'
  /** Declined through its link. */
  | 'DECLINED'
  /** Not answered before `expiresAt`; `resendInvitation` sends a new link. */
  | 'EXPIRED'
  /** Sent; its link can be accepted or declined until `expiresAt`. */
  | 'PENDING'
  /** Withdrawn by an OWNER or ADMIN. */
  | 'REVOKED';

/** The error of one item of a bulk operation. */
export type ItemError = {
  /** The error code, as `extensions.code` would say it. */
  code: Scalars['String']['output'];
  /** The invalid input fields, when the code is BAD_USER_INPUT. */
  fields: Maybe<Array<FieldError>>;
  /** What went wrong, in words a user can act on. */
  message: Scalars['String']['output'];
};

/** Credentials to sign in with. */
export type LoginInput = {
  /** The account's email address (case-insensitive). */
  email: Scalars['String']['input'];
  /** The account's password. */
  password: Scalars['String']['input'];
};

/** A brand an answer names: the audited brand or a competitor. */
export type Mention = {
  /** True for the audited brand (or an alias), false for a competitor. */
  brand: Scalars['Boolean']['output'];
  /** The brand or competitor name. */
  name: Scalars['String']['output'];
  /** Offset of its first mention in the normalized answer text, when known. */
  offset: Maybe<Scalars['Int']['output']>;
  /** 1-based rank of its first mention among the brands named. */
  position: Scalars['Int']['output'];
};

/** A visibility proportion in both audits, overall (engine null) or for one engine. */
export type MetricDelta = {
  /** The estimate in base; null = no data. */
  base: Maybe<Estimate>;
  /** head − base of the values. */
  delta: Maybe<Scalars['Float']['output']>;
  /** The engine; null = overall. */
  engine: Maybe<Scalars['String']['output']>;
  /** The estimate in head; null = no data. */
  head: Maybe<Estimate>;
  /** The metric compared. */
  metric: TrendMetric;
  /** Whether the change is significant at the 5% level: a two-sided two-proportion z-test with the pooled proportion (|z| > 1.96) on value × n of each side. Answers to one prompt are correlated, so it errs on the eager side; false when either side has no data. */
  significant: Scalars['Boolean']['output'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type Mutation = {
  /**
   * Joins the workspace with the token of an invitation link, with the invited role (a member keeps their role). Sign in with the invited address first (a new person registers with it); accepting also verifies that address. Another account is FORBIDDEN; a used, expired, declined, revoked or unknown link is BAD_USER_INPUT.
   *
   * Access: signed in; API keys are refused.
   */
  acceptInvitation: Workspace;
  /**
   * Stops a queued or running audit (CONFLICT when it already ended).
   *
   * Access: signed in, workspace role MEMBER or higher; or an API key with scope `audits:write`.
   */
  cancelAudit: Audit;
  /**
   * Changes the viewer's password and ends their other sessions.
   *
   * Access: signed in; API keys are refused.
   */
  changePassword: Scalars['Boolean']['output'];
  /**
   * Completes an email change with the token of the link sent to the new address (updateProfile). CONFLICT when another account took the address meanwhile.
   *
   * Access: public, no sign-in needed.
   */
  confirmEmailChange: User;
  /**
   * Creates a partner API key; the secret is in this answer only. Needs a signed-in session.
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  createApiKey: CreatedApiKey;
  /**
   * Queues an audit; follow it with the auditProgress subscription.
   *
   * Access: signed in, workspace role MEMBER or higher; or an API key with scope `audits:write`.
   */
  createAudit: Audit;
  /**
   * Queues up to 50 audits; each item succeeds or fails on its own.
   *
   * Access: signed in, workspace role MEMBER or higher; or an API key with scope `audits:write`.
   */
  createAudits: Array<CreateAuditResult>;
  /**
   * Creates a project (MEMBER or higher; the plan's maxProjects and minScheduleMinutes apply).
   *
   * Access: signed in, workspace role MEMBER or higher; or an API key with scope `audits:write`.
   */
  createProject: Project;
  /**
   * A share link to the audit report (MEMBER and up; a VIEWER reads but does not share). expiresInSeconds: default 604800 (7 days), 60 to 7776000 (90 days). The `url` with its token is shown once.
   *
   * Access: signed in, workspace role MEMBER or higher; or an API key with scope `audits:write`.
   */
  createReportLink: ReportLink;
  /**
   * Adds a webhook; the signing secret is in this answer only.
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  createWebhook: CreatedWebhook;
  /**
   * Creates a shared workspace; you are its OWNER.
   *
   * Access: signed in; API keys are refused.
   */
  createWorkspace: Workspace;
  /**
   * Deactivates an account: its sessions and keys stop working at once.
   *
   * Access: signed in with the ADMIN role; API keys are refused.
   */
  deactivateUser: User;
  /**
   * Declines an invitation with the token of its link (no account needed).
   *
   * Access: public, no sign-in needed.
   */
  declineInvitation: Scalars['Boolean']['output'];
  /**
   * Erases the viewer's account and everything in it, ending every credential at once; only anonymised security-log rows remain. Needs the password.
   *
   * Access: signed in; API keys are refused.
   */
  deleteAccount: Scalars['Boolean']['output'];
  /**
   * Deletes an audit and its findings (a running one is stopped).
   *
   * Access: signed in, workspace role MEMBER or higher; or an API key with scope `audits:write`.
   */
  deleteAudit: Scalars['Boolean']['output'];
  /**
   * Deletes a project and its events; its audits stay in the workspace (MEMBER or higher).
   *
   * Access: signed in, workspace role MEMBER or higher; or an API key with scope `audits:write`.
   */
  deleteProject: Scalars['Boolean']['output'];
  /**
   * Erases a user's account (admins; recorded in the security log).
   *
   * Access: signed in with the ADMIN role; API keys are refused.
   */
  deleteUser: Scalars['Boolean']['output'];
  /**
   * Deletes a webhook and its delivery log.
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  deleteWebhook: Scalars['Boolean']['output'];
  /**
   * Deletes a shared workspace and everything in it: audits (running ones stop), API keys, invitations (an OWNER only). A personal workspace goes only with its account (CONFLICT).
   *
   * Access: signed in, workspace role OWNER or higher; API keys are refused.
   */
  deleteWorkspace: Scalars['Boolean']['output'];
  /**
   * Emails an invitation to join the workspace with `role` (OWNER or ADMIN with a verified address; only an OWNER invites OWNERs). Inviting an address again re-sends its pending invitation with the new role: the old link stops working. CONFLICT for a member, or beyond 100 pending invitations.
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  inviteMember: Invitation;
  /**
   * Signs in with email and password.
   *
   * Access: public, no sign-in needed.
   */
  login: AuthPayload;
  /**
   * Ends the session the refresh token belongs to.
   *
   * Access: public, no sign-in needed.
   */
  logout: Scalars['Boolean']['output'];
  /**
   * Reactivates a deactivated account (it signs in again).
   *
   * Access: signed in with the ADMIN role; API keys are refused.
   */
  reactivateUser: User;
  /**
   * Sends a delivery's event again, as a new delivery.
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  redeliverWebhook: WebhookDelivery;
  /**
   * Exchanges a refresh token for new tokens. The old refresh token dies; reusing it revokes the session.
   *
   * Access: public, no sign-in needed.
   */
  refreshSession: AuthPayload;
  /**
   * Creates an account and signs it in.
   *
   * Access: public, no sign-in needed.
   */
  register: AuthPayload;
  /**
   * Removes a member (OWNER or ADMIN), or leaves (your own id). The last OWNER cannot leave, and nobody leaves their personal workspace (CONFLICT). Their access ends at once, open streams included.
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  removeMember: Scalars['Boolean']['output'];
  /**
   * Renames a workspace (OWNER or ADMIN).
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  renameWorkspace: Workspace;
  /**
   * Emails a single-use password reset link when an account has this address. Always true: the answer does not tell whether the account exists.
   *
   * Access: public, no sign-in needed.
   */
  requestPasswordReset: Scalars['Boolean']['output'];
  /**
   * Queues a new audit with the same input.
   *
   * Access: signed in, workspace role MEMBER or higher; or an API key with scope `audits:write`.
   */
  rerunAudit: Audit;
  /**
   * Emails a pending (or expired) invitation again with a new link and expiry; the old link stops working.
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  resendInvitation: Invitation;
  /**
   * Sends a new verification link to the viewer's address (false when it is already verified).
   *
   * Access: signed in; API keys are refused.
   */
  resendVerificationEmail: Scalars['Boolean']['output'];
  /**
   * Sets a new password with the token of a reset link and ends every credential of the account: sessions, API keys and every other emailed link.
   *
   * Access: public, no sign-in needed.
   */
  resetPassword: Scalars['Boolean']['output'];
  /**
   * Stops an API key at once: one you created, or any of a workspace you are OWNER or ADMIN of.
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  revokeApiKey: ApiKey;
  /**
   * Withdraws an invitation (OWNER or ADMIN): its link stops working. CONFLICT once accepted or declined.
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  revokeInvitation: Scalars['Boolean']['output'];
  /**
   * Revokes a share link at once (MEMBER and up); revoking it again is a no-op.
   *
   * Access: signed in, workspace role MEMBER or higher; or an API key with scope `audits:write`.
   */
  revokeReportLink: Scalars['Boolean']['output'];
  /**
   * Signs one of your sessions out, e.g. a lost device (NOT_FOUND for others).
   *
   * Access: signed in; API keys are refused.
   */
  revokeSession: Scalars['Boolean']['output'];
  /**
   * Replaces a key with a new secret (same name, scopes and expiry). The old key keeps working for gracePeriodSeconds (default 86400, at most 604800), then stops.
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  rotateApiKey: CreatedApiKey;
  /**
   * A new signing secret, shown once; the old one keeps signing alongside for 24 hours.
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  rotateWebhookSecret: CreatedWebhook;
  /**
   * Runs a project now: one audit per kind. A kind a quota refuses is recorded as RUN_SKIPPED; when every kind is refused, the first refusal is the error.
   *
   * Access: signed in, workspace role MEMBER or higher; or an API key with scope `audits:write`.
   */
  runProject: Array<Audit>;
  /**
   * Changes a member's role (OWNER or ADMIN; only an OWNER grants or changes OWNER). The last OWNER cannot be demoted (CONFLICT).
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  setMemberRole: WorkspaceMember;
  /**
   * Sets the plan of a user's personal workspace (and so its quotas).
   *
   * Access: signed in with the ADMIN role; API keys are refused.
   */
  setUserPlan: User;
  /**
   * Changes another user's role.
   *
   * Access: signed in with the ADMIN role; API keys are refused.
   */
  setUserRole: User;
  /**
   * Sets a workspace's plan (and so its quotas).
   *
   * Access: signed in with the ADMIN role; API keys are refused.
   */
  setWorkspacePlan: Workspace;
  /**
   * Updates the viewer's own profile. A new email needs currentPassword and takes effect once confirmed by the link sent to it (see pendingEmail and confirmEmailChange); the current address is told.
   *
   * Access: signed in; API keys are refused.
   */
  updateProfile: User;
  /**
   * Changes a project; every field is optional (MEMBER or higher).
   *
   * Access: signed in, workspace role MEMBER or higher; or an API key with scope `audits:write`.
   */
  updateProject: Project;
  /**
   * Changes a webhook (url, events, enabled).
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  updateWebhook: Webhook;
  /**
   * Confirms the email address with the token of a verification link.
   *
   * Access: public, no sign-in needed.
   */
  verifyEmail: Scalars['Boolean']['output'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationAcceptInvitationArgs = {
  token: Scalars['String']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationCancelAuditArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationChangePasswordArgs = {
  input: ChangePasswordInput;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationConfirmEmailChangeArgs = {
  token: Scalars['String']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationCreateAuditArgs = {
  input: CreateAuditInput;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationCreateAuditsArgs = {
  input: CreateAuditsInput;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationCreateProjectArgs = {
  input: CreateProjectInput;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationCreateReportLinkArgs = {
  auditId: Scalars['ID']['input'];
  expiresInSeconds?: InputMaybe<Scalars['Int']['input']>;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationCreateWebhookArgs = {
  input: CreateWebhookInput;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationCreateWorkspaceArgs = {
  name: Scalars['String']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationDeactivateUserArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationDeclineInvitationArgs = {
  token: Scalars['String']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationDeleteAccountArgs = {
  password: Scalars['String']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationDeleteAuditArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationDeleteProjectArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationDeleteUserArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationDeleteWebhookArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationDeleteWorkspaceArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationInviteMemberArgs = {
  email: Scalars['String']['input'];
  role: WorkspaceRole;
  workspaceId: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationLoginArgs = {
  input: LoginInput;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationLogoutArgs = {
  refreshToken: Scalars['String']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationReactivateUserArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRedeliverWebhookArgs = {
  deliveryId: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRegisterArgs = {
  input: RegisterInput;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRemoveMemberArgs = {
  userId: Scalars['ID']['input'];
  workspaceId: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRenameWorkspaceArgs = {
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRequestPasswordResetArgs = {
  email: Scalars['String']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRerunAuditArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationResendInvitationArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationResetPasswordArgs = {
  password: Scalars['String']['input'];
  token: Scalars['String']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRevokeInvitationArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRevokeReportLinkArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRevokeSessionArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRotateApiKeyArgs = {
  gracePeriodSeconds?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRotateWebhookSecretArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationRunProjectArgs = {
  id: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationSetMemberRoleArgs = {
  role: WorkspaceRole;
  userId: Scalars['ID']['input'];
  workspaceId: Scalars['ID']['input'];
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationSetUserPlanArgs = {
  id: Scalars['ID']['input'];
  plan: Plan;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationSetUserRoleArgs = {
  id: Scalars['ID']['input'];
  role: Role;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationSetWorkspacePlanArgs = {
  id: Scalars['ID']['input'];
  plan: Plan;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationUpdateProjectArgs = {
  id: Scalars['ID']['input'];
  input: UpdateProjectInput;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationUpdateWebhookArgs = {
  id: Scalars['ID']['input'];
  input: UpdateWebhookInput;
};

/** Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit). */
export type MutationVerifyEmailArgs = {
  token: Scalars['String']['input'];
};

/** An object with an opaque global id, fetchable with `node(id)`. */
export type Node = {
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
};

/** Sort direction. */
export type OrderDirection =
  /** Smallest or oldest first. */
  | 'ASC'
  /** Largest or newest first. */
  | 'DESC';

/** Relay page information: where this page sits in the whole list. */
export type PageInfo = {
  /** The last edge's cursor; null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** More items follow the last edge: ask again with `after: endCursor`. */
  hasNextPage: Scalars['Boolean']['output'];
  /** More items precede the first edge: ask again with `before: startCursor`. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The first edge's cursor; null on an empty page. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** A workspace's plan: it sets the audit quotas of everything in it (see `Workspace.quota`). New workspaces are FREE. */
export type Plan =
  /** The default plan, with the PLAN_FREE_* quotas of the server configuration. */
  | 'FREE'
  /** The paid plan, with the PLAN_PRO_* quotas. */
  | 'PRO';

/** A site (and brand) tracked over time: each run creates one audit per kind, by hand or on the schedule. Visible to the members of its workspace only; API keys use the audit scopes (audits:read reads projects, audits:write changes and runs them). */
export type Project = Node & {
  /** Rules checked when one of its audits ends. */
  alertRules: Array<AlertRule>;
  /**
   * The project's audits (filter and order as for audits).
   *
   * Access: as the object it belongs to; API keys need scope `audits:read`.
   */
  audits: AuditConnection;
  /** When the project was created. */
  createdAt: Scalars['DateTime']['output'];
  /**
   * What happened to the project, newest first.
   *
   * Access: as the object it belongs to; API keys need scope `audits:read`.
   */
  events: ProjectEventConnection;
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** The audit kinds each run creates. */
  kinds: Array<AuditKind>;
  /** When it last ran, by hand or on schedule. */
  lastRunAt: Maybe<Scalars['DateTime']['output']>;
  /** The project's name. */
  name: Scalars['String']['output'];
  /** When the schedule runs it next (null: no active schedule). */
  nextRunAt: Maybe<Scalars['DateTime']['output']>;
  /** Who created it. */
  owner: User;
  /** A paused project does not run on its schedule (it can still be run by hand). */
  paused: Scalars['Boolean']['output'];
  /** The 5-field cron schedule; null: manual runs only. */
  schedule: Maybe<Scalars['String']['output']>;
  /** The IANA time zone the schedule is read in. */
  timezone: Scalars['String']['output'];
  /**
   * One point per SUCCEEDED audit, oldest first (at most 2000): SCORE and CATEGORY_SCORE (with `category`) follow the SITE runs, the other metrics the VISIBILITY runs, overall or for one `engine`. Audits without the measurement (e.g. no answer mentioned any brand) have no point.
   *
   * Access: as the object it belongs to; API keys need scope `audits:read`.
   */
  trend: Array<TrendPoint>;
  /** The site (SITE) and brand site (VISIBILITY) its audits look at. */
  url: Scalars['String']['output'];
  /** The workspace it belongs to. */
  workspace: Workspace;
};

/** A site (and brand) tracked over time: each run creates one audit per kind, by hand or on the schedule. Visible to the members of its workspace only; API keys use the audit scopes (audits:read reads projects, audits:write changes and runs them). */
export type ProjectAuditsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<AuditOrder>;
};

/** A site (and brand) tracked over time: each run creates one audit per kind, by hand or on the schedule. Visible to the members of its workspace only; API keys use the audit scopes (audits:read reads projects, audits:write changes and runs them). */
export type ProjectEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A site (and brand) tracked over time: each run creates one audit per kind, by hand or on the schedule. Visible to the members of its workspace only; API keys use the audit scopes (audits:read reads projects, audits:write changes and runs them). */
export type ProjectTrendArgs = {
  category?: InputMaybe<Scalars['String']['input']>;
  engine?: InputMaybe<Scalars['String']['input']>;
  metric: TrendMetric;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A page of Project items (Relay cursor connection: first/after forward, last/before backward). */
export type ProjectConnection = {
  /** The items of this page, in list order. */
  edges: Array<ProjectEdge>;
  /** Whether more pages exist, and the cursors to reach them. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One Project of a page, with its cursor. */
export type ProjectEdge = {
  /** Opaque position of this item: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The Project itself. */
  node: Project;
};

/** Something that happened to a project. */
export type ProjectEvent = Node & {
  /** When it happened. */
  at: Scalars['DateTime']['output'];
  /** The audit it is about, if any (and still there). */
  audit: Maybe<Audit>;
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** What happened, in words. */
  message: Scalars['String']['output'];
  /** The project it belongs to. */
  project: Project;
  /** What kind of event. */
  type: ProjectEventType;
};

/** A page of ProjectEvent items (Relay cursor connection: first/after forward, last/before backward). */
export type ProjectEventConnection = {
  /** The items of this page, in list order. */
  edges: Array<ProjectEventEdge>;
  /** Whether more pages exist, and the cursors to reach them. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One ProjectEvent of a page, with its cursor. */
export type ProjectEventEdge = {
  /** Opaque position of this item: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The ProjectEvent itself. */
  node: ProjectEvent;
};

/** What happened to a project. */
export type ProjectEventType =
  /** An alert rule fired. */
  | 'ALERT'
  /** A run’s audit failed. */
  | 'AUDIT_FAILED'
  /** A run’s audit succeeded. */
  | 'AUDIT_SUCCEEDED'
  /** An audit of a run did not start; the message says why (e.g. a quota). */
  | 'RUN_SKIPPED'
  /** An audit of a run started (by hand or on schedule). */
  | 'RUN_STARTED';

/** One prompt on one engine across its samples. */
export type PromptSpread = {
  /** Samples that arrived. */
  answers: Scalars['Int']['output'];
  /** Samples citing the brand's domain. */
  cited: Scalars['Int']['output'];
  /** The engine (openai, anthropic, perplexity, gemini, openai-compatible). */
  engine: Scalars['String']['output'];
  /** Samples naming the brand / samples. */
  mentionRate: Maybe<Estimate>;
  /** Samples naming the brand. */
  mentioned: Scalars['Int']['output'];
  /** The brand's rank in each sample naming it, in sample order. */
  positions: Array<Scalars['Int']['output']>;
  /** The prompt. */
  prompt: Scalars['String']['output'];
  /** Every sample named the brand, or none did. */
  stable: Scalars['Boolean']['output'];
};

/** Reads. Anonymous callers reach only the fields marked @public; everything else needs a signed-in user or an API key with the scope @apiKey names. */
export type Query = {
  /**
   * One audit; NOT_FOUND unless you are a member of its workspace.
   *
   * Access: signed in, workspace role VIEWER or higher; or an API key with scope `audits:read`.
   */
  audit: Maybe<Audit>;
  /**
   * Audits of the viewer's workspaces (an API key: of its workspace; an admin's session: every audit).
   *
   * Access: signed in, workspace role VIEWER or higher; or an API key with scope `audits:read`.
   */
  audits: AuditConnection;
  /**
   * The SITE check catalogue: what each check checks, why it matters, its source and weight.
   *
   * Access: public, no sign-in needed.
   */
  checks: Array<CheckDefinition>;
  /**
   * Compares two audits of the same kind that you can see (e.g. two runs of a project).
   *
   * Access: signed in, workspace role VIEWER or higher; or an API key with scope `audits:read`.
   */
  compareAudits: AuditComparison;
  /**
   * Every error code the API answers, with its meaning and extensions; open to anyone.
   *
   * Access: public, no sign-in needed.
   */
  errorCodes: Array<ErrorCodeInfo>;
  /**
   * Everything stored about the viewer (profile, sessions, API keys without secrets, audits with findings, security events), as JSON in the shapes of this API.
   *
   * Access: signed in; API keys are refused.
   */
  exportAccountData: Scalars['JSON']['output'];
  /**
   * A user's data export (admins; recorded in the security log).
   *
   * Access: signed in with the ADMIN role; API keys are refused.
   */
  exportUserData: Scalars['JSON']['output'];
  /**
   * Any object by its global id. Objects the viewer may not see answer NOT_FOUND.
   *
   * Access: signed in; or an API key with scope `audits:read`.
   */
  node: Maybe<Node>;
  /**
   * One project; NOT_FOUND unless you are a member of its workspace.
   *
   * Access: signed in, workspace role VIEWER or higher; or an API key with scope `audits:read`.
   */
  project: Maybe<Project>;
  /**
   * Projects of the viewer's workspaces (an API key: of its workspace), newest first.
   *
   * Access: signed in, workspace role VIEWER or higher; or an API key with scope `audits:read`.
   */
  projects: ProjectConnection;
  /**
   * The security log, newest first (admins only).
   *
   * Access: signed in with the ADMIN role; API keys are refused.
   */
  securityEvents: SecurityEventConnection;
  /**
   * Every account, newest first.
   *
   * Access: signed in with the ADMIN role; API keys are refused.
   */
  users: UserConnection;
  /**
   * The signed-in user; null when anonymous.
   *
   * Access: public, no sign-in needed; API keys need scope `audits:read`.
   */
  viewer: Maybe<User>;
};

/** Reads. Anonymous callers reach only the fields marked @public; everything else needs a signed-in user or an API key with the scope @apiKey names. */
export type QueryAuditArgs = {
  id: Scalars['ID']['input'];
};

/** Reads. Anonymous callers reach only the fields marked @public; everything else needs a signed-in user or an API key with the scope @apiKey names. */
export type QueryAuditsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<AuditOrder>;
};

/** Reads. Anonymous callers reach only the fields marked @public; everything else needs a signed-in user or an API key with the scope @apiKey names. */
export type QueryCompareAuditsArgs = {
  base: Scalars['ID']['input'];
  head: Scalars['ID']['input'];
};

/** Reads. Anonymous callers reach only the fields marked @public; everything else needs a signed-in user or an API key with the scope @apiKey names. */
export type QueryExportUserDataArgs = {
  id: Scalars['ID']['input'];
};

/** Reads. Anonymous callers reach only the fields marked @public; everything else needs a signed-in user or an API key with the scope @apiKey names. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};

/** Reads. Anonymous callers reach only the fields marked @public; everything else needs a signed-in user or an API key with the scope @apiKey names. */
export type QueryProjectArgs = {
  id: Scalars['ID']['input'];
};

/** Reads. Anonymous callers reach only the fields marked @public; everything else needs a signed-in user or an API key with the scope @apiKey names. */
export type QueryProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** Reads. Anonymous callers reach only the fields marked @public; everything else needs a signed-in user or an API key with the scope @apiKey names. */
export type QuerySecurityEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SecurityEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** Reads. Anonymous callers reach only the fields marked @public; everything else needs a signed-in user or an API key with the scope @apiKey names. */
export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** Quotas of a plan and their use. Exceeding one answers QUOTA_EXCEEDED with `extensions { quota limit used retryAfterSeconds }`. */
export type Quota = {
  /** Audits created in the last 24 hours (rolling window). */
  auditsPerDay: QuotaCounter;
  /** Audits QUEUED or RUNNING now. */
  concurrentAudits: QuotaCounter;
  /** SITE: most pages one audit may crawl. */
  maxPagesPerAudit: Scalars['Int']['output'];
  /** VISIBILITY: most prompts one audit may ask. */
  maxPromptsPerAudit: Scalars['Int']['output'];
  /** The shortest interval a project's schedule may have, in minutes. */
  minScheduleMinutes: Scalars['Int']['output'];
  /** The plan whose quotas these are. */
  plan: Plan;
  /** Projects in the workspace. */
  projects: QuotaCounter;
};

/** A counted quota: how much is allowed and how much is used. */
export type QuotaCounter = {
  /** The most allowed in the window. */
  limit: Scalars['Int']['output'];
  /** How much of it is used now. */
  used: Scalars['Int']['output'];
};

/** A new account. */
export type RegisterInput = {
  /** The account's email address; a verification link is sent to it. */
  email: Scalars['String']['input'];
  /** A display name; optional. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The password (length limits in the error message when refused). */
  password: Scalars['String']['input'];
};

/** A share link to an audit report: anyone holding it reads the report (every format) without signing in, until it expires or is revoked. Only a hash of its token is kept: the full link is shown once. */
export type ReportLink = Node & {
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the link stops working. */
  expiresAt: Scalars['DateTime']['output'];
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** When the link last opened the report; null: never. */
  lastUsedAt: Maybe<Scalars['DateTime']['output']>;
  /** When it was revoked; null while not revoked. */
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  /** Whether the link still opens the report. */
  state: ReportLinkState;
  /** From createReportLink: the full shareable link, `<PUBLIC_URL>/reports/<audit id>.html?token=<token>`, shown this once. Listed later (Audit.reportLinks): the report address without the token. */
  url: Scalars['String']['output'];
};

/** ACTIVE: opens the report. EXPIRED: past expiresAt. REVOKED: revoked by a member. */
export type ReportLinkState =
  /** Opens the report. */
  | 'ACTIVE'
  /** Past `expiresAt`: answers 404. */
  | 'EXPIRED'
  /** Revoked by a member: answers 404. */
  | 'REVOKED';

/** What a user may do: USER works on their own data, ADMIN on all. */
export type Role =
  /** Operator: every USER right plus users, plans and the security log of all accounts. */
  | 'ADMIN'
  /** Works on the data of their own workspaces. */
  | 'USER';

/** How the mention rate varies between sample rounds (answers with the same sample index). */
export type SampleSpread = {
  /** Highest mention rate of one round. */
  mentionRateMax: Scalars['Float']['output'];
  /** Lowest mention rate of one round. */
  mentionRateMin: Scalars['Float']['output'];
  /** Standard deviation of the rounds' mention rates. */
  mentionRateStdDev: Scalars['Float']['output'];
  /** Sample rounds compared. */
  rounds: Scalars['Int']['output'];
  /** Prompts (per engine) whose samples disagree on mentioning the brand. */
  unstablePrompts: Scalars['Int']['output'];
};

/** An entry of the security log (admins only). */
export type SecurityEvent = Node & {
  /** Who caused the event, when signed in (an admin acting on another account). */
  actor: Maybe<User>;
  /** When it happened. */
  createdAt: Scalars['DateTime']['output'];
  /** Event-specific facts. */
  details: Maybe<Scalars['JSONObject']['output']>;
  /** The address a failed login attempted, or an invitation was sent to. */
  email: Maybe<Scalars['String']['output']>;
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** The client address of the request; null when unknown. */
  ip: Maybe<Scalars['String']['output']>;
  /** The request id (`x-request-id`) behind the event. */
  requestId: Maybe<Scalars['String']['output']>;
  /** What happened. */
  type: SecurityEventType;
  /** The account the event is about. */
  user: Maybe<User>;
  /** The User-Agent of the request; null when none. */
  userAgent: Maybe<Scalars['String']['output']>;
};

/** A page of SecurityEvent items (Relay cursor connection: first/after forward, last/before backward). */
export type SecurityEventConnection = {
  /** The items of this page, in list order. */
  edges: Array<SecurityEventEdge>;
  /** Whether more pages exist, and the cursors to reach them. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One SecurityEvent of a page, with its cursor. */
export type SecurityEventEdge = {
  /** Opaque position of this item: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The SecurityEvent itself. */
  node: SecurityEvent;
};

/** Every given condition must hold. */
export type SecurityEventFilter = {
  /** Events at or after this time. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Any of these types. */
  type?: InputMaybe<Array<SecurityEventType>>;
  /** Events about this user. */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** What happened. RATE_LIMITED and QUOTA_EXCEEDED record refused requests. */
export type SecurityEventType =
  /** An account was erased (by its owner or an ADMIN). */
  | 'ACCOUNT_DELETED'
  /** An account's data was exported (exportAccountData or exportUserData). */
  | 'ACCOUNT_EXPORTED'
  /** An API key was created. */
  | 'API_KEY_CREATED'
  /** An API key was revoked. */
  | 'API_KEY_REVOKED'
  /** An API key was replaced by a new secret (the old one in its grace period). */
  | 'API_KEY_ROTATED'
  /** An account's email address changed (after confirmation by the new address). */
  | 'EMAIL_CHANGED'
  /** An email address was verified. */
  | 'EMAIL_VERIFIED'
  /** A workspace invitation was accepted. */
  | 'INVITATION_ACCEPTED'
  /** A workspace invitation was declined. */
  | 'INVITATION_DECLINED'
  /** A workspace invitation was withdrawn. */
  | 'INVITATION_REVOKED'
  /** A workspace invitation was emailed (or re-sent). */
  | 'INVITATION_SENT'
  /** A refused sign-in (wrong password, unknown email, deactivated account). */
  | 'LOGIN_FAILED'
  /** A successful sign-in (a new session). */
  | 'LOGIN_SUCCEEDED'
  /** The password was changed while signed in. */
  | 'PASSWORD_CHANGED'
  /** The password was set through a reset link. */
  | 'PASSWORD_RESET'
  /** A password reset link was asked for. */
  | 'PASSWORD_RESET_REQUESTED'
  /** An ADMIN changed a workspace's plan. */
  | 'PLAN_CHANGED'
  /** A request refused by a plan quota (recorded once a minute per workspace and quota). */
  | 'QUOTA_EXCEEDED'
  /** A request refused by a rate limit (recorded once per caller and rule per window). */
  | 'RATE_LIMITED'
  /** A used refresh token was presented again: the whole session was revoked. */
  | 'REFRESH_TOKEN_REUSED'
  /** A request with a revoked API key. */
  | 'REVOKED_API_KEY_USED'
  /** An ADMIN changed an account's role. */
  | 'ROLE_CHANGED'
  /** A session ended by revocation (revokeSession, a password change, a reused refresh token); `details.reason` says which. */
  | 'SESSION_REVOKED'
  /** An ADMIN deactivated an account. */
  | 'USER_DEACTIVATED'
  /** An ADMIN reactivated an account. */
  | 'USER_REACTIVATED'
  /** A shared workspace was deleted with everything in it. */
  | 'WORKSPACE_DELETED'
  /** A member was removed from a workspace, or left it. */
  | 'WORKSPACE_MEMBER_REMOVED'
  /** A member's workspace role changed. */
  | 'WORKSPACE_ROLE_CHANGED';

/** A signed-in device or browser (one login and its refreshes). */
export type Session = Node & {
  /** When the session signed in. */
  createdAt: Scalars['DateTime']['output'];
  /** True for the session this request is made with. */
  current: Scalars['Boolean']['output'];
  /** When it ends at the latest (refreshing never extends it). */
  expiresAt: Scalars['DateTime']['output'];
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** The client address it signed in from; null when unknown. */
  ip: Maybe<Scalars['String']['output']>;
  /** When its tokens were last refreshed. */
  lastUsedAt: Scalars['DateTime']['output'];
  /** The User-Agent it signed in with; null when none. */
  userAgent: Maybe<Scalars['String']['output']>;
};

/** How much a finding matters, most severe first. */
export type Severity =
  /** Keeps answer engines out or the brand unseen (e.g. no answer mentions it); fix first. */
  | 'CRITICAL'
  /** Costs a lot of the score or of visibility; fix soon. */
  | 'HIGH'
  /** A note; nothing to fix. */
  | 'INFO'
  /** A small improvement. */
  | 'LOW'
  /** A clear weakness worth fixing. */
  | 'MEDIUM';

/** A URL the crawl found but did not audit. */
export type SkippedUrl = {
  /** Specifics, e.g. "max-pages 50 reached", "HTTP 404", "same page as /a". */
  detail: Maybe<Scalars['String']['output']>;
  /** robots | off-site | limit | error | duplicate. */
  reason: Scalars['String']['output'];
  /** The URL. */
  url: Scalars['String']['output'];
};

/** Live events over WebSocket (graphql-transport-ws on /graphql), with the same credentials as HTTP. */
export type Subscription = {
  /**
   * Progress of an audit: the current state first, then live events; ends after a terminal status.
   *
   * Access: signed in, workspace role VIEWER or higher; or an API key with scope `audits:read`.
   */
  auditProgress: AuditProgress;
  /**
   * A project's events as they happen (runs started or skipped, outcomes, alerts); nothing is replayed. Ends with NOT_FOUND once you may no longer read the project.
   *
   * Access: signed in, workspace role VIEWER or higher; or an API key with scope `audits:read`.
   */
  projectEvents: ProjectEvent;
};

/** Live events over WebSocket (graphql-transport-ws on /graphql), with the same credentials as HTTP. */
export type SubscriptionAuditProgressArgs = {
  id: Scalars['ID']['input'];
};

/** Live events over WebSocket (graphql-transport-ws on /graphql), with the same credentials as HTTP. */
export type SubscriptionProjectEventsArgs = {
  projectId: Scalars['ID']['input'];
};

/** A measurement followed over runs or compared between two audits. */
export type TrendMetric =
  /** VISIBILITY: mean 1-based rank of the brand's first mention among the brands named (lower is better). */
  | 'AVERAGE_POSITION'
  /** The score of one category, 0..100 (needs `category`). */
  | 'CATEGORY_SCORE'
  /** VISIBILITY: answers citing the brand's domain / answers with a citation, 0..1. */
  | 'CITATION_RATE'
  /** VISIBILITY: citations of the brand's domain / all citations, 0..1. */
  | 'CITATION_SHARE'
  /** VISIBILITY: answers mentioning the brand / answers, 0..1. */
  | 'MENTION_RATE'
  /** VISIBILITY: prompts with at least one mention / prompts, 0..1. */
  | 'PROMPT_COVERAGE'
  /** The overall score, 0..100. */
  | 'SCORE'
  /** VISIBILITY: the brand's mentions / mentions of the brand and its competitors, 0..1. */
  | 'SHARE_OF_VOICE';

/** One SUCCEEDED audit of a trend. For proportions, low/high are the 95% Wilson interval and n the denominator; null for the score, category scores and average position. */
export type TrendPoint = {
  /** When the audit was created. */
  at: Scalars['DateTime']['output'];
  /** The audit measured. */
  audit: Audit;
  /** Upper bound of the 95% interval (proportions); null for scores. */
  high: Maybe<Scalars['Float']['output']>;
  /** Lower bound of the 95% interval (proportions); null for scores. */
  low: Maybe<Scalars['Float']['output']>;
  /** The sample size behind a proportion; null for scores. */
  n: Maybe<Scalars['Int']['output']>;
  /** The measurement: 0..100 for scores, 0..1 for proportions, a rank for AVERAGE_POSITION. */
  value: Scalars['Float']['output'];
};

/** Fields a user may change on their own profile; omitted fields stay as they are. */
export type UpdateProfileInput = {
  /** Required to change the email: a stolen access token alone must not take the account over. */
  currentPassword?: InputMaybe<Scalars['String']['input']>;
  /** A new email address, effective once confirmed by the link sent to it (needs currentPassword). */
  email?: InputMaybe<Scalars['String']['input']>;
  /** A new display name. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a project: every field optional (null clears a schedule). */
export type UpdateProjectInput = {
  /** Rules checked when a project audit ends (at most 20); on update, replaces every rule. */
  alertRules?: InputMaybe<Array<AlertRuleInput>>;
  /** VISIBILITY: other names of the brand. */
  aliases?: InputMaybe<Array<Scalars['String']['input']>>;
  /** VISIBILITY: the brand name. */
  brand?: InputMaybe<Scalars['String']['input']>;
  /** VISIBILITY: competitor brands, for share of voice. */
  competitors?: InputMaybe<Array<Scalars['String']['input']>>;
  /** VISIBILITY: engines to ask (openai, anthropic, perplexity, gemini, openai-compatible); default: every configured one. */
  engines?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The audit kinds each run creates. */
  kinds?: InputMaybe<Array<AuditKind>>;
  /** SITE: how many pages to crawl at most (plan limits apply). */
  maxPages?: InputMaybe<Scalars['Int']['input']>;
  /** A new name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** A paused project keeps its schedule but does not run on it. */
  paused?: InputMaybe<Scalars['Boolean']['input']>;
  /** VISIBILITY: the questions asked to answer engines. */
  prompts?: InputMaybe<Array<Scalars['String']['input']>>;
  /** A 5-field cron expression (minute hour day-of-month month day-of-week), e.g. "0 6 * * 1"; null: manual runs only. Its shortest interval must respect the plan's minimum (minScheduleMinutes). */
  schedule?: InputMaybe<Scalars['String']['input']>;
  /** The IANA time zone the schedule is read in (default "UTC"). */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** A new URL for later runs. */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a webhook; every field optional. Enabling it again resets its failure count. */
export type UpdateWebhookInput = {
  /** Turn deliveries on or off; enabling again clears `disabledReason`. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** Replaces the events delivered. */
  events?: InputMaybe<Array<WebhookEvent>>;
  /** A new delivery URL (same address rules as on creation). */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** An account. */
export type User = Node & {
  /**
   * Your API keys, newest first (revoked ones too). Empty on other users' profiles.
   *
   * Access: signed in; API keys are refused.
   */
  apiKeys: Array<ApiKey>;
  /**
   * The audits this user created, in the workspaces you can see.
   *
   * Access: as the object it belongs to; API keys need scope `audits:read`.
   */
  audits: AuditConnection;
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The sign-in address (lower case). */
  email: Scalars['String']['output'];
  /** True once the user opened the link emailed to their address (at sign-up, or a password reset). */
  emailVerified: Scalars['Boolean']['output'];
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** False once an admin deactivated the account. */
  isActive: Scalars['Boolean']['output'];
  /** The display name; null when none was given. */
  name: Maybe<Scalars['String']['output']>;
  /** The address an email change waits to be confirmed at (your own account only; null for others). */
  pendingEmail: Maybe<Scalars['String']['output']>;
  /**
   * The plan of this user's personal workspace; null unless this is you (or you are an admin).
   *
   * Access: as the object it belongs to; API keys need scope `audits:read`.
   */
  plan: Maybe<Plan>;
  /**
   * The quotas of this user's personal workspace and their current use; null unless this is you (or you are an admin). Shared workspaces have their own: `Workspace.quota`.
   *
   * Access: as the object it belongs to; API keys need scope `audits:read`.
   */
  quota: Maybe<Quota>;
  /** USER or ADMIN. */
  role: Role;
  /**
   * Your signed-in sessions, most recently used first. Empty on other users' profiles.
   *
   * Access: signed in; API keys are refused.
   */
  sessions: Array<Session>;
  /** The workspaces you are a member of, personal first (empty on other users). */
  workspaces: Array<Workspace>;
};

/** An account. */
export type UserAuditsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<AuditOrder>;
};

/** A page of User items (Relay cursor connection: first/after forward, last/before backward). */
export type UserConnection = {
  /** The items of this page, in list order. */
  edges: Array<UserEdge>;
  /** Whether more pages exist, and the cursors to reach them. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One User of a page, with its cursor. */
export type UserEdge = {
  /** Opaque position of this item: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The User itself. */
  node: User;
};

/** The location and language asked for, and what each engine could send of it. */
export type VisibilityLocale = {
  /** Per engine: which fields it sent and which it has no parameter for. */
  engines: Array<EngineLocale>;
  /** The location and language asked for. */
  requested: AnswerLocale;
};

/** Visibility measurements over a set of answers; each proportion is null when there is no data (never a fake 0). */
export type VisibilityMetrics = {
  /** Answers analysed. */
  answers: Scalars['Int']['output'];
  /** Mean 1-based rank of the brand's first mention among all brands named. */
  averagePosition: Maybe<Scalars['Float']['output']>;
  /** Answers citing the brand's domain / answers with at least one citation. */
  citationRate: Maybe<Estimate>;
  /** Citations to the brand's domain / all citations. */
  citationShare: Maybe<Estimate>;
  /** Answers mentioning the brand (or an alias) / answers. */
  mentionRate: Maybe<Estimate>;
  /** Prompts with at least one answer mentioning the brand / prompts answered. */
  promptCoverage: Maybe<Estimate>;
  /** Mean sentiment (-1..1) around the brand's mentions. */
  sentiment: Maybe<Scalars['Float']['output']>;
  /** Share of voice: Answers mentioning the brand divided by the sum, over the brand and each competitor, of the answers mentioning that name (an answer naming the brand and two competitors adds 1 to the numerator and 3 to the denominator; repeated mentions within one answer count once). Null when no answer names the brand or any competitor. */
  shareOfVoice: Maybe<Estimate>;
  /** How the mention rate varies between samples; null with one sample per prompt. */
  spread: Maybe<SampleSpread>;
};

/** What a VISIBILITY audit measured: overall, per engine, per competitor and per cited domain. */
export type VisibilityReport = {
  /** Domains cited across every answer of the audit, most cited first (at most 200). */
  citedDomains: Array<CitedDomain>;
  /** One row per competitor and engine, plus engine null = every engine's answers. */
  competitors: Array<CompetitorVisibility>;
  /** One row per engine asked. */
  engines: Array<EngineVisibility>;
  /** Each brand fact given, checked against the answers mentioning the brand. */
  facts: Array<FactCheck>;
  /** The location and language asked for and what each engine sent; null when none was asked. */
  locale: Maybe<VisibilityLocale>;
  /** The metrics over every engine's answers. */
  overall: VisibilityMetrics;
  /** Per prompt and engine: how its samples agree. */
  prompts: Array<PromptSpread>;
  /** Answers asked per prompt and engine. */
  samples: Scalars['Int']['output'];
};

/** An endpoint that receives signed JSON events: headers `aeo-event`, `aeo-delivery` and `aeo-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (a second `v1=` while a rotated-out secret still signs). Visible to the workspace’s OWNERs and ADMINs only. */
export type Webhook = Node & {
  /** Failed deliveries in a row (the webhook is disabled at WEBHOOK_DISABLE_AFTER). */
  consecutiveFailures: Scalars['Int']['output'];
  /** When the webhook was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The delivery log, newest first. */
  deliveries: WebhookDeliveryConnection;
  /** Why it is disabled (e.g. too many failed deliveries). */
  disabledReason: Maybe<Scalars['String']['output']>;
  /** False once disabled, by a member or after repeated failed deliveries (see disabledReason). */
  enabled: Scalars['Boolean']['output'];
  /** The events delivered. */
  events: Array<WebhookEvent>;
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** The project it is limited to (null: all audits). */
  project: Maybe<Project>;
  /** Where deliveries are POSTed. */
  url: Scalars['String']['output'];
};

/** An endpoint that receives signed JSON events: headers `aeo-event`, `aeo-delivery` and `aeo-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (a second `v1=` while a rotated-out secret still signs). Visible to the workspace’s OWNERs and ADMINs only. */
export type WebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** One event sent (or being sent) to a webhook. */
export type WebhookDelivery = Node & {
  /** How many times it was sent. */
  attempts: Scalars['Int']['output'];
  /** The JSON body sent (the signed bytes). */
  body: Scalars['String']['output'];
  /** When the event happened. */
  createdAt: Scalars['DateTime']['output'];
  /** When an attempt got a 2xx; null until then. */
  deliveredAt: Maybe<Scalars['DateTime']['output']>;
  /** Why the last attempt failed. */
  error: Maybe<Scalars['String']['output']>;
  /** The event delivered. */
  event: WebhookEvent;
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** When it was last sent; null before the first attempt. */
  lastAttemptAt: Maybe<Scalars['DateTime']['output']>;
  /** When the next retry is due, while one is. */
  nextAttemptAt: Maybe<Scalars['DateTime']['output']>;
  /** The HTTP status of the last answer. */
  responseStatus: Maybe<Scalars['Int']['output']>;
  /** Where the delivery stands. */
  status: WebhookDeliveryStatus;
};

/** A page of WebhookDelivery items (Relay cursor connection: first/after forward, last/before backward). */
export type WebhookDeliveryConnection = {
  /** The items of this page, in list order. */
  edges: Array<WebhookDeliveryEdge>;
  /** Whether more pages exist, and the cursors to reach them. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One WebhookDelivery of a page, with its cursor. */
export type WebhookDeliveryEdge = {
  /** Opaque position of this item: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The WebhookDelivery itself. */
  node: WebhookDelivery;
};

/** Where a delivery stands. */
export type WebhookDeliveryStatus =
  /** Every attempt failed; redeliverWebhook sends it again. */
  | 'FAILED'
  /** Not delivered yet; retried with backoff. */
  | 'PENDING'
  /** The endpoint answered 2xx. */
  | 'SUCCEEDED';

/** What a webhook receives; the `aeo-event` header says it as `audit.succeeded`, …, `alert`. */
export type WebhookEvent =
  /** A project's alert rule fired (`alert`). */
  | 'ALERT'
  /** An audit was cancelled (`audit.cancelled`). */
  | 'AUDIT_CANCELLED'
  /** An audit ended FAILED (`audit.failed`). */
  | 'AUDIT_FAILED'
  /** An audit ended SUCCEEDED (`aeo-event: audit.succeeded`). */
  | 'AUDIT_SUCCEEDED';

/** Where work belongs; visible to its members only (anyone else gets NOT_FOUND). */
export type Workspace = Node & {
  /**
   * The workspace's API keys, newest first (revoked ones too): for its OWNERs and ADMINs (FORBIDDEN for other members).
   *
   * Access: signed in, workspace role ADMIN or higher; API keys are refused.
   */
  apiKeys: Maybe<Array<ApiKey>>;
  /**
   * The workspace's audits.
   *
   * Access: as the object it belongs to; API keys need scope `audits:read`.
   */
  audits: AuditConnection;
  /** When the workspace was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque global id: stable, unique across types; pass it to `node(id)`. */
  id: Scalars['ID']['output'];
  /** The pending invitations, newest first: for OWNERs and ADMINs (FORBIDDEN for other members). */
  invitations: Maybe<Array<Invitation>>;
  /**
   * Every member, oldest first (signed-in members only; API keys get FORBIDDEN).
   *
   * Access: signed in; API keys are refused.
   */
  members: Array<WorkspaceMember>;
  /** The workspace's name. */
  name: Scalars['String']['output'];
  /** The account’s own workspace, created with it; it cannot be left. */
  personal: Scalars['Boolean']['output'];
  /** The workspace's plan: it sets the quotas of everything in it. */
  plan: Plan;
  /** The workspace's quotas and their current use. */
  quota: Quota;
  /** Your role in this workspace. */
  viewerRole: WorkspaceRole;
  /**
   * The workspace's webhooks: for its OWNERs and ADMINs (FORBIDDEN for other members).
   *
   * Access: signed in; API keys are refused.
   */
  webhooks: Maybe<Array<Webhook>>;
};

/** Where work belongs; visible to its members only (anyone else gets NOT_FOUND). */
export type WorkspaceAuditsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<AuditOrder>;
};

/** A member of a workspace and their role. */
export type WorkspaceMember = {
  /** The member's role in the workspace. */
  role: WorkspaceRole;
  /** The member. */
  user: User;
};

/** What a member may do in a workspace. */
export type WorkspaceRole =
  /** Members (not OWNERs), API keys, webhooks. */
  | 'ADMIN'
  /** Creates and runs audits and projects. */
  | 'MEMBER'
  /** Everything: members and roles (OWNER included), plan, deletion. */
  | 'OWNER'
  /** Reads only. */
  | 'VIEWER';

export type AuditSummaryFragment = {
  id: string;
  kind: AuditKind;
  status: AuditStatus;
  url: string;
  progress: number;
  stage: string | null;
  score: number | null;
  grade: Grade | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type CreateAuditMutationVariables = Exact<{
  input: CreateAuditInput;
}>;

export type CreateAuditMutation = {
  createAudit: {
    id: string;
    kind: AuditKind;
    status: AuditStatus;
    url: string;
    progress: number;
    stage: string | null;
    score: number | null;
    grade: Grade | null;
    error: string | null;
    attempts: number;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
};

export type AuditProgressSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type AuditProgressSubscription = {
  auditProgress: {
    status: AuditStatus;
    progress: number;
    stage: string | null;
    message: string | null;
    error: string | null;
    at: string;
    audit: { id: string; status: AuditStatus; score: number | null; grade: Grade | null };
  };
};

export type AuditQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type AuditQuery = {
  audit: {
    id: string;
    kind: AuditKind;
    status: AuditStatus;
    url: string;
    progress: number;
    stage: string | null;
    score: number | null;
    grade: Grade | null;
    error: string | null;
    attempts: number;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    categories: Array<{
      category: string;
      score: number;
      weight: number;
      applicable: boolean;
      reason: string | null;
    }>;
  } | null;
};

export type AuditsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  orderBy?: InputMaybe<AuditOrder>;
}>;

export type AuditsQuery = {
  audits: {
    totalCount: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        kind: AuditKind;
        status: AuditStatus;
        url: string;
        progress: number;
        stage: string | null;
        score: number | null;
        grade: Grade | null;
        error: string | null;
        attempts: number;
        createdAt: string;
        startedAt: string | null;
        finishedAt: string | null;
      };
    }>;
  };
};

export type CancelAuditMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type CancelAuditMutation = {
  cancelAudit: {
    id: string;
    kind: AuditKind;
    status: AuditStatus;
    url: string;
    progress: number;
    stage: string | null;
    score: number | null;
    grade: Grade | null;
    error: string | null;
    attempts: number;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
};

export type RerunAuditMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type RerunAuditMutation = {
  rerunAudit: {
    id: string;
    kind: AuditKind;
    status: AuditStatus;
    url: string;
    progress: number;
    stage: string | null;
    score: number | null;
    grade: Grade | null;
    error: string | null;
    attempts: number;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
};

export type DeleteAuditMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type DeleteAuditMutation = { deleteAudit: boolean };

export type ViewerFieldsFragment = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  emailVerified: boolean;
  createdAt: string;
};

export type SessionFieldsFragment = {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  user: {
    id: string;
    email: string;
    name: string | null;
    role: Role;
    emailVerified: boolean;
    createdAt: string;
  };
};

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;

export type RegisterMutation = {
  register: {
    accessToken: string;
    refreshToken: string;
    expiresAt: string;
    user: {
      id: string;
      email: string;
      name: string | null;
      role: Role;
      emailVerified: boolean;
      createdAt: string;
    };
  };
};

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;

export type LoginMutation = {
  login: {
    accessToken: string;
    refreshToken: string;
    expiresAt: string;
    user: {
      id: string;
      email: string;
      name: string | null;
      role: Role;
      emailVerified: boolean;
      createdAt: string;
    };
  };
};

export type RefreshSessionMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;

export type RefreshSessionMutation = {
  refreshSession: {
    accessToken: string;
    refreshToken: string;
    expiresAt: string;
    user: {
      id: string;
      email: string;
      name: string | null;
      role: Role;
      emailVerified: boolean;
      createdAt: string;
    };
  };
};

export type LogoutMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;

export type LogoutMutation = { logout: boolean };

export type ViewerQueryVariables = Exact<{ [key: string]: never }>;

export type ViewerQuery = {
  viewer: {
    isActive: boolean;
    id: string;
    email: string;
    name: string | null;
    role: Role;
    emailVerified: boolean;
    createdAt: string;
  } | null;
};

export type PageInfoFieldsFragment = {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
};

export type ProjectFieldsFragment = {
  id: string;
  name: string;
  url: string;
  kinds: Array<AuditKind>;
  schedule: string | null;
  timezone: string;
  paused: boolean;
  nextRunAt: string | null;
  lastRunAt: string | null;
  createdAt: string;
  alertRules: Array<{
    kind: AlertKind;
    threshold: number | null;
    metric: TrendMetric | null;
    engine: string | null;
    severity: Severity | null;
  }>;
  owner: { id: string };
  workspace: { id: string };
};

export type ProjectsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;

export type ProjectsQuery = {
  projects: {
    totalCount: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        name: string;
        url: string;
        kinds: Array<AuditKind>;
        schedule: string | null;
        timezone: string;
        paused: boolean;
        nextRunAt: string | null;
        lastRunAt: string | null;
        createdAt: string;
        alertRules: Array<{
          kind: AlertKind;
          threshold: number | null;
          metric: TrendMetric | null;
          engine: string | null;
          severity: Severity | null;
        }>;
        owner: { id: string };
        workspace: { id: string };
      };
    }>;
  };
};

export type ProjectQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  audits?: InputMaybe<Scalars['Int']['input']>;
  events?: InputMaybe<Scalars['Int']['input']>;
}>;

export type ProjectQuery = {
  project: {
    id: string;
    name: string;
    url: string;
    kinds: Array<AuditKind>;
    schedule: string | null;
    timezone: string;
    paused: boolean;
    nextRunAt: string | null;
    lastRunAt: string | null;
    createdAt: string;
    audits: {
      totalCount: number;
      edges: Array<{
        node: {
          id: string;
          kind: AuditKind;
          status: AuditStatus;
          url: string;
          progress: number;
          stage: string | null;
          score: number | null;
          grade: Grade | null;
          error: string | null;
          attempts: number;
          createdAt: string;
          startedAt: string | null;
          finishedAt: string | null;
        };
      }>;
    };
    events: {
      totalCount: number;
      edges: Array<{
        node: {
          id: string;
          type: ProjectEventType;
          message: string;
          at: string;
          audit: { id: string } | null;
        };
      }>;
    };
    alertRules: Array<{
      kind: AlertKind;
      threshold: number | null;
      metric: TrendMetric | null;
      engine: string | null;
      severity: Severity | null;
    }>;
    owner: { id: string };
    workspace: { id: string };
  } | null;
};

export type CreateProjectMutationVariables = Exact<{
  input: CreateProjectInput;
}>;

export type CreateProjectMutation = {
  createProject: {
    id: string;
    name: string;
    url: string;
    kinds: Array<AuditKind>;
    schedule: string | null;
    timezone: string;
    paused: boolean;
    nextRunAt: string | null;
    lastRunAt: string | null;
    createdAt: string;
    alertRules: Array<{
      kind: AlertKind;
      threshold: number | null;
      metric: TrendMetric | null;
      engine: string | null;
      severity: Severity | null;
    }>;
    owner: { id: string };
    workspace: { id: string };
  };
};

export type UpdateProjectMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateProjectInput;
}>;

export type UpdateProjectMutation = {
  updateProject: {
    id: string;
    name: string;
    url: string;
    kinds: Array<AuditKind>;
    schedule: string | null;
    timezone: string;
    paused: boolean;
    nextRunAt: string | null;
    lastRunAt: string | null;
    createdAt: string;
    alertRules: Array<{
      kind: AlertKind;
      threshold: number | null;
      metric: TrendMetric | null;
      engine: string | null;
      severity: Severity | null;
    }>;
    owner: { id: string };
    workspace: { id: string };
  };
};

export type DeleteProjectMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type DeleteProjectMutation = { deleteProject: boolean };

export type RunProjectMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type RunProjectMutation = {
  runProject: Array<{
    id: string;
    kind: AuditKind;
    status: AuditStatus;
    url: string;
    progress: number;
    stage: string | null;
    score: number | null;
    grade: Grade | null;
    error: string | null;
    attempts: number;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    project: { id: string } | null;
  }>;
};

export type ProjectEventsSubscriptionVariables = Exact<{
  projectId: Scalars['ID']['input'];
}>;

export type ProjectEventsSubscription = {
  projectEvents: {
    id: string;
    type: ProjectEventType;
    message: string;
    at: string;
    audit: { id: string; status: AuditStatus } | null;
  };
};

export type CategoryScoreFieldsFragment = {
  category: string;
  score: number;
  weight: number;
  applicable: boolean;
  reason: string | null;
};

export type FindingFieldsFragment = {
  id: string;
  checkId: string;
  category: string;
  severity: Severity;
  title: string;
  detail: string;
  recommendation: string;
  urls: Array<string>;
  pointsLost: number;
};

export type CrawledPageFieldsFragment = {
  url: string;
  finalUrl: string;
  redirects: Array<string>;
  status: number | null;
  depth: number;
  title: string | null;
  words: number | null;
  bytes: number;
  fetchMs: number | null;
  contentType: string | null;
  indexable: boolean;
  error: string | null;
  structuredData: Array<string>;
  failedChecks: Array<string>;
};

export type CheckResultFieldsFragment = {
  checkId: string;
  category: string;
  title: string;
  status: CheckStatus;
  severity: Severity | null;
  pointsLost: number;
  score: number | null;
  weight: number;
  finding: { title: string; detail: string; recommendation: string; urls: Array<string> } | null;
};

export type AuditResultsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  findings?: InputMaybe<Scalars['Int']['input']>;
  pages?: InputMaybe<Scalars['Int']['input']>;
}>;

export type AuditResultsQuery = {
  audit: {
    id: string;
    kind: AuditKind;
    status: AuditStatus;
    url: string;
    progress: number;
    stage: string | null;
    score: number | null;
    grade: Grade | null;
    error: string | null;
    attempts: number;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    categories: Array<{
      category: string;
      score: number;
      weight: number;
      applicable: boolean;
      reason: string | null;
    }>;
    findings: {
      totalCount: number;
      edges: Array<{
        node: {
          id: string;
          checkId: string;
          category: string;
          severity: Severity;
          title: string;
          detail: string;
          recommendation: string;
          urls: Array<string>;
          pointsLost: number;
        };
      }>;
    };
    pages: {
      totalCount: number;
      pageInfo: {
        hasNextPage: boolean;
        hasPreviousPage: boolean;
        startCursor: string | null;
        endCursor: string | null;
      };
      edges: Array<{
        cursor: string;
        node: {
          url: string;
          finalUrl: string;
          redirects: Array<string>;
          status: number | null;
          depth: number;
          title: string | null;
          words: number | null;
          bytes: number;
          fetchMs: number | null;
          contentType: string | null;
          indexable: boolean;
          error: string | null;
          structuredData: Array<string>;
          failedChecks: Array<string>;
        };
      }>;
    };
    checks: Array<{
      checkId: string;
      category: string;
      title: string;
      status: CheckStatus;
      severity: Severity | null;
      pointsLost: number;
      score: number | null;
      weight: number;
      finding: { title: string; detail: string; recommendation: string; urls: Array<string> } | null;
    }>;
    botAccess: Array<{
      bot: string;
      operator: string;
      purpose: string;
      robots: string;
      pagesAllowed: number;
      pagesBlocked: number;
      probeStatus: number | null;
      probeVerdict: string | null;
    }>;
    skipped: Array<{ url: string; reason: string; detail: string | null }>;
  } | null;
};

export type AuditFindingsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  severity?: InputMaybe<Severity>;
}>;

export type AuditFindingsQuery = {
  audit: {
    id: string;
    findings: {
      totalCount: number;
      pageInfo: {
        hasNextPage: boolean;
        hasPreviousPage: boolean;
        startCursor: string | null;
        endCursor: string | null;
      };
      edges: Array<{
        cursor: string;
        node: {
          id: string;
          checkId: string;
          category: string;
          severity: Severity;
          title: string;
          detail: string;
          recommendation: string;
          urls: Array<string>;
          pointsLost: number;
        };
      }>;
    };
  } | null;
};

export type ChecksQueryVariables = Exact<{ [key: string]: never }>;

export type ChecksQuery = {
  checks: Array<{
    checkId: string;
    category: string;
    title: string;
    description: string;
    rationale: string;
    source: string;
    weight: number;
  }>;
};

export type WebhookFieldsFragment = {
  id: string;
  url: string;
  events: Array<WebhookEvent>;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: string;
  project: { id: string } | null;
};

export type WebhookDeliveryFieldsFragment = {
  id: string;
  event: WebhookEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
};

export type CreateWebhookMutationVariables = Exact<{
  input: CreateWebhookInput;
}>;

export type CreateWebhookMutation = {
  createWebhook: {
    secret: string;
    webhook: {
      id: string;
      url: string;
      events: Array<WebhookEvent>;
      enabled: boolean;
      disabledReason: string | null;
      consecutiveFailures: number;
      createdAt: string;
      project: { id: string } | null;
    };
  };
};

export type WebhooksQueryVariables = Exact<{ [key: string]: never }>;

export type WebhooksQuery = {
  viewer: {
    id: string;
    workspaces: Array<{
      id: string;
      name: string;
      personal: boolean;
      webhooks: Array<{
        id: string;
        url: string;
        events: Array<WebhookEvent>;
        enabled: boolean;
        disabledReason: string | null;
        consecutiveFailures: number;
        createdAt: string;
        project: { id: string } | null;
      }> | null;
    }>;
  } | null;
};

export type WebhookDeliveriesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;

export type WebhookDeliveriesQuery = {
  node:
    | {
        id: string;
        url: string;
        events: Array<WebhookEvent>;
        enabled: boolean;
        disabledReason: string | null;
        consecutiveFailures: number;
        createdAt: string;
        deliveries: {
          totalCount: number;
          pageInfo: {
            hasNextPage: boolean;
            hasPreviousPage: boolean;
            startCursor: string | null;
            endCursor: string | null;
          };
          edges: Array<{
            node: {
              id: string;
              event: WebhookEvent;
              status: WebhookDeliveryStatus;
              attempts: number;
              responseStatus: number | null;
              error: string | null;
              createdAt: string;
              deliveredAt: string | null;
              nextAttemptAt: string | null;
            };
          }>;
        };
        project: { id: string } | null;
      }
    | Record<PropertyKey, never>
    | null;
};

export type UpdateWebhookMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateWebhookInput;
}>;

export type UpdateWebhookMutation = {
  updateWebhook: {
    id: string;
    url: string;
    events: Array<WebhookEvent>;
    enabled: boolean;
    disabledReason: string | null;
    consecutiveFailures: number;
    createdAt: string;
    project: { id: string } | null;
  };
};

export type DeleteWebhookMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type DeleteWebhookMutation = { deleteWebhook: boolean };

export type RotateWebhookSecretMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type RotateWebhookSecretMutation = {
  rotateWebhookSecret: {
    secret: string;
    webhook: {
      id: string;
      url: string;
      events: Array<WebhookEvent>;
      enabled: boolean;
      disabledReason: string | null;
      consecutiveFailures: number;
      createdAt: string;
      project: { id: string } | null;
    };
  };
};

export type RedeliverWebhookMutationVariables = Exact<{
  deliveryId: Scalars['ID']['input'];
}>;

export type RedeliverWebhookMutation = {
  redeliverWebhook: {
    id: string;
    event: WebhookEvent;
    status: WebhookDeliveryStatus;
    attempts: number;
    responseStatus: number | null;
    error: string | null;
    createdAt: string;
    deliveredAt: string | null;
    nextAttemptAt: string | null;
  };
};

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AuditSummaryFragmentDoc = new TypedDocumentString(
  `
    fragment AuditSummary on Audit {
  id
  kind
  status
  url
  progress
  stage
  score
  grade
  error
  attempts
  createdAt
  startedAt
  finishedAt
}
    `,
  { fragmentName: 'AuditSummary' },
) as unknown as TypedDocumentString<AuditSummaryFragment, unknown>;
export const ViewerFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment ViewerFields on User {
  id
  email
  name
  role
  emailVerified
  createdAt
}
    `,
  { fragmentName: 'ViewerFields' },
) as unknown as TypedDocumentString<ViewerFieldsFragment, unknown>;
export const SessionFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment SessionFields on AuthPayload {
  accessToken
  refreshToken
  expiresAt
  user {
    ...ViewerFields
  }
}
    fragment ViewerFields on User {
  id
  email
  name
  role
  emailVerified
  createdAt
}`,
  { fragmentName: 'SessionFields' },
) as unknown as TypedDocumentString<SessionFieldsFragment, unknown>;
export const PageInfoFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
    `,
  { fragmentName: 'PageInfoFields' },
) as unknown as TypedDocumentString<PageInfoFieldsFragment, unknown>;
export const ProjectFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment ProjectFields on Project {
  id
  name
  url
  kinds
  schedule
  timezone
  paused
  nextRunAt
  lastRunAt
  createdAt
  alertRules {
    kind
    threshold
    metric
    engine
    severity
  }
  owner {
    id
  }
  workspace {
    id
  }
}
    `,
  { fragmentName: 'ProjectFields' },
) as unknown as TypedDocumentString<ProjectFieldsFragment, unknown>;
export const CategoryScoreFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment CategoryScoreFields on CategoryScore {
  category
  score
  weight
  applicable
  reason
}
    `,
  { fragmentName: 'CategoryScoreFields' },
) as unknown as TypedDocumentString<CategoryScoreFieldsFragment, unknown>;
export const FindingFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment FindingFields on Finding {
  id
  checkId
  category
  severity
  title
  detail
  recommendation
  urls
  pointsLost
}
    `,
  { fragmentName: 'FindingFields' },
) as unknown as TypedDocumentString<FindingFieldsFragment, unknown>;
export const CrawledPageFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment CrawledPageFields on CrawledPage {
  url
  finalUrl
  redirects
  status
  depth
  title
  words
  bytes
  fetchMs
  contentType
  indexable
  error
  structuredData
  failedChecks
}
    `,
  { fragmentName: 'CrawledPageFields' },
) as unknown as TypedDocumentString<CrawledPageFieldsFragment, unknown>;
export const CheckResultFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment CheckResultFields on CheckResult {
  checkId
  category
  title
  status
  severity
  pointsLost
  score
  weight
  finding {
    title
    detail
    recommendation
    urls
  }
}
    `,
  { fragmentName: 'CheckResultFields' },
) as unknown as TypedDocumentString<CheckResultFieldsFragment, unknown>;
export const WebhookFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment WebhookFields on Webhook {
  id
  url
  events
  enabled
  disabledReason
  consecutiveFailures
  createdAt
  project {
    id
  }
}
    `,
  { fragmentName: 'WebhookFields' },
) as unknown as TypedDocumentString<WebhookFieldsFragment, unknown>;
export const WebhookDeliveryFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment WebhookDeliveryFields on WebhookDelivery {
  id
  event
  status
  attempts
  responseStatus
  error
  createdAt
  deliveredAt
  nextAttemptAt
}
    `,
  { fragmentName: 'WebhookDeliveryFields' },
) as unknown as TypedDocumentString<WebhookDeliveryFieldsFragment, unknown>;
export const CreateAuditDocument = new TypedDocumentString(`
    mutation CreateAudit($input: CreateAuditInput!) {
  createAudit(input: $input) {
    ...AuditSummary
  }
}
    fragment AuditSummary on Audit {
  id
  kind
  status
  url
  progress
  stage
  score
  grade
  error
  attempts
  createdAt
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<CreateAuditMutation, CreateAuditMutationVariables>;
export const AuditProgressDocument = new TypedDocumentString(`
    subscription AuditProgress($id: ID!) {
  auditProgress(id: $id) {
    status
    progress
    stage
    message
    error
    at
    audit {
      id
      status
      score
      grade
    }
  }
}
    `) as unknown as TypedDocumentString<AuditProgressSubscription, AuditProgressSubscriptionVariables>;
export const AuditDocument = new TypedDocumentString(`
    query Audit($id: ID!) {
  audit(id: $id) {
    ...AuditSummary
    categories {
      ...CategoryScoreFields
    }
  }
}
    fragment AuditSummary on Audit {
  id
  kind
  status
  url
  progress
  stage
  score
  grade
  error
  attempts
  createdAt
  startedAt
  finishedAt
}
fragment CategoryScoreFields on CategoryScore {
  category
  score
  weight
  applicable
  reason
}`) as unknown as TypedDocumentString<AuditQuery, AuditQueryVariables>;
export const AuditsDocument = new TypedDocumentString(`
    query Audits($first: Int, $after: String, $filter: AuditFilter, $orderBy: AuditOrder) {
  audits(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      cursor
      node {
        ...AuditSummary
      }
    }
  }
}
    fragment AuditSummary on Audit {
  id
  kind
  status
  url
  progress
  stage
  score
  grade
  error
  attempts
  createdAt
  startedAt
  finishedAt
}
fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}`) as unknown as TypedDocumentString<AuditsQuery, AuditsQueryVariables>;
export const CancelAuditDocument = new TypedDocumentString(`
    mutation CancelAudit($id: ID!) {
  cancelAudit(id: $id) {
    ...AuditSummary
  }
}
    fragment AuditSummary on Audit {
  id
  kind
  status
  url
  progress
  stage
  score
  grade
  error
  attempts
  createdAt
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<CancelAuditMutation, CancelAuditMutationVariables>;
export const RerunAuditDocument = new TypedDocumentString(`
    mutation RerunAudit($id: ID!) {
  rerunAudit(id: $id) {
    ...AuditSummary
  }
}
    fragment AuditSummary on Audit {
  id
  kind
  status
  url
  progress
  stage
  score
  grade
  error
  attempts
  createdAt
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<RerunAuditMutation, RerunAuditMutationVariables>;
export const DeleteAuditDocument = new TypedDocumentString(`
    mutation DeleteAudit($id: ID!) {
  deleteAudit(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteAuditMutation, DeleteAuditMutationVariables>;
export const RegisterDocument = new TypedDocumentString(`
    mutation Register($input: RegisterInput!) {
  register(input: $input) {
    ...SessionFields
  }
}
    fragment ViewerFields on User {
  id
  email
  name
  role
  emailVerified
  createdAt
}
fragment SessionFields on AuthPayload {
  accessToken
  refreshToken
  expiresAt
  user {
    ...ViewerFields
  }
}`) as unknown as TypedDocumentString<RegisterMutation, RegisterMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($input: LoginInput!) {
  login(input: $input) {
    ...SessionFields
  }
}
    fragment ViewerFields on User {
  id
  email
  name
  role
  emailVerified
  createdAt
}
fragment SessionFields on AuthPayload {
  accessToken
  refreshToken
  expiresAt
  user {
    ...ViewerFields
  }
}`) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const RefreshSessionDocument = new TypedDocumentString(`
    mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) {
    ...SessionFields
  }
}
    fragment ViewerFields on User {
  id
  email
  name
  role
  emailVerified
  createdAt
}
fragment SessionFields on AuthPayload {
  accessToken
  refreshToken
  expiresAt
  user {
    ...ViewerFields
  }
}`) as unknown as TypedDocumentString<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout($refreshToken: String!) {
  logout(refreshToken: $refreshToken)
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    ...ViewerFields
    isActive
  }
}
    fragment ViewerFields on User {
  id
  email
  name
  role
  emailVerified
  createdAt
}`) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const ProjectsDocument = new TypedDocumentString(`
    query Projects($first: Int, $after: String) {
  projects(first: $first, after: $after) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      cursor
      node {
        ...ProjectFields
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment ProjectFields on Project {
  id
  name
  url
  kinds
  schedule
  timezone
  paused
  nextRunAt
  lastRunAt
  createdAt
  alertRules {
    kind
    threshold
    metric
    engine
    severity
  }
  owner {
    id
  }
  workspace {
    id
  }
}`) as unknown as TypedDocumentString<ProjectsQuery, ProjectsQueryVariables>;
export const ProjectDocument = new TypedDocumentString(`
    query Project($id: ID!, $audits: Int = 10, $events: Int = 10) {
  project(id: $id) {
    ...ProjectFields
    audits(first: $audits) {
      totalCount
      edges {
        node {
          ...AuditSummary
        }
      }
    }
    events(first: $events) {
      totalCount
      edges {
        node {
          id
          type
          message
          at
          audit {
            id
          }
        }
      }
    }
  }
}
    fragment AuditSummary on Audit {
  id
  kind
  status
  url
  progress
  stage
  score
  grade
  error
  attempts
  createdAt
  startedAt
  finishedAt
}
fragment ProjectFields on Project {
  id
  name
  url
  kinds
  schedule
  timezone
  paused
  nextRunAt
  lastRunAt
  createdAt
  alertRules {
    kind
    threshold
    metric
    engine
    severity
  }
  owner {
    id
  }
  workspace {
    id
  }
}`) as unknown as TypedDocumentString<ProjectQuery, ProjectQueryVariables>;
export const CreateProjectDocument = new TypedDocumentString(`
    mutation CreateProject($input: CreateProjectInput!) {
  createProject(input: $input) {
    ...ProjectFields
  }
}
    fragment ProjectFields on Project {
  id
  name
  url
  kinds
  schedule
  timezone
  paused
  nextRunAt
  lastRunAt
  createdAt
  alertRules {
    kind
    threshold
    metric
    engine
    severity
  }
  owner {
    id
  }
  workspace {
    id
  }
}`) as unknown as TypedDocumentString<CreateProjectMutation, CreateProjectMutationVariables>;
export const UpdateProjectDocument = new TypedDocumentString(`
    mutation UpdateProject($id: ID!, $input: UpdateProjectInput!) {
  updateProject(id: $id, input: $input) {
    ...ProjectFields
  }
}
    fragment ProjectFields on Project {
  id
  name
  url
  kinds
  schedule
  timezone
  paused
  nextRunAt
  lastRunAt
  createdAt
  alertRules {
    kind
    threshold
    metric
    engine
    severity
  }
  owner {
    id
  }
  workspace {
    id
  }
}`) as unknown as TypedDocumentString<UpdateProjectMutation, UpdateProjectMutationVariables>;
export const DeleteProjectDocument = new TypedDocumentString(`
    mutation DeleteProject($id: ID!) {
  deleteProject(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteProjectMutation, DeleteProjectMutationVariables>;
export const RunProjectDocument = new TypedDocumentString(`
    mutation RunProject($id: ID!) {
  runProject(id: $id) {
    ...AuditSummary
    project {
      id
    }
  }
}
    fragment AuditSummary on Audit {
  id
  kind
  status
  url
  progress
  stage
  score
  grade
  error
  attempts
  createdAt
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<RunProjectMutation, RunProjectMutationVariables>;
export const ProjectEventsDocument = new TypedDocumentString(`
    subscription ProjectEvents($projectId: ID!) {
  projectEvents(projectId: $projectId) {
    id
    type
    message
    at
    audit {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ProjectEventsSubscription, ProjectEventsSubscriptionVariables>;
export const AuditResultsDocument = new TypedDocumentString(`
    query AuditResults($id: ID!, $findings: Int = 20, $pages: Int = 100) {
  audit(id: $id) {
    ...AuditSummary
    categories {
      ...CategoryScoreFields
    }
    findings(first: $findings) {
      totalCount
      edges {
        node {
          ...FindingFields
        }
      }
    }
    pages(first: $pages) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        cursor
        node {
          ...CrawledPageFields
        }
      }
    }
    checks {
      ...CheckResultFields
    }
    botAccess {
      bot
      operator
      purpose
      robots
      pagesAllowed
      pagesBlocked
      probeStatus
      probeVerdict
    }
    skipped {
      url
      reason
      detail
    }
  }
}
    fragment AuditSummary on Audit {
  id
  kind
  status
  url
  progress
  stage
  score
  grade
  error
  attempts
  createdAt
  startedAt
  finishedAt
}
fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment CategoryScoreFields on CategoryScore {
  category
  score
  weight
  applicable
  reason
}
fragment FindingFields on Finding {
  id
  checkId
  category
  severity
  title
  detail
  recommendation
  urls
  pointsLost
}
fragment CrawledPageFields on CrawledPage {
  url
  finalUrl
  redirects
  status
  depth
  title
  words
  bytes
  fetchMs
  contentType
  indexable
  error
  structuredData
  failedChecks
}
fragment CheckResultFields on CheckResult {
  checkId
  category
  title
  status
  severity
  pointsLost
  score
  weight
  finding {
    title
    detail
    recommendation
    urls
  }
}`) as unknown as TypedDocumentString<AuditResultsQuery, AuditResultsQueryVariables>;
export const AuditFindingsDocument = new TypedDocumentString(`
    query AuditFindings($id: ID!, $first: Int, $after: String, $severity: Severity) {
  audit(id: $id) {
    id
    findings(first: $first, after: $after, severity: $severity) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        cursor
        node {
          ...FindingFields
        }
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment FindingFields on Finding {
  id
  checkId
  category
  severity
  title
  detail
  recommendation
  urls
  pointsLost
}`) as unknown as TypedDocumentString<AuditFindingsQuery, AuditFindingsQueryVariables>;
export const ChecksDocument = new TypedDocumentString(`
    query Checks {
  checks {
    checkId
    category
    title
    description
    rationale
    source
    weight
  }
}
    `) as unknown as TypedDocumentString<ChecksQuery, ChecksQueryVariables>;
export const CreateWebhookDocument = new TypedDocumentString(`
    mutation CreateWebhook($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    secret
    webhook {
      ...WebhookFields
    }
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  events
  enabled
  disabledReason
  consecutiveFailures
  createdAt
  project {
    id
  }
}`) as unknown as TypedDocumentString<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const WebhooksDocument = new TypedDocumentString(`
    query Webhooks {
  viewer {
    id
    workspaces {
      id
      name
      personal
      webhooks {
        ...WebhookFields
      }
    }
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  events
  enabled
  disabledReason
  consecutiveFailures
  createdAt
  project {
    id
  }
}`) as unknown as TypedDocumentString<WebhooksQuery, WebhooksQueryVariables>;
export const WebhookDeliveriesDocument = new TypedDocumentString(`
    query WebhookDeliveries($id: ID!, $first: Int = 20, $after: String) {
  node(id: $id) {
    ... on Webhook {
      ...WebhookFields
      deliveries(first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...WebhookDeliveryFields
          }
        }
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment WebhookFields on Webhook {
  id
  url
  events
  enabled
  disabledReason
  consecutiveFailures
  createdAt
  project {
    id
  }
}
fragment WebhookDeliveryFields on WebhookDelivery {
  id
  event
  status
  attempts
  responseStatus
  error
  createdAt
  deliveredAt
  nextAttemptAt
}`) as unknown as TypedDocumentString<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const UpdateWebhookDocument = new TypedDocumentString(`
    mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {
  updateWebhook(id: $id, input: $input) {
    ...WebhookFields
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  events
  enabled
  disabledReason
  consecutiveFailures
  createdAt
  project {
    id
  }
}`) as unknown as TypedDocumentString<UpdateWebhookMutation, UpdateWebhookMutationVariables>;
export const DeleteWebhookDocument = new TypedDocumentString(`
    mutation DeleteWebhook($id: ID!) {
  deleteWebhook(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteWebhookMutation, DeleteWebhookMutationVariables>;
export const RotateWebhookSecretDocument = new TypedDocumentString(`
    mutation RotateWebhookSecret($id: ID!) {
  rotateWebhookSecret(id: $id) {
    secret
    webhook {
      ...WebhookFields
    }
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  events
  enabled
  disabledReason
  consecutiveFailures
  createdAt
  project {
    id
  }
}`) as unknown as TypedDocumentString<RotateWebhookSecretMutation, RotateWebhookSecretMutationVariables>;
export const RedeliverWebhookDocument = new TypedDocumentString(`
    mutation RedeliverWebhook($deliveryId: ID!) {
  redeliverWebhook(deliveryId: $deliveryId) {
    ...WebhookDeliveryFields
  }
}
    fragment WebhookDeliveryFields on WebhookDelivery {
  id
  event
  status
  attempts
  responseStatus
  error
  createdAt
  deliveredAt
  nextAttemptAt
}`) as unknown as TypedDocumentString<RedeliverWebhookMutation, RedeliverWebhookMutationVariables>;
