import type { CrawlResult } from './crawl.js';
import { isHtmlPage, type CrawledPage } from './fetch-page.js';
import { isSameSite, normalizeUrl } from './url.js';

// The site's internal link graph as the crawl saw it: which crawled page links to which URL, the
// click depth of every page from the start page (breadth-first over links, whatever order the
// crawl fetched in), and where linked URLs ended (a page, an error, a redirect).

export interface LinkGraph {
  /** Final URL of a page → the crawled pages (final URLs) whose links reach it, directly or by redirect. */
  inlinks: Map<string, Set<string>>;
  /** Linked URL as written (normalised) → the crawled pages linking to it. */
  linkers: Map<string, Set<string>>;
  /** Final URL → clicks from the start page along links; absent when no link path reaches it. */
  clickDepth: Map<string, number>;
  /** Linked URLs that redirect: where to and in how many hops (from the crawl). */
  redirected: CrawlResult['redirected'];
  /** Final URL of a URL: after its redirects when the crawl followed them, else itself. */
  resolve: (url: string) => string;
}

export function linkGraph(
  pages: readonly CrawledPage[],
  start: CrawledPage,
  siteHost: string,
  redirected: CrawlResult['redirected'],
): LinkGraph {
  const protocol = new URL(start.finalUrl).protocol;
  /** The crawl's form of a URL: normalised, same-host URLs on the site's scheme. */
  const key = (raw: string): string => {
    const url = normalizeUrl(raw) ?? raw;
    if (!isSameSite(url, siteHost)) return url;
    const parsed = new URL(url);
    parsed.protocol = protocol;
    return parsed.href;
  };
  const resolve = (url: string): string => {
    const k = key(url);
    return redirected.get(k)?.finalUrl ?? k;
  };
  const inlinks = new Map<string, Set<string>>();
  const linkers = new Map<string, Set<string>>();
  const outlinks = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, k: string, v: string) => {
    let set = map.get(k);
    if (!set) map.set(k, (set = new Set()));
    set.add(v);
  };
  for (const page of pages) {
    if (!isHtmlPage(page)) continue;
    const from = key(page.finalUrl);
    for (const raw of page.facts.internalLinks) {
      const linked = key(raw);
      const to = resolve(linked);
      if (to === from) continue;
      add(linkers, linked, from);
      add(inlinks, to, from);
      add(outlinks, from, to);
    }
  }
  const clickDepth = new Map<string, number>();
  const home = key(start.finalUrl);
  clickDepth.set(home, 0);
  for (let level = [home], depth = 1; level.length > 0; depth++) {
    const next: string[] = [];
    for (const from of level) {
      for (const to of outlinks.get(from) ?? []) {
        if (clickDepth.has(to)) continue;
        clickDepth.set(to, depth);
        next.push(to);
      }
    }
    level = next;
  }
  return { inlinks, linkers, clickDepth, redirected, resolve };
}
