// The result of an audit as a document: what the engines store in `details`, what the API reads
// back field by field, what `GET /reports/<id>.json` and `aeo site --format json` print. Pure
// data, versioned (`RESULT_VERSION`): a change that removes or renames a field bumps it.
import type { BotPurpose } from './site/ai-bots.js';
import type { AuditReport, CategoryScore, Grade, ReportFinding, Severity } from './report.js';
import type { VisibilityDetails } from './visibility/index.js';

export const RESULT_VERSION = 1;

/**
 * Why a URL the crawl found was not audited:
 * - `robots`: robots.txt disallows it for our crawler (AEOAuditBot), or a redirect led through a
 *   disallowed URL (detail says which);
 * - `off-site`: a link on a crawled page (or a sitemap entry) to another host; listed once per
 *   distinct URL, at most 200 of them in `skipped` (all counted in `skippedTotal`);
 * - `limit`: a crawl bound stopped it, detail "max-pages 50", "max-depth 5" or "time budget";
 * - `error`: it could not be requested at all: not a valid http(s) URL (e.g. a sitemap <loc>).
 *   A page that was requested and failed (HTTP 4xx/5xx, timeout, DNS failure, a redirect to a
 *   refused address) is not skipped: it is in `pages` with its status (or status null and error);
 * - `duplicate`: it leads to a page already audited (detail names the URL that was kept).
 */
export type SkipReason = 'robots' | 'off-site' | 'limit' | 'error' | 'duplicate';

export interface SkippedUrl {
  url: string;
  reason: SkipReason;
  /** Specifics, e.g. "max-pages 50", "max-depth 5", "time budget", "links to other.example", "same page as https://…/a (both end at …)". */
  detail?: string;
}

export interface PageSummary {
  /** URL as requested. */
  url: string;
  /** URL after redirects (equal to url without redirects). */
  finalUrl: string;
  /** Every URL the request was redirected through, in order, ending before finalUrl; empty without redirects. */
  redirects: string[];
  /** HTTP status; null when the request failed (see error). */
  status: number | null;
  error: string | null;
  /** Click depth from the start page (0); sitemap URLs are crawled at depth 1. */
  depth: number;
  title: string | null;
  /** Words of text; null when the response was not 2xx HTML (nothing was analysed). */
  words: number | null;
  bytes: number;
  /** Time to first byte of the final response, in ms; null when the request failed. */
  fetchMs: number | null;
  contentType: string | null;
  /** 2xx HTML without noindex (meta robots or X-Robots-Tag), as the indexability.noindex check reads it. */
  indexable: boolean;
  /** The body was cut at the audit's max-bytes limit. */
  truncated: boolean;
  /** schema.org types found in JSON-LD. */
  structuredData: string[];
  /** Ids of checks with a non-INFO finding on this page. */
  failedChecks: string[];
}

/**
 * FAILED: score below 1 or a finding above INFO. PASSED: otherwise, when the check scored (score 1,
 * informational weight-0 checks included) or left only an INFO note. NOT_APPLICABLE: no score and
 * no finding (nothing to judge; `reason` says why).
 */
export type CheckStatus = 'PASSED' | 'FAILED' | 'NOT_APPLICABLE';

/** One check that ran, passed or not. */
export interface CheckOutcome {
  checkId: string;
  category: string;
  /** The check's catalogue title (what it checks), not the finding's. */
  title: string;
  status: CheckStatus;
  /** Severity of its finding; null without one. */
  severity: Severity | null;
  /** Overall points its shortfall costs: the same number as its finding's in `findings` (0 without one). */
  pointsLost: number;
  /** Share of pages (or of the requirement) passing, 0..1 (3 decimals); null when not applicable. */
  score: number | null;
  /** Weight within its category (0: informational, never scored). */
  weight: number;
  /** What it found, as in `findings` (URLs capped at 20), when it found something (INFO notes included). */
  finding: { title: string; detail: string; recommendation: string; urls: string[] } | null;
  /** NOT_APPLICABLE: why, in words (e.g. "no page has 150 words of text to judge"). */
  reason?: string;
}

/** What one AI crawler or user agent may do on the site, and what it got when we asked as it. */
export interface BotAccessRow {
  /** robots.txt product token, e.g. `GPTBot`. */
  bot: string;
  operator: string;
  purpose: BotPurpose;
  /** What it fetches for, from the AI crawler table (src/audit-engine/site/ai-bots.ts). */
  description?: string;
  /** The operator's page documenting it, and when the table entry was checked against it (ISO date). */
  source?: string;
  checked?: string;
  /** robots.txt verdict: allowed on the start page and every crawled page, partial, or blocked on the start page. */
  robots: 'allowed' | 'partial' | 'blocked';
  /** Crawled HTML pages it may fetch / may not fetch. */
  pagesAllowed: number;
  pagesBlocked: number;
  /** When its user agent was probed on the start page: the HTTP status (null: not probed or the request failed). */
  probeStatus: number | null;
  /** same | blocked | challenge | smaller | error; null when not probed. */
  probeVerdict: string | null;
}

/** An entry of the SITE check catalogue: what `Query.checks` lists and SARIF rules are made of. */
export interface CheckDefinition {
  checkId: string;
  category: string;
  /** What the check checks, e.g. "Every page has one descriptive title". */
  title: string;
  /** What it looks for and how it decides. */
  description: string;
  /** Why it matters for answer engines. */
  rationale: string;
  /** Where the rule comes from (URL of the vendor doc, spec or study). */
  source: string;
  /** Weight within its category. */
  weight: number;
}

/**
 * How the crawl ended, so that a blocked or partial crawl is never read as a full one:
 * - `audited`: pages were crawled and graded; `complete` says whether a bound (max-pages, max-depth,
 *   time budget) left URLs it found unaudited (`limitsReached` names them, `skipped` lists the URLs);
 * - `blocked`: robots.txt does not let our crawler (AEOAuditBot) fetch the start URL, or could not
 *   be read (5xx, unreachable: RFC 9309 "complete disallow"). No page was graded: the audit is
 *   FAILED with `reason` as its error, no score, and `botAccess` says what robots.txt allows each
 *   AI crawler on the start URL.
 */
export interface CrawlOutcome {
  status: 'audited' | 'blocked';
  /** blocked: why, in words ("blocked by robots.txt for AEOAuditBot: …"); null when audited. */
  reason: string | null;
  /** False when a crawl bound stopped URLs the crawl found from being audited. */
  complete: boolean;
  /** The bounds that were reached, e.g. ["max-pages 50", "time budget"]. */
  limitsReached: string[];
}

/** `details` of a SITE audit. */
export interface SiteDetails {
  /** Absent in results stored before it existed (they were all `audited`). */
  outcome?: CrawlOutcome;
  startUrl: string;
  finalUrl: string;
  /** Pages fetched, in crawl order, the start page first (at most 1,000; pagesTotal counts all). */
  pages: PageSummary[];
  pagesTotal: number;
  checks: CheckOutcome[];
  botAccess: BotAccessRow[];
  /** URLs found but not audited, in the order met (at most 1,000; skippedTotal counts all, by reason). */
  skipped: SkippedUrl[];
  skippedTotal: Partial<Record<SkipReason, number>>;
  robots: Record<string, unknown>;
  sitemaps: Record<string, unknown>;
  llmsTxt: Record<string, unknown>;
  /** The AI user-agent probe: the start page URL and what our own user agent got (per-bot results are in botAccess). */
  probe?: { url: string; baseline: { status: number | null; bytes: number; error: string | null } };
  /**
   * What the site asked of crawlers and we honoured: robots.txt Crawl-delay for AEOAuditBot (seconds
   * between requests; null without one) and the 429/503 responses after which we paused (Retry-After,
   * or 2 s without one; at most 20 listed).
   */
  pacing?: {
    crawlDelaySeconds: number | null;
    backoffs: { url: string; status: number; waitMs: number }[];
  };
  stats: {
    /** Pages requested and kept (pagesTotal), failed ones included. */
    pagesFetched: number;
    /** Of those, 2xx HTML pages that were analysed. */
    htmlPages: number;
    durationMs: number;
    /** The crawl limits in force (maxPages, maxDepth, maxBytes, requestTimeoutMs, totalTimeMs …). */
    limits: Record<string, number>;
  };
}

export interface ResultTrendPoint {
  auditId: string;
  at: string;
  score: number | null;
  /** VISIBILITY: overall mention rate (0..1). */
  mentionRate: number | null;
}

/** The whole result, as `GET /reports/<id>.json` and `aeo … --format json` print it. */
export interface AuditResultDocument {
  version: typeof RESULT_VERSION;
  /** Global id of the audit; null when run by the CLI. */
  id: string | null;
  kind: 'SITE' | 'VISIBILITY';
  url: string;
  status: string;
  score: number | null;
  grade: Grade | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  categories: CategoryScore[];
  findings: ReportFinding[];
  /** SITE audits. */
  site: SiteDetails | null;
  /** VISIBILITY audits: metrics, answers, failures and usage. */
  visibility: VisibilityDetails | null;
  /** When the audit belongs to a project: its name and the recent runs, oldest first. */
  project: { id: string; name: string; trend: ResultTrendPoint[] } | null;
}

export interface ResultMeta {
  id: string | null;
  kind: 'SITE' | 'VISIBILITY';
  url: string;
  status: string;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  project?: AuditResultDocument['project'];
}

/** The document of an audit, from its metadata and what the engine returned (or the API stored). */
export function resultDocument(
  meta: ResultMeta,
  report: Pick<AuditReport, 'categories' | 'findings' | 'details'> & {
    score: number | null;
    grade: Grade | null;
  },
): AuditResultDocument {
  const details = report.details ?? null;
  return {
    version: RESULT_VERSION,
    id: meta.id,
    kind: meta.kind,
    url: meta.url,
    status: meta.status,
    score: report.score,
    grade: report.grade,
    error: meta.error,
    createdAt: meta.createdAt,
    finishedAt: meta.finishedAt,
    categories: report.categories,
    findings: report.findings,
    site: meta.kind === 'SITE' && details ? (details as unknown as SiteDetails) : null,
    visibility: meta.kind === 'VISIBILITY' && details ? (details as unknown as VisibilityDetails) : null,
    project: meta.project ?? null,
  };
}
