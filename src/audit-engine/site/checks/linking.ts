import type { Severity } from '../../report.js';
import { isSameSite, normalizeUrl } from '../crawler/url.js';
import type { CheckSpec, SiteData, Verdict } from './types.js';

// Internal linking, from the link graph of the crawled pages (crawler/linking.ts): links to broken
// or redirecting URLs (with the pages that carry them), sitemap pages nothing links to, and pages
// many clicks away from the start page.

const LINKS_DOC = 'https://developers.google.com/search/docs/crawling-indexing/links-crawlable';
const SITEMAPS_DOC = 'https://developers.google.com/search/docs/crawling-indexing/sitemaps/overview';
const STRUCTURE_DOC = 'https://developers.google.com/search/docs/fundamentals/seo-starter-guide';

/** Clicks from the start page beyond which a page counts as buried. */
export const MAX_CLICK_DEPTH = 3;
const EXAMPLES = 5;
/** Linking pages named per broken or redirecting target. */
const LINKERS_NAMED = 3;

const listed = <T>(items: T[], show: (item: T) => string): string => {
  const more = items.length > EXAMPLES ? `; and ${items.length - EXAMPLES} more` : '';
  return `${items.slice(0, EXAMPLES).map(show).join('; ')}${more}`;
};

const from = (linkers: Set<string>): string => {
  const all = [...linkers];
  const more = all.length > LINKERS_NAMED ? ` and ${all.length - LINKERS_NAMED} more` : '';
  return `linked from ${all.slice(0, LINKERS_NAMED).join(', ')}${more}`;
};

/** Linked URLs the crawl fetched, with the pages linking to them. */
function linkedTargets(site: SiteData) {
  return site.pages.flatMap((page) => {
    const linkers = site.links.linkers.get(page.url);
    return linkers && linkers.size > 0 ? [{ page, linkers }] : [];
  });
}

function brokenLinks(site: SiteData): Verdict {
  const targets = linkedTargets(site);
  if (targets.length === 0) return { score: undefined, reason: 'no internal link led to a crawled URL' };
  const broken = targets.filter(({ page }) => page.error !== undefined || (page.status ?? 0) >= 400);
  const score = 1 - broken.length / targets.length;
  if (broken.length === 0) return { score };
  const serverSide = broken.some(({ page }) => page.error !== undefined || (page.status ?? 0) >= 500);
  return {
    score,
    finding: {
      severity: serverSide ? 'HIGH' : 'MEDIUM',
      title: 'Internal links lead to broken pages',
      detail: `${broken.length} of ${targets.length} internally linked URLs fail: ${listed(broken, ({ page, linkers }) => `${page.url} (${page.error ?? `HTTP ${page.status}`}) ${from(linkers)}`)}.`,
      recommendation:
        'Update or remove these links on the pages listed (or redirect the broken URLs to their replacements with a 301): crawlers and AI fetchers following them find nothing to index or quote.',
      urls: [...new Set(broken.flatMap(({ linkers }) => [...linkers]))],
    },
  };
}

function redirectingLinks(site: SiteData): Verdict {
  const host = new URL(site.home.finalUrl).host;
  const fetched = new Set(site.pages.map((p) => p.url));
  const judged = [...site.links.linkers].filter(
    ([url]) => isSameSite(url, host) && (site.links.redirected.has(url) || fetched.has(url)),
  );
  if (judged.length === 0) return { score: undefined, reason: 'no internal link led to a crawled URL' };
  const redirecting = judged.flatMap(([url, linkers]) => {
    const hop = site.links.redirected.get(url);
    return hop ? [{ url, linkers, ...hop }] : [];
  });
  const chains = redirecting.filter((r) => r.hops > 1);
  const score = 1 - chains.length / judged.length;
  if (redirecting.length === 0) return { score };
  const show = (r: (typeof redirecting)[number]) =>
    `${r.url} → ${r.finalUrl} (${r.hops} hop${r.hops > 1 ? 's' : ''}) ${from(r.linkers)}`;
  if (chains.length === 0) {
    return {
      score,
      finding: {
        severity: 'INFO',
        title: 'Internal links go through a redirect',
        detail: `${redirecting.length} of ${judged.length} internally linked URLs redirect once: ${listed(redirecting, show)}.`,
        recommendation: 'Optional: link straight to the final URL to save crawlers a request per link.',
        urls: [...new Set(redirecting.flatMap((r) => [...r.linkers]))],
      },
    };
  }
  return {
    score,
    finding: {
      severity: 'MEDIUM',
      title: 'Internal links go through redirect chains',
      detail: `${chains.length} of ${judged.length} internally linked URLs redirect 2 times or more: ${listed(chains, show)}.`,
      recommendation:
        'Link straight to the final URL (and make old URLs redirect to it in one hop): every hop costs crawlers a request, and chains make some give up before the page.',
      urls: [...new Set(chains.flatMap((r) => [...r.linkers]))],
    },
  };
}

function orphans(site: SiteData): Verdict {
  const host = new URL(site.home.finalUrl).host;
  const sitemapPages = [
    ...new Set(
      site.sitemaps.entries
        .map((e) => normalizeUrl(e.loc))
        .filter((u): u is string => u !== undefined && isSameSite(u, host))
        .map((u) => site.links.resolve(u)),
    ),
  ];
  const crawledHtml = new Set(site.htmlPages.map((p) => p.finalUrl));
  const judged = sitemapPages.filter(
    (u) => crawledHtml.has(u) && u !== site.links.resolve(site.home.finalUrl),
  );
  if (judged.length === 0) {
    return {
      score: undefined,
      reason:
        site.sitemaps.entries.length === 0
          ? 'no sitemap lists pages to compare with the links'
          : 'no sitemap page other than the start page was crawled',
    };
  }
  if (!site.crawl.complete) {
    return {
      score: undefined,
      reason: `the crawl stopped at a bound (${site.crawl.limitsReached.join(', ')}): pages it did not fetch may link to the sitemap pages`,
    };
  }
  const orphaned = judged.filter((u) => (site.links.inlinks.get(u)?.size ?? 0) === 0);
  const score = 1 - orphaned.length / judged.length;
  if (orphaned.length === 0) return { score };
  return {
    score,
    finding: {
      severity: 'MEDIUM',
      title: 'Sitemap pages that no page links to',
      detail: `${orphaned.length} of ${judged.length} crawled sitemap pages have no internal link from any of the ${site.htmlPages.length} crawled pages: ${listed(orphaned, (u) => u)}.`,
      recommendation:
        'Link to these pages from relevant pages or the navigation: engines discover and weigh pages through links, and a page known only from the sitemap is treated as unimportant.',
      urls: orphaned,
    },
  };
}

function clickDepth(site: SiteData): Verdict {
  const reachable = site.htmlPages.flatMap((page) => {
    const depth = site.links.clickDepth.get(page.finalUrl);
    return depth === undefined ? [] : [{ page, depth }];
  });
  if (reachable.length === 0) return { score: undefined, reason: 'no crawled page is reachable by links' };
  const deep = reachable.filter((r) => r.depth > MAX_CLICK_DEPTH);
  const score = 1 - deep.length / reachable.length;
  if (deep.length === 0) return { score };
  const severity: Severity = deep.some((r) => r.depth > MAX_CLICK_DEPTH + 2) ? 'MEDIUM' : 'LOW';
  return {
    score,
    finding: {
      severity,
      title: `Pages more than ${MAX_CLICK_DEPTH} clicks from the start page`,
      detail: `${deep.length} of ${reachable.length} pages reachable by links need more than ${MAX_CLICK_DEPTH} clicks from ${site.home.finalUrl}: ${listed(deep, (r) => `${r.page.finalUrl} (${r.depth} clicks)`)}.`,
      recommendation: `Link important pages from the start page, hub pages or the navigation so that each is at most ${MAX_CLICK_DEPTH} clicks away; deep pages are crawled less often and weigh less.`,
      urls: deep.map((r) => r.page.finalUrl),
    },
  };
}

export const linkingChecks: CheckSpec[] = [
  {
    checkId: 'indexability.broken-internal-links',
    category: 'indexability',
    weight: 2,
    title: 'Internal links lead to pages that load',
    description:
      'Every internal link on a crawled page whose target the crawl fetched is judged: the target fails when it answers HTTP 400 or above or cannot be fetched. The finding names each broken URL with the pages linking to it; its URLs are the linking pages to fix. Score: share of linked URLs that load; HIGH for 5xx and network failures.',
    rationale:
      'Crawlers discover pages through links; a link to a broken URL wastes their request and leaves the topic it promised without a page to index, quote or cite.',
    source: LINKS_DOC,
    run: brokenLinks,
  },
  {
    checkId: 'indexability.internal-link-redirects',
    category: 'indexability',
    weight: 1,
    title: 'Internal links reach their page in at most one redirect',
    description:
      'Every internal link whose target the crawl fetched: the link fails when its URL goes through a redirect chain (2 hops or more; the finding names the final URL, the hops and the linking pages). Links through a single redirect are listed in an INFO note. Score: share of linked URLs reached without a chain.',
    rationale:
      'A redirect costs crawlers an extra request per link and chains make some stop early; linking to the final URL also consolidates signals on the URL engines index and cite.',
    source: 'https://developers.google.com/search/docs/crawling-indexing/301-redirects',
    run: redirectingLinks,
  },
  {
    checkId: 'indexability.orphan-pages',
    category: 'indexability',
    weight: 1,
    title: 'Sitemap pages are linked from the site',
    description:
      'Sitemap URLs of the site that were crawled as HTML pages (the start page aside): a page fails when no crawled page links to it (directly or through a redirect). Only judged after a complete crawl: when a bound stopped the crawl, uncrawled pages might link to it, and the check says so instead of guessing. Score: share of sitemap pages linked.',
    rationale:
      'A sitemap helps discovery, but engines weigh a page by the links that reach it: a page only the sitemap knows (an orphan) is crawled rarely and treated as unimportant.',
    source: SITEMAPS_DOC,
    run: orphans,
  },
  {
    checkId: 'indexability.click-depth',
    category: 'indexability',
    weight: 1,
    title: `Pages are at most ${MAX_CLICK_DEPTH} clicks from the start page`,
    description: `Click depth is counted breadth-first along the links of the crawled pages from the start page (not the crawl order, which starts sitemap URLs at depth 1); a page reachable by links fails when it needs more than ${MAX_CLICK_DEPTH} clicks. Pages no link reaches are the orphan check's. Score: share of reachable pages within ${MAX_CLICK_DEPTH} clicks; MEDIUM beyond ${MAX_CLICK_DEPTH + 2}.`,
    rationale:
      'Google advises a hierarchy where important pages are a few links from the home page: crawlers reach deep pages later and less often, and link depth is read as a sign of lesser importance.',
    source: STRUCTURE_DOC,
    run: clickDepth,
  },
];
