import { sharedAnalysisPool, type AnalysisPool } from './analysis-pool.js';
import { AuditInputError, type AuditReport, type ProgressCallback } from '../report.js';
import { createSafeFetcher, type DnsLookup, type SafeFetcher } from '../net/safe-fetch.js';
import { prepareBotAccess, robotsVerdicts } from './checks/bot-access.js';
import { runChecks } from './checks/index.js';
import type { SiteData } from './checks/types.js';
import { PROBE_BOTS } from './ai-bots.js';
import { probeAiUserAgents } from './crawler/ai-probe.js';
import { verifyCanonicals } from './crawler/canonicals.js';
import { crawl } from './crawler/crawl.js';
import { linkGraph } from './crawler/linking.js';
import { pacedFetcher } from './crawler/pacer.js';
import { fetchPage, isHtmlPage, type CrawledPage } from './crawler/fetch-page.js';
import { checkLlmsTxt } from './crawler/llms-txt.js';
import { fetchRobots, robotsAllows, type RobotsInfo } from './crawler/robots.js';
import { readSitemaps } from './crawler/sitemap.js';
import { blockedDetails, buildDetails, crawlOutcome } from './details.js';
import { fetchPageExtras } from './page-extras.js';
import { PRODUCT_ROBOTS_TOKEN, PRODUCT_USER_AGENT, resolveLimits, type CrawlLimits } from './limits.js';
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
  /** Told of every page the crawl requested and kept (the start page first), e.g. for metrics. */
  onPageFetched?: (page: FetchedPage) => void;
}

/** A page requested: its HTTP status, or null with `failed` when the request itself failed. */
export interface FetchedPage {
  status: number | null;
  failed: boolean;
}

const fetchedPage = (page: CrawledPage): FetchedPage => ({
  status: page.status ?? null,
  failed: page.status === undefined,
});

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

/** The words for an address that cannot be fetched: the same whether it does not exist or is private (see safe-fetch.ts). */
const unreachableHint = (code: string | undefined): string =>
  code === 'BLOCKED' || code === 'DNS'
    ? '; add the host to AUDIT_ALLOWED_PRIVATE_HOSTS to audit it if it is private, or check the name'
    : '';

/** The start page must load; otherwise there is nothing to audit and the user must fix the input. */
async function fetchStartPage(
  fetcher: SafeFetcher,
  analysis: AnalysisPool,
  url: string,
  signal: AbortSignal | undefined,
  accept: (urls: string[]) => boolean,
  onPageFetched: SiteAuditOptions['onPageFetched'],
): Promise<CrawledPage> {
  const page = await fetchPage(fetcher, analysis, url, 0, signal, accept);
  if (!page.refused) onPageFetched?.(fetchedPage(page));
  if (page.error === undefined) return page;
  throw new AuditInputError(`${url} cannot be audited: ${page.error}${unreachableHint(page.errorCode)}`);
}

/** Why robots.txt stops our crawler at `url`, in words, with what it says for the AI crawlers. */
function blockedReason(robots: RobotsInfo, url: string): string {
  const path = new URL(url).pathname;
  const why =
    robots.status === 'ok'
      ? `${robots.url} disallows ${path} for ${PRODUCT_ROBOTS_TOKEN} (its "User-agent: ${robots.robot?.groupName(PRODUCT_ROBOTS_TOKEN) ?? '*'}" group)`
      : `${robots.url} could not be read (${robots.httpStatus ? `HTTP ${robots.httpStatus}` : robots.error}), which RFC 9309 treats as disallowing everything`;
  const verdicts = robotsVerdicts(robots, url);
  const list = (allowed: boolean) =>
    verdicts
      .filter((v) => v.allowed === allowed)
      .map((v) => v.token)
      .join(', ') || 'none';
  return `blocked by robots.txt for ${PRODUCT_ROBOTS_TOKEN}: ${why}. No page was fetched or graded. For AI crawlers it allows ${list(true)}; it blocks ${list(false)}. To audit the site, allow ${PRODUCT_ROBOTS_TOKEN} ("User-agent: ${PRODUCT_ROBOTS_TOKEN}" + "Allow: /")`;
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
  const direct = createSafeFetcher({
    allowedPrivateHosts: options.allowedPrivateHosts,
    lookup: options.lookup,
    userAgent: options.userAgent ?? PRODUCT_USER_AGENT,
    maxRedirects: limits.maxRedirects,
    timeoutMs: limits.requestTimeoutMs,
    maxBytes: limits.maxBytes,
    connectionsPerOrigin: limits.concurrencyPerHost,
  });
  // Every request to the audited host is paced (Crawl-delay, Retry-After), robots.txt included.
  const fetcher = pacedFetcher(direct, new URL(startUrl).host, deadline);
  try {
    progress(0, 'Reading robots.txt', startUrl);
    // robots.txt comes before any page: a site that refuses AEOAuditBot is not crawled at all.
    let robots = await fetchRobots(fetcher, new URL(startUrl).origin, signal);
    const blocked = (at: string, rules: RobotsInfo): AuditInputError => {
      const reason = blockedReason(rules, at);
      const details = blockedDetails(startUrl, at, rules, reason, limits, Date.now() - started);
      return new AuditInputError(`${startUrl} cannot be audited: ${reason}`, { ...details });
    };
    // A host that cannot be reached at all is an unreachable site, not a robots.txt verdict.
    if (robots.status === 'unreachable') {
      throw new AuditInputError(
        `${startUrl} cannot be audited: ${robots.url} could not be fetched: ${robots.error}${unreachableHint(robots.errorCode)}`,
      );
    }
    if (!robotsAllows(robots, startUrl, PRODUCT_ROBOTS_TOKEN)) throw blocked(startUrl, robots);
    fetcher.setCrawlDelay(robots.robot?.crawlDelay(PRODUCT_ROBOTS_TOKEN));

    progress(0.03, 'Fetching the start page', startUrl);
    const startRobots = robots;
    const home = await fetchStartPage(
      fetcher,
      analysis,
      startUrl,
      signal,
      (urls) => urls.every((u) => robotsAllows(startRobots, u, PRODUCT_ROBOTS_TOKEN)),
      options.onPageFetched,
    );
    if (home.refused) {
      const at = [...home.redirects.map((h) => h.url), home.finalUrl].find(
        (u) => !robotsAllows(startRobots, u, PRODUCT_ROBOTS_TOKEN),
      );
      throw blocked(at ?? home.finalUrl, startRobots);
    }
    const origin = new URL(home.finalUrl).origin;
    // Redirected to another origin (www., https): its own robots.txt rules the rest of the crawl.
    if (origin !== new URL(robots.url).origin) {
      fetcher.retarget(new URL(origin).host);
      robots = await fetchRobots(fetcher, origin, signal);
      if (!robotsAllows(robots, home.finalUrl, PRODUCT_ROBOTS_TOKEN)) throw blocked(home.finalUrl, robots);
      fetcher.setCrawlDelay(robots.robot?.crawlDelay(PRODUCT_ROBOTS_TOKEN));
    }

    progress(0.06, 'Reading sitemaps');
    const sitemapBytes = Math.min(limits.maxBytes, SITEMAP_MAX_BYTES);
    const sitemaps = await readSitemaps(fetcher, origin, robots.sitemaps, sitemapBytes, signal);

    progress(0.1, 'Crawling pages', home.finalUrl);
    const crawled = await crawl({
      fetcher,
      analysis,
      start: home,
      // Every URL read from the sitemaps (at most MAX_SITEMAP_URLS): those beyond max-pages are
      // skipped and counted without a request, so the skipped list accounts for each of them.
      seeds: sitemaps.entries.map((e) => e.loc),
      siteHost: new URL(origin).host,
      robots,
      limits,
      deadline,
      nextSlot: () => fetcher.nextSlot(),
      signal,
      onPage: (page, fetched, planned) => {
        options.onPageFetched?.(fetchedPage(page));
        progress(0.1 + (0.7 * fetched) / planned, 'Crawling pages', page.url);
      },
    });

    // Past the deadline only what the report cannot do without is fetched: the AI user-agent probe
    // and llms.txt's link checks are skipped (llms.txt itself is one small request).
    signal?.throwIfAborted();
    progress(0.82, 'Comparing responses to AI user agents');
    const probe =
      fetcher.nextSlot() > deadline
        ? { url: home.finalUrl, baseline: { bytes: 0, error: OUT_OF_TIME }, results: [] }
        : await probeAiUserAgents(
            fetcher,
            home.finalUrl,
            PROBE_BOTS.filter((bot) => robotsAllows(robots, home.finalUrl, bot.token)),
            stageTimeout(),
            signal,
          );

    signal?.throwIfAborted();
    progress(0.9, 'Checking llms.txt');
    const llms = await checkLlmsTxt(fetcher, analysis, origin, stageTimeout(), signal, deadline);

    signal?.throwIfAborted();
    progress(0.93, 'Verifying canonical URLs');
    const canonicals = await verifyCanonicals({
      fetcher,
      analysis,
      pages: crawled.pages,
      siteHost: new URL(origin).host,
      robots,
      deadline,
      nextSlot: () => fetcher.nextSlot(),
      signal,
    });

    signal?.throwIfAborted();
    progress(0.95, 'Checking images and machine-readable alternates');
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
      canonicals,
      links: linkGraph(crawled.pages, home, new URL(origin).host, crawled.redirected),
      crawl: crawlOutcome(crawled.skippedTotal, crawled.skipped),
      extras,
      now: Date.now(),
    };
    await prepareBotAccess(site);
    const results = runChecks(site);
    const report = scoreReport(results);
    const details = buildDetails(
      site,
      results,
      report.findings,
      crawled,
      limits,
      Date.now() - started,
      fetcher.summary(),
    );
    progress(1, 'Done');
    return { ...report, details: details as unknown as Record<string, unknown> };
  } finally {
    await fetcher.close();
  }
}
