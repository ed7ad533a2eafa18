import type { CrawledPage, HtmlPage } from '../crawler/fetch-page.js';
import { isHtmlPage } from '../crawler/fetch-page.js';
import { xRobotsByAgent } from '../crawler/bot-meta.js';
import { isHome, pageCheck } from './page-rule.js';
import type { CheckSpec, SiteData, Verdict } from './types.js';

/**
 * Directives from <meta name=robots|googlebot|bingbot> and the X-Robots-Tag rules for every crawler
 * or for Googlebot and Bingbot (the search indexes); rules addressed to other crawlers by name are
 * ai_access.bot-directives'.
 */
function directives(page: HtmlPage): string[] {
  const header = xRobotsByAgent(page.xRobotsTag);
  return [...page.facts.metaRobots, ...['*', 'googlebot', 'bingbot'].flatMap((agent) => header[agent] ?? [])];
}

/** The noindex directive (`noindex` or `none`) a page carries, if any. */
export function noindexDirective(page: HtmlPage): string | undefined {
  return directives(page).find((d) => d === 'noindex' || d === 'none');
}

/** 2xx HTML without noindex in meta robots or X-Robots-Tag: what the noindex check accepts. */
export function isIndexable(page: CrawledPage): boolean {
  return isHtmlPage(page) && page.status >= 200 && page.status < 300 && !noindexDirective(page);
}

function source(page: HtmlPage, directive: string): string {
  return page.facts.metaRobots.some((d) => d.startsWith(directive))
    ? '<meta name="robots">'
    : 'X-Robots-Tag header';
}

function httpErrors(site: SiteData): Verdict {
  const failed = site.pages.filter((p) => p.error !== undefined || (p.status ?? 0) >= 400);
  const score = 1 - failed.length / site.pages.length;
  if (failed.length === 0) return { score };
  const homeFailed = failed.some((p) => p.url === site.home.url);
  const serverError = failed.some((p) => p.error !== undefined || (p.status ?? 0) >= 500);
  const examples = failed.slice(0, 5).map((p) => `${p.url}: ${p.error ?? `HTTP ${p.status}`}`);
  return {
    score,
    finding: {
      severity: homeFailed ? 'CRITICAL' : serverError ? 'HIGH' : 'MEDIUM',
      title: 'Pages answer with errors',
      detail: `${failed.length} of ${site.pages.length} crawled pages failed: ${examples.join('; ')}${failed.length > 5 ? '; …' : ''}.`,
      recommendation:
        'Fix or redirect (301) broken URLs and update the internal links pointing at them; investigate 5xx errors and timeouts in your server logs.',
      urls: failed.map((p) => p.url),
    },
  };
}

/** max-snippet below this many characters leaves too little text to quote in an answer. */
const MIN_SNIPPET = 50;

export const indexabilityChecks: CheckSpec[] = [
  {
    checkId: 'indexability.http-errors',
    category: 'indexability',
    weight: 5,
    title: 'Crawled pages load without errors',
    description:
      'Every page the crawl requested (start page, linked pages, sitemap URLs) must answer below HTTP 400 without a network error, timeout or refused redirect. Score: share of pages loading; CRITICAL when the start page fails, HIGH for 5xx and network errors, else MEDIUM.',
    rationale:
      'A page that answers 4xx/5xx or times out cannot be indexed or fetched live, so no answer engine can quote it; broken internal links also waste the crawl budget of AI crawlers.',
    source: 'https://developers.google.com/search/docs/crawling-indexing/http-network-errors',
    run: httpErrors,
  },
  pageCheck(
    {
      checkId: 'indexability.noindex',
      category: 'indexability',
      weight: 5,
      title: 'Pages allow indexing',
      description:
        'Reads <meta name="robots"> (and bot-specific variants such as googlebot) and the X-Robots-Tag header of every HTML page; "noindex" or "none" fails the page. Score: share of indexable pages; CRITICAL when the home page is noindex.',
      rationale:
        'noindex removes a page from search indexes, and with them from Google AI Overviews, Bing Copilot and the other answer engines built on those indexes.',
      source: 'https://developers.google.com/search/docs/crawling-indexing/block-indexing',
    },
    {
      title: 'Pages tell search and answer engines not to index them',
      recommendation:
        'Remove "noindex" (meta robots or X-Robots-Tag) from pages that should appear in search and AI answers.',
      severity: (failed, s) => (failed.some((p) => isHome(p, s)) ? 'CRITICAL' : 'HIGH'),
      problem: (page) => {
        const hit = noindexDirective(page);
        return hit ? `"${hit}" in ${source(page, hit)}` : undefined;
      },
    },
  ),
  pageCheck(
    {
      checkId: 'indexability.snippet-restrictions',
      category: 'indexability',
      weight: 3,
      title: 'Pages allow snippets long enough to quote',
      description: `Reads robots meta tags and X-Robots-Tag of every HTML page; "nosnippet", or "max-snippet" below ${MIN_SNIPPET} characters (max-snippet:-1 means no limit), fails the page. Score: share of pages passing.`,
      rationale:
        'Google applies snippet controls to AI Overviews and AI Mode: a page under nosnippet or a tiny max-snippet can be indexed yet never quoted in an AI answer.',
      source: 'https://developers.google.com/search/docs/crawling-indexing/robots-meta-tag',
    },
    {
      title: 'Snippet restrictions keep pages from being quoted',
      recommendation:
        'Remove "nosnippet" and raise or drop "max-snippet" (use max-snippet:-1): answer engines such as Google AI Overviews only quote what snippet rules allow.',
      severity: 'HIGH',
      problem: (page) => {
        const all = directives(page);
        if (all.includes('nosnippet')) return `"nosnippet" in ${source(page, 'nosnippet')}`;
        const max = all.find((d) => d.startsWith('max-snippet:'));
        const value = max ? Number(max.split(':')[1]) : NaN;
        return max && value >= 0 && value < MIN_SNIPPET
          ? `"${max}" in ${source(page, 'max-snippet')}`
          : undefined;
      },
    },
  ),
  pageCheck(
    {
      checkId: 'indexability.canonical-missing',
      category: 'indexability',
      weight: 1,
      title: 'Every page declares an absolute canonical URL',
      description:
        'Checks every HTML page for <link rel="canonical">; a page fails without one, when its href cannot be resolved, or when it is relative instead of an absolute http(s) URL. Score: share of pages passing.',
      rationale:
        'The canonical tells engines which of several duplicate URLs to index and cite, so signals (links, citations) consolidate on one URL instead of splitting across variants.',
      source: 'https://developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls',
    },
    {
      title: 'Pages without a usable canonical URL',
      recommendation:
        'Give every page one absolute <link rel="canonical" href="https://…"> pointing at itself (or at the preferred duplicate).',
      severity: 'LOW',
      problem: ({ facts }) => {
        if (facts.canonicalCount === 0 || !facts.canonical) return 'no canonical link';
        if (!facts.canonicalResolved) return `unusable canonical "${facts.canonical}"`;
        if (!/^https?:\/\//i.test(facts.canonical)) return `relative canonical "${facts.canonical}"`;
        return undefined;
      },
    },
  ),
  pageCheck(
    {
      checkId: 'indexability.canonical-conflict',
      category: 'indexability',
      weight: 2,
      title: 'Each page names one canonical URL on the same site',
      description:
        'On pages with a canonical link: fails when there is more than one canonical link or the canonical is on another host. Score: share of pages passing; HIGH when a canonical points to another host. Whether the target itself is live, final and indexable is indexability.canonical-target.',
      rationale:
        'Engines follow the canonical: one that points elsewhere hands the page’s indexing and citations to that URL (or host), and one that is broken or redirects makes engines ignore the hint.',
      source: 'https://developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls',
    },
    {
      title: 'Canonical URLs that send engines elsewhere',
      recommendation:
        'Point each canonical at a live (200) URL on this site, normally the page itself; a canonical to another host hands your page’s visibility to that host.',
      severity: (failed) =>
        failed.some((p) => new URL(p.facts.canonicalResolved ?? p.finalUrl).host !== new URL(p.finalUrl).host)
          ? 'HIGH'
          : 'MEDIUM',
      applies: ({ facts }) => facts.canonicalResolved !== undefined,
      notApplicable: 'no crawled page declares a usable canonical URL',
      problem: (page) => {
        const target = page.facts.canonicalResolved ?? '';
        if (page.facts.canonicalCount > 1) return `${page.facts.canonicalCount} canonical links`;
        if (new URL(target).host !== new URL(page.finalUrl).host)
          return `canonical points to another host: ${target}`;
        return undefined;
      },
    },
  ),
  pageCheck(
    {
      checkId: 'indexability.redirect-chains',
      category: 'indexability',
      weight: 1,
      title: 'Redirects reach the final URL in one hop',
      description:
        'Follows the redirects of every HTML page; more than one hop between the requested and the final URL fails the page. Score: share of pages reached in at most one hop.',
      rationale:
        'Each hop costs crawlers a request and some give up after a few; chains slow discovery and can leave AI crawlers and live fetchers without the page.',
      source: 'https://developers.google.com/search/docs/crawling-indexing/301-redirects',
    },
    {
      title: 'Redirect chains',
      recommendation:
        'Redirect old URLs straight to the final URL in one hop and link to final URLs directly.',
      severity: 'LOW',
      problem: (page) =>
        page.redirects.length > 1
          ? `${page.redirects.length} hops: ${[...page.redirects.map((r) => r.url), page.finalUrl].join(' → ')}`
          : undefined,
    },
  ),
];
