import type { ReportFinding } from '../report.js';
import type {
  BotAccessRow,
  CheckOutcome,
  CheckStatus,
  CrawlOutcome,
  PageSummary,
  SiteDetails,
  SkipReason,
} from '../result.js';
import type { AiBot } from './ai-bots.js';
import { botAccessTable, robotsVerdicts } from './checks/bot-access.js';
import { checkSpec } from './checks/index.js';
import { isIndexable } from './checks/indexability.js';
import type { CheckResult, SiteData } from './checks/types.js';
import type { CrawlResult } from './crawler/crawl.js';
import type { RobotsInfo } from './crawler/robots.js';
import type { CrawledPage } from './crawler/fetch-page.js';
import type { CrawlLimits } from './limits.js';
import { pointsLostByCheck } from './scoring.js';

/** Pages listed in details; the rest are counted (pagesTotal). Keeps the stored JSON bounded. */
export const MAX_PAGES_LISTED = 1_000;

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** FAILED: score < 1 or a finding above INFO; PASSED: scored, or only an INFO note; else NOT_APPLICABLE. */
export function checkStatus(result: Pick<CheckResult, 'score' | 'finding'>): CheckStatus {
  const { score, finding } = result;
  if ((score !== undefined && score < 1) || (finding && finding.severity !== 'INFO')) return 'FAILED';
  if (score !== undefined || finding) return 'PASSED';
  return 'NOT_APPLICABLE';
}

function pageSummary(p: CrawledPage, failedChecks: string[]): PageSummary {
  return {
    url: p.url,
    finalUrl: p.finalUrl,
    redirects: p.redirects.map((hop) => hop.url),
    status: p.status ?? null,
    error: p.error ?? null,
    depth: p.depth,
    title: p.facts?.title ?? null,
    words: p.facts?.words ?? null,
    bytes: p.bytes,
    fetchMs: p.ttfbMs ?? null,
    contentType: p.contentType ?? null,
    indexable: isIndexable(p),
    truncated: p.truncated,
    structuredData: p.facts?.jsonLd.types ?? [],
    failedChecks,
  };
}

function checkOutcomes(results: CheckResult[], findings: ReportFinding[]): CheckOutcome[] {
  const findingOf = new Map(findings.map((f) => [f.checkId, f]));
  const lost = pointsLostByCheck(results);
  return results.map((r) => {
    const f = findingOf.get(r.id);
    const outcome: CheckOutcome = {
      checkId: r.id,
      category: r.category,
      title: checkSpec(r.id)?.title ?? r.id,
      status: checkStatus(r),
      severity: f?.severity ?? null,
      pointsLost: f?.pointsLost ?? lost.get(r.id) ?? 0,
      score: r.score === undefined ? null : round3(r.score),
      weight: r.weight,
      finding: f
        ? { title: f.title, detail: f.detail, recommendation: f.recommendation, urls: f.urls }
        : null,
    };
    if (r.score === undefined && r.reason) outcome.reason = r.reason;
    return outcome;
  });
}

/** The columns naming a bot, from its row of the AI crawler table. */
const botIdentity = (
  b: Pick<AiBot, 'token' | 'owner' | 'purpose' | 'description' | 'source' | 'checked'>,
) => ({
  bot: b.token,
  operator: b.owner,
  purpose: b.purpose,
  description: b.description,
  source: b.source,
  checked: b.checked,
});

function botAccessRows(site: SiteData): BotAccessRow[] {
  const probed = new Map(site.probe.results.map((r) => [r.token, r]));
  return botAccessTable(site).map((b) => {
    const probe = probed.get(b.token);
    return {
      ...botIdentity(b),
      robots: b.access,
      pagesAllowed: site.htmlPages.length - b.blockedPages.length,
      pagesBlocked: b.blockedPages.length,
      probeStatus: probe?.status ?? null,
      probeVerdict: probe?.verdict ?? null,
    };
  });
}

function robotsSummary(robots: RobotsInfo): Record<string, unknown> {
  return {
    url: robots.url,
    status: robots.status,
    httpStatus: robots.httpStatus ?? null,
    error: robots.error,
    bytes: robots.bytes,
    truncated: robots.truncated,
    sitemaps: robots.sitemaps.slice(0, 20),
  };
}

/** Bounds whose skips mean the crawl did not audit everything it found. */
export function crawlOutcome(
  skippedTotal: Partial<Record<SkipReason, number>>,
  skipped: CrawlResult['skipped'],
): CrawlOutcome {
  const limitsReached = [
    ...new Set(skipped.filter((s) => s.reason === 'limit').map((s) => s.detail ?? 'a crawl limit')),
  ];
  // A limit skip beyond the listed ones is still counted: the crawl is partial even if none is listed.
  if ((skippedTotal.limit ?? 0) > 0 && limitsReached.length === 0) limitsReached.push('a crawl limit');
  return { status: 'audited', reason: null, complete: (skippedTotal.limit ?? 0) === 0, limitsReached };
}

/**
 * The details of an audit robots.txt stopped before any page was fetched: why, and what
 * robots.txt says for each AI crawler about the start URL. Nothing is graded.
 */
export function blockedDetails(
  startUrl: string,
  url: string,
  robots: RobotsInfo,
  reason: string,
  limits: CrawlLimits,
  durationMs: number,
): SiteDetails {
  const botAccess: BotAccessRow[] = robotsVerdicts(robots, url).map((b) => ({
    ...botIdentity(b),
    robots: b.allowed ? 'allowed' : 'blocked',
    pagesAllowed: 0,
    pagesBlocked: 0,
    probeStatus: null,
    probeVerdict: null,
  }));
  return {
    outcome: { status: 'blocked', reason, complete: false, limitsReached: [] },
    startUrl,
    finalUrl: url,
    pages: [],
    pagesTotal: 0,
    checks: [],
    botAccess,
    skipped: [{ url, reason: 'robots', detail: reason }],
    skippedTotal: { robots: 1 },
    robots: robotsSummary(robots),
    sitemaps: { found: false, files: [], urlsRead: 0 },
    llmsTxt: {},
    stats: { pagesFetched: 0, htmlPages: 0, durationMs, limits: { ...limits } },
  };
}

/** The JSON stored with the report: what was crawled, per page and site-wide, bounded in size. */
export function buildDetails(
  site: SiteData,
  results: CheckResult[],
  findings: ReportFinding[],
  crawl: Pick<CrawlResult, 'skipped' | 'skippedTotal'>,
  limits: CrawlLimits,
  durationMs: number,
  pacing: NonNullable<SiteDetails['pacing']>,
): SiteDetails {
  const failedByUrl = new Map<string, Set<string>>();
  for (const r of results) {
    if (!r.finding || r.finding.severity === 'INFO') continue;
    for (const url of r.finding.urls) failedByUrl.set(url, (failedByUrl.get(url) ?? new Set()).add(r.id));
  }
  const pages = site.pages
    .slice(0, MAX_PAGES_LISTED)
    .map((p) =>
      pageSummary(p, [
        ...new Set([...(failedByUrl.get(p.url) ?? []), ...(failedByUrl.get(p.finalUrl) ?? [])]),
      ]),
    );
  const { robots, sitemaps, llms, probe } = site;
  return {
    outcome: crawlOutcome(crawl.skippedTotal, crawl.skipped),
    startUrl: site.startUrl,
    finalUrl: site.home.finalUrl,
    pages,
    pagesTotal: site.pages.length,
    checks: checkOutcomes(results, findings),
    botAccess: botAccessRows(site),
    skipped: crawl.skipped,
    skippedTotal: crawl.skippedTotal,
    robots: robotsSummary(robots),
    sitemaps: {
      found: sitemaps.found,
      files: sitemaps.files,
      urlsRead: sitemaps.entries.length,
    },
    llmsTxt: {
      url: llms.url,
      state: llms.state,
      httpStatus: llms.httpStatus ?? null,
      contentType: llms.contentType ?? null,
      name: llms.name ?? null,
      sections: llms.sections.slice(0, 30),
      linkCount: llms.linkCount,
      issues: llms.issues,
      notes: llms.notes,
      checkedLinks: llms.checkedLinks,
      fullPresent: llms.fullPresent,
    },
    probe: {
      url: probe.url,
      baseline: {
        status: probe.baseline.status ?? null,
        bytes: probe.baseline.bytes,
        error: probe.baseline.error ?? null,
      },
    },
    pacing,
    stats: {
      pagesFetched: site.pages.length,
      htmlPages: site.htmlPages.length,
      durationMs,
      limits: { ...limits },
    },
  };
}
