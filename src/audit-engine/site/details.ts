import type { CheckResult, SiteData } from './checks/types.js';
import { botAccessTable } from './checks/bot-access.js';
import type { CrawlResult } from './crawler/crawl.js';
import type { CrawlLimits } from './limits.js';

/** Pages listed in details; the rest are counted. Keeps the stored JSON bounded. */
const MAX_PAGES_LISTED = 200;

/** The JSON stored with the report: what was crawled, per page and site-wide, bounded in size. */
export function buildDetails(
  site: SiteData,
  results: CheckResult[],
  skipped: CrawlResult['skipped'],
  limits: CrawlLimits,
  durationMs: number,
): Record<string, unknown> {
  const failedByUrl = new Map<string, string[]>();
  for (const r of results) {
    if (!r.finding || r.finding.severity === 'INFO') continue;
    for (const url of r.finding.urls) failedByUrl.set(url, [...(failedByUrl.get(url) ?? []), r.id]);
  }
  const pages = site.pages.slice(0, MAX_PAGES_LISTED).map((p) => ({
    url: p.url,
    finalUrl: p.finalUrl === p.url ? undefined : p.finalUrl,
    status: p.status ?? null,
    error: p.error,
    depth: p.depth,
    ttfbMs: p.ttfbMs ?? null,
    bytes: p.bytes,
    truncated: p.truncated || undefined,
    title: p.facts?.title ?? null,
    words: p.facts?.words,
    structuredData: p.facts?.jsonLd.types,
    failedChecks: [...new Set([...(failedByUrl.get(p.url) ?? []), ...(failedByUrl.get(p.finalUrl) ?? [])])],
  }));
  const { robots, sitemaps, llms, probe } = site;
  return {
    startUrl: site.startUrl,
    finalUrl: site.home.finalUrl,
    pages,
    pagesListed: pages.length,
    robots: {
      url: robots.url,
      status: robots.status,
      httpStatus: robots.httpStatus ?? null,
      error: robots.error,
      bytes: robots.bytes,
      truncated: robots.truncated,
      sitemaps: robots.sitemaps.slice(0, 20),
    },
    aiAccess: botAccessTable(site).map((b) => ({
      bot: b.token,
      owner: b.owner,
      purpose: b.purpose,
      access: b.access,
      blockedPages: b.blockedPages.length,
    })),
    aiUserAgentProbe: probe,
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
    checks: results.map((r) => ({
      id: r.id,
      category: r.category,
      weight: r.weight,
      score: r.score === undefined ? null : Math.round(r.score * 1000) / 1000,
    })),
    stats: {
      pagesFetched: site.pages.length,
      htmlPages: site.htmlPages.length,
      pagesSkipped: skipped,
      durationMs,
      limits,
    },
  };
}
