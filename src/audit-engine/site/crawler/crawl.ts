import type { SafeFetcher } from '../../net/safe-fetch.js';
import type { CrawlLimits } from '../limits.js';
import { PRODUCT_ROBOTS_TOKEN } from '../limits.js';
import { fetchPage, type CrawledPage } from './fetch-page.js';
import type { AnalysisPool } from '../analysis-pool.js';
import { yielder } from '../../cooperative.js';
import { robotsAllows, type RobotsInfo } from './robots.js';
import { isSameSite, looksLikePage, normalizeUrl } from './url.js';

export type SkipReason = 'robots' | 'max-pages' | 'max-depth' | 'time-budget';

export interface SkipSummary {
  count: number;
  /** A few of the skipped URLs. */
  examples: string[];
}

export interface CrawlResult {
  pages: CrawledPage[];
  skipped: Partial<Record<SkipReason, SkipSummary>>;
}

export interface CrawlInput {
  fetcher: SafeFetcher;
  analysis: AnalysisPool;
  /** The start page, already fetched (depth 0). */
  start: CrawledPage;
  /** Extra URLs (from sitemaps) crawled at depth 1 after the start page's links. */
  seeds: readonly string[];
  siteHost: string;
  robots: RobotsInfo;
  limits: CrawlLimits;
  /** Epoch ms after which no new page is fetched. */
  deadline: number;
  signal?: AbortSignal;
  onPage: (page: CrawledPage, fetched: number, planned: number) => void;
}

const MAX_SKIP_EXAMPLES = 10;

/** Breadth-first crawl, one depth level at a time, `concurrencyPerHost` requests in flight. */
export async function crawl(input: CrawlInput): Promise<CrawlResult> {
  const { limits, signal } = input;
  const pages: CrawledPage[] = [input.start];
  const skipped: CrawlResult['skipped'] = {};
  const skip = (reason: SkipReason, url: string) => {
    const entry = (skipped[reason] ??= { count: 0, examples: [] });
    entry.count++;
    if (entry.examples.length < MAX_SKIP_EXAMPLES) entry.examples.push(url);
  };
  const siteProtocol = new URL(input.start.finalUrl).protocol;
  /** Normalised, on the site's scheme (http and https URLs of the host are the same pages here). */
  const canonical = (raw: string): string | undefined => {
    const url = normalizeUrl(raw);
    if (!url || !isSameSite(url, input.siteHost)) return url;
    const parsed = new URL(url);
    parsed.protocol = siteProtocol;
    return parsed.href;
  };
  const seen = new Set([input.start.url, input.start.finalUrl].map((u) => canonical(u) ?? u));
  /** Final URLs of the pages kept: two URLs that redirect to one page are one page. */
  const kept = new Set([canonical(input.start.finalUrl) ?? input.start.finalUrl]);
  // Redirects may lead where robots.txt forbids: every same-site URL on the way must be allowed.
  const robotsAccepts = (urls: string[]) =>
    urls.every((u) => !isSameSite(u, input.siteHost) || robotsAllows(input.robots, u, PRODUCT_ROBOTS_TOKEN));
  const linksOf = (page: CrawledPage) => page.facts?.internalLinks ?? [];

  let level = [...linksOf(input.start), ...input.seeds];
  for (let depth = 1; level.length > 0; depth++) {
    const candidates: string[] = [];
    for (const raw of level) {
      const url = canonical(raw);
      if (!url || seen.has(url) || !isSameSite(url, input.siteHost) || !looksLikePage(url)) continue;
      seen.add(url);
      if (depth > limits.maxDepth) skip('max-depth', url);
      else candidates.push(url);
    }
    if (depth > limits.maxDepth) break;

    const next: string[] = [];
    let cursor = 0;
    let inFlight = 0;
    const pause = yielder();
    const worker = async () => {
      for (let url = candidates[cursor++]; url !== undefined; url = candidates[cursor++]) {
        // Thousands of URLs robots.txt refuses are skipped without any I/O in between.
        await pause();
        signal?.throwIfAborted();
        // robots.txt is evaluated only for URLs about to be fetched: matching costs time linear
        // in the wildcard rules, and a huge robots.txt times thousands of sitemap URLs adds up.
        if (kept.has(url)) continue;
        if (pages.length + inFlight >= limits.maxPages) skip('max-pages', url);
        else if (Date.now() > input.deadline) skip('time-budget', url);
        else if (!robotsAllows(input.robots, url, PRODUCT_ROBOTS_TOKEN)) skip('robots', url);
        else {
          inFlight++;
          const page = await fetchPage(input.fetcher, input.analysis, url, depth, signal, robotsAccepts);
          inFlight--;
          if (page.refused) {
            skip('robots', page.finalUrl);
            continue;
          }
          const final = canonical(page.finalUrl) ?? page.finalUrl;
          seen.add(final);
          if (kept.has(final)) continue;
          kept.add(final);
          pages.push(page);
          next.push(...linksOf(page));
          const planned = Math.min(
            limits.maxPages,
            pages.length + (candidates.length - cursor) + next.length,
          );
          input.onPage(page, pages.length, planned);
        }
      }
    };
    await Promise.all(Array.from({ length: limits.concurrencyPerHost }, worker));
    level = next;
  }
  return { pages, skipped };
}
