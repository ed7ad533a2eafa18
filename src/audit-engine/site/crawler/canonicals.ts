import type { SafeFetcher } from '../../net/safe-fetch.js';
import type { AnalysisPool } from '../analysis-pool.js';
import { PRODUCT_ROBOTS_TOKEN } from '../limits.js';
import { fetchPage, isHtmlPage, type CrawledPage } from './fetch-page.js';
import { robotsAllows, type RobotsInfo } from './robots.js';
import { isSameSite } from './url.js';

// The targets of canonical links, verified: a canonical is a hint engines only follow when its
// target is a live, indexable, final URL that names itself canonical. Targets the crawl already
// fetched are read from it; others on the site are fetched (bounded, robots.txt obeyed); targets on
// other hosts are not fetched (the check reports the other host itself).

/** Distinct canonical targets fetched beyond the crawl. */
export const MAX_CANONICAL_FETCHES = 20;

export interface CanonicalTarget {
  url: string;
  /** crawled: read from the crawl; fetched: requested for this check; not-fetched: see `skipped`. */
  source: 'crawled' | 'fetched' | 'not-fetched';
  /** not-fetched: why (another host, robots.txt, the bound, the time budget). */
  skipped?: string;
  status?: number;
  error?: string;
  /** Where it redirects to, when it does. */
  finalUrl?: string;
  /** Its own response as a page: noindex and its own canonical, when HTML. */
  page?: CrawledPage;
}

export interface CanonicalInput {
  fetcher: SafeFetcher;
  analysis: AnalysisPool;
  pages: readonly CrawledPage[];
  siteHost: string;
  robots: RobotsInfo;
  deadline: number;
  nextSlot?: () => number;
  signal?: AbortSignal;
}

/** Every distinct canonical target of the crawled HTML pages, by URL. */
export async function verifyCanonicals(input: CanonicalInput): Promise<Map<string, CanonicalTarget>> {
  const byUrl = new Map<string, CrawledPage>();
  for (const p of input.pages) {
    if (!byUrl.has(p.url)) byUrl.set(p.url, p);
    // A redirected URL's final page is the page at the final URL.
    if (p.redirects.length === 0 || !byUrl.has(p.finalUrl)) byUrl.set(p.finalUrl, p);
  }
  const targets = new Map<string, CanonicalTarget>();
  let fetched = 0;
  for (const p of input.pages) {
    const url = isHtmlPage(p) ? p.facts.canonicalResolved : undefined;
    if (!url || targets.has(url)) continue;
    const crawled = byUrl.get(url);
    if (crawled) {
      const redirected = crawled.url === url && crawled.finalUrl !== url;
      targets.set(url, {
        url,
        source: 'crawled',
        status: crawled.status,
        error: crawled.error,
        ...(redirected ? { finalUrl: crawled.finalUrl } : {}),
        page: crawled,
      });
      continue;
    }
    const skip = (skipped: string) => targets.set(url, { url, source: 'not-fetched', skipped });
    if (!isSameSite(url, input.siteHost)) skip(`on another host (${new URL(url).host})`);
    else if (!robotsAllows(input.robots, url, PRODUCT_ROBOTS_TOKEN))
      skip(`robots.txt disallows it for ${PRODUCT_ROBOTS_TOKEN}`);
    else if (fetched >= MAX_CANONICAL_FETCHES)
      skip(`beyond the ${MAX_CANONICAL_FETCHES} canonical targets checked`);
    else if (Math.max(Date.now(), input.nextSlot?.() ?? 0) > input.deadline) skip('time budget');
    else {
      fetched++;
      input.signal?.throwIfAborted();
      const page = await fetchPage(input.fetcher, input.analysis, url, -1, input.signal);
      targets.set(url, {
        url,
        source: 'fetched',
        status: page.status,
        error: page.error,
        ...(page.finalUrl !== url ? { finalUrl: page.finalUrl } : {}),
        page,
      });
    }
  }
  return targets;
}
