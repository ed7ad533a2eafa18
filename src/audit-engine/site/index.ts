import { sharedAnalysisPool, type AnalysisPool } from './analysis-pool.js';
import { AuditInputError, type AuditReport, type ProgressCallback } from '../report.js';
import { createSafeFetcher, type DnsLookup, type SafeFetcher } from '../net/safe-fetch.js';
import { prepareBotAccess } from './checks/bot-access.js';
import { runChecks } from './checks/index.js';
import type { SiteData } from './checks/types.js';
import { probeAiUserAgents } from './crawler/ai-probe.js';
import { crawl } from './crawler/crawl.js';
import { fetchPage, isHtmlPage, type CrawledPage } from './crawler/fetch-page.js';
import { checkLlmsTxt } from './crawler/llms-txt.js';
import { fetchRobots } from './crawler/robots.js';
import { readSitemaps } from './crawler/sitemap.js';
import { buildDetails } from './details.js';
import { fetchPageExtras } from './page-extras.js';
import { PRODUCT_USER_AGENT, resolveLimits, type CrawlLimits } from './limits.js';
import { monotonicProgress } from '../progress.js';
import { scoreReport } from './scoring.js';

export type { CrawlLimits } from './limits.js';
export { CHECK_CATALOGUE } from './checks/index.js';
export type { CheckDefinition, SiteDetails } from '../result.js';
export type { DnsLookup } from '../net/safe-fetch.js';

export interface SiteAuditOptions {
  /** Cancels the audit; it rejects with the signal's reason. */
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
  limits?: Partial<CrawlLimits>;
  /** Hosts, IPs or CIDRs that may be fetched although private/loopback (AUDIT_ALLOWED_PRIVATE_HOSTS). */
  allowedPrivateHosts?: string[];
  userAgent?: string;
  /** DNS resolution, injectable for tests; default node:dns lookup with `all: true`. */
  lookup?: DnsLookup;
  /** Where pages and llms.txt are parsed; default the process's shared worker-thread pool. */
  analysis?: AnalysisPool;
  /** Headless Chromium (CHROMIUM_PATH) to compare rendered with raw text; absent: not compared. */
  chromiumPath?: string;
}

const OUT_OF_TIME = 'skipped: the audit ran out of time';

/** Sitemaps are read up to this size (or maxBytes if lower): plenty for the URLs a crawl can use. */
const SITEMAP_MAX_BYTES = 2 * 1024 * 1024;

function parseStartUrl(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AuditInputError(`"${input}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AuditInputError(`"${input}" is not an http(s) URL`);
  }
  if (url.username || url.password)
    throw new AuditInputError('The URL must not contain a user name or password');
  url.hash = '';
  return url.href;
}

/** The start page must load; otherwise there is nothing to audit and the user must fix the input. */
async function fetchStartPage(
  fetcher: SafeFetcher,
  analysis: AnalysisPool,
  url: string,
  signal?: AbortSignal,
): Promise<CrawledPage> {
  const page = await fetchPage(fetcher, analysis, url, 0, signal);
  if (page.error === undefined) return page;
  // The same words whether the name does not exist or is a private one (see safe-fetch.ts).
  const hint =
    page.errorCode === 'BLOCKED' || page.errorCode === 'DNS'
      ? '; add the host to AUDIT_ALLOWED_PRIVATE_HOSTS to audit it if it is private, or check the name'
      : '';
  throw new AuditInputError(`${url} cannot be audited: ${page.error}${hint}`);
}

export async function runSiteAudit(url: string, options: SiteAuditOptions = {}): Promise<AuditReport> {
  const started = Date.now();
  const { signal } = options;
  signal?.throwIfAborted();
  const limits = resolveLimits(options.limits);
  const deadline = started + limits.totalTimeMs;
  // Late stages get what is left of the total budget, but at least a second per request.
  const stageTimeout = () => Math.min(limits.requestTimeoutMs, Math.max(1000, deadline - Date.now()));
  const progress = monotonicProgress(options.onProgress);
  const startUrl = parseStartUrl(url);
  const analysis = options.analysis ?? sharedAnalysisPool();
  const fetcher = createSafeFetcher({
    allowedPrivateHosts: options.allowedPrivateHosts,
    lookup: options.lookup,
    userAgent: options.userAgent ?? PRODUCT_USER_AGENT,
    maxRedirects: limits.maxRedirects,
    timeoutMs: limits.requestTimeoutMs,
    maxBytes: limits.maxBytes,
    connectionsPerOrigin: limits.concurrencyPerHost,
  });
  try {
    progress(0, 'Fetching the start page', startUrl);
    const home = await fetchStartPage(fetcher, analysis, startUrl, signal);
    const origin = new URL(home.finalUrl).origin;

    progress(0.03, 'Reading robots.txt');
    const robots = await fetchRobots(fetcher, origin, signal);

    progress(0.06, 'Reading sitemaps');
    const sitemapBytes = Math.min(limits.maxBytes, SITEMAP_MAX_BYTES);
    const sitemaps = await readSitemaps(fetcher, origin, robots.sitemaps, sitemapBytes, signal);

    progress(0.1, 'Crawling pages', home.finalUrl);
    const crawled = await crawl({
      fetcher,
      analysis,
      start: home,
      // More sitemap URLs than maxPages could never be fetched.
      seeds: sitemaps.entries.slice(0, limits.maxPages).map((e) => e.loc),
      siteHost: new URL(origin).host,
      robots,
      limits,
      deadline,
      signal,
      onPage: (page, fetched, planned) =>
        progress(0.1 + (0.7 * fetched) / planned, 'Crawling pages', page.url),
    });

    // Past the deadline only what the report cannot do without is fetched: the AI user-agent probe
    // and llms.txt's link checks are skipped (llms.txt itself is one small request).
    signal?.throwIfAborted();
    progress(0.82, 'Comparing responses to AI user agents');
    const probe =
      Date.now() > deadline
        ? { url: home.finalUrl, baseline: { bytes: 0, error: OUT_OF_TIME }, results: [] }
        : await probeAiUserAgents(fetcher, home.finalUrl, stageTimeout(), signal);

    signal?.throwIfAborted();
    progress(0.9, 'Checking llms.txt');
    const llms = await checkLlmsTxt(fetcher, analysis, origin, stageTimeout(), signal, deadline);

    signal?.throwIfAborted();
    progress(0.93, 'Checking images and machine-readable alternates');
    const htmlPages = crawled.pages.filter(isHtmlPage);
    const extras = await fetchPageExtras({
      fetcher,
      pages: htmlPages,
      robots,
      sitemaps,
      origin,
      timeoutMs: stageTimeout(),
      deadline,
      signal,
      chromiumPath: options.chromiumPath,
    });

    signal?.throwIfAborted();
    progress(0.96, 'Scoring');
    const site: SiteData = {
      startUrl,
      home,
      pages: crawled.pages,
      htmlPages,
      robots,
      sitemaps,
      llms,
      probe,
      extras,
      now: Date.now(),
    };
    await prepareBotAccess(site);
    const results = runChecks(site);
    const report = scoreReport(results);
    const details = buildDetails(site, results, report.findings, crawled, limits, Date.now() - started);
    progress(1, 'Done');
    return { ...report, details: details as unknown as Record<string, unknown> };
  } finally {
    await fetcher.close();
  }
}
