import type { SafeFetcher } from '../../net/safe-fetch.js';
import type { CrawlLimits } from '../limits.js';
import { PRODUCT_ROBOTS_TOKEN } from '../limits.js';
import { fetchPage, type CrawledPage } from './fetch-page.js';
import type { AnalysisPool } from '../analysis-pool.js';
import { yielder } from '../../cooperative.js';
import { robotsAllows, type RobotsInfo } from './robots.js';
import type { SkipReason, SkippedUrl } from '../../result.js';
import { isSameSite, looksLikePage, normalizeUrl } from './url.js';
import { BACKOFF_STATUSES } from './pacer.js';

export interface CrawlResult {
  pages: CrawledPage[];
  /** URLs found but not audited, in the order met (at most MAX_SKIPS_LISTED, off-site ones capped lower). */
  skipped: SkippedUrl[];
  /** Every skip, by reason (the list is bounded, these counts are not). */
  skippedTotal: Partial<Record<SkipReason, number>>;
  /**
   * Every fetched URL that redirected (kept pages and duplicates alike), to where and in how many
   * hops: internal links to them are judged by it.
   */
  redirected: Map<string, { finalUrl: string; hops: number }>;
}

/** Skipped URLs listed in the result; the rest are only counted. */
export const MAX_SKIPS_LISTED = 1_000;
/** Off-site links listed: a link-heavy site must not crowd the crawl's own skips out of the list. */
export const MAX_OFF_SITE_LISTED = 200;

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
  /** When the next request to the site may start (Crawl-delay, Retry-After); default now. */
  nextSlot?: () => number;
  signal?: AbortSignal;
  onPage: (page: CrawledPage, fetched: number, planned: number) => void;
}

/** Breadth-first crawl, one depth level at a time, `concurrencyPerHost` requests in flight. */
export async function crawl(input: CrawlInput): Promise<CrawlResult> {
  const { limits, signal } = input;
  const pages: CrawledPage[] = [input.start];
  const skipped: SkippedUrl[] = [];
  const skippedTotal: CrawlResult['skippedTotal'] = {};
  const redirected: CrawlResult['redirected'] = new Map();
  const noteRedirects = (page: CrawledPage) => {
    if (page.redirects.length > 0)
      redirected.set(page.url, {
        finalUrl: canonical(page.finalUrl) ?? page.finalUrl,
        hops: page.redirects.length,
      });
  };
  let offSiteListed = 0;
  const skip = (reason: SkipReason, url: string, detail: string) => {
    skippedTotal[reason] = (skippedTotal[reason] ?? 0) + 1;
    if (skipped.length >= MAX_SKIPS_LISTED) return;
    if (reason === 'off-site' && offSiteListed++ >= MAX_OFF_SITE_LISTED) return;
    skipped.push({ url, reason, detail });
  };
  const robotsDetail = `robots.txt disallows it for ${PRODUCT_ROBOTS_TOKEN}`;
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
  noteRedirects(input.start);
  /** Final URLs of the pages kept, to the URL requested for each: two URLs that redirect to one page are one page. */
  const kept = new Map([[canonical(input.start.finalUrl) ?? input.start.finalUrl, input.start.url]]);
  // Redirects may lead where robots.txt forbids: every same-site URL on the way must be allowed.
  const robotsAccepts = (urls: string[]) =>
    urls.every((u) => !isSameSite(u, input.siteHost) || robotsAllows(input.robots, u, PRODUCT_ROBOTS_TOKEN));
  const linksOf = (page: CrawledPage) => page.facts?.internalLinks ?? [];
  /** Links of a kept page to other hosts: listed once each, never fetched. */
  const offSite = (page: CrawledPage) => {
    for (const raw of page.facts?.externalLinks ?? []) {
      const url = normalizeUrl(raw);
      if (!url || seen.has(url)) continue;
      seen.add(url);
      skip('off-site', url, `links to ${new URL(url).host}`);
    }
  };
  offSite(input.start);

  let level = [...linksOf(input.start), ...input.seeds];
  for (let depth = 1; level.length > 0; depth++) {
    const candidates: string[] = [];
    for (const raw of level) {
      const url = canonical(raw);
      if (!url) {
        // Only sitemap entries get here unparsed (page links are normalised when extracted).
        if (!seen.has(raw)) skip('error', raw, 'not a valid http(s) URL');
        seen.add(raw);
        continue;
      }
      if (seen.has(url)) continue;
      seen.add(url);
      if (!isSameSite(url, input.siteHost)) skip('off-site', url, `links to ${new URL(url).host}`);
      else if (!looksLikePage(url)) continue;
      else if (depth > limits.maxDepth) skip('limit', url, `max-depth ${limits.maxDepth}`);
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
        const audited = kept.get(url);
        if (audited !== undefined) skip('duplicate', url, `already audited: ${audited} redirects to it`);
        else if (pages.length + inFlight >= limits.maxPages)
          skip('limit', url, `max-pages ${limits.maxPages}`);
        else if (Math.max(Date.now(), input.nextSlot?.() ?? 0) > input.deadline)
          skip('limit', url, 'time budget');
        else if (!robotsAllows(input.robots, url, PRODUCT_ROBOTS_TOKEN)) skip('robots', url, robotsDetail);
        else {
          inFlight++;
          let page = await fetchPage(input.fetcher, input.analysis, url, depth, signal, robotsAccepts);
          // 429/503: asked again once, after the pause the site asked for, if it ends in time.
          if (page.status !== undefined && BACKOFF_STATUSES.has(page.status)) {
            if ((input.nextSlot?.() ?? Date.now()) <= input.deadline) {
              page = await fetchPage(input.fetcher, input.analysis, url, depth, signal, robotsAccepts);
            }
          }
          inFlight--;
          if (page.refused) {
            skip('robots', url, `redirects to ${page.finalUrl}; ${robotsDetail} on the way`);
            continue;
          }
          const final = canonical(page.finalUrl) ?? page.finalUrl;
          seen.add(final);
          noteRedirects(page);
          const same = kept.get(final);
          if (same !== undefined) {
            skip(
              'duplicate',
              url,
              same === final
                ? `redirects to ${final}, already audited`
                : `same page as ${same} (both end at ${final})`,
            );
            continue;
          }
          kept.set(final, url);
          pages.push(page);
          offSite(page);
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
  return { pages, skipped, skippedTotal, redirected };
}
