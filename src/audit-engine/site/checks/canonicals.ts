import type { CanonicalTarget } from '../crawler/canonicals.js';
import type { HtmlPage } from '../crawler/fetch-page.js';
import { isHtmlPage } from '../crawler/fetch-page.js';
import { noindexDirective } from './indexability.js';
import { pageCheck } from './page-rule.js';
import type { CheckSpec, SiteData } from './types.js';

// Canonical targets verified (crawler/canonicals.ts fetched the ones the crawl had not): a
// canonical engines follow must lead to a live, indexable, final URL that names itself canonical.

const CONSOLIDATE = 'https://developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls';
const PAGINATION =
  'https://developers.google.com/search/docs/specialty/ecommerce/pagination-and-incremental-page-loading';

/** Steps followed along canonical links to find a loop. */
const MAX_CHAIN = 5;

/** The page's canonical target when it points at another URL (a self-canonical needs no check). */
function otherTarget(page: HtmlPage, site: SiteData): CanonicalTarget | undefined {
  const url = page.facts.canonicalResolved;
  if (!url || url === page.finalUrl || url === page.url) return undefined;
  return site.canonicals.get(url);
}

const canonicalOf = (target: CanonicalTarget): string | undefined => {
  const page = target.page;
  return page && isHtmlPage(page) ? page.facts.canonicalResolved : undefined;
};

/** The canonicals from `page` on: [page, target, the target's canonical, …], and whether they loop back. */
function chain(page: HtmlPage, site: SiteData): { hops: string[]; loop: boolean } {
  const hops = [page.finalUrl];
  const seen = new Set([page.finalUrl, page.url]);
  let next = page.facts.canonicalResolved;
  while (next && hops.length <= MAX_CHAIN) {
    if (seen.has(next)) return { hops: [...hops, next], loop: true };
    hops.push(next);
    seen.add(next);
    const target = site.canonicals.get(next);
    const after = target ? canonicalOf(target) : undefined;
    if (!after || after === next) break;
    next = after;
  }
  return { hops, loop: false };
}

/** Problems that only cost a hop (MEDIUM); every other one loses the page's signals (HIGH). */
const MINOR = /^canonical (?:\S+ redirects to|chain:)/;

function targetProblem(page: HtmlPage, site: SiteData): string | undefined {
  const target = otherTarget(page, site);
  if (!target || target.source === 'not-fetched') return undefined;
  const url = target.url;
  if (target.error !== undefined && target.status === undefined)
    return `canonical ${url} failed: ${target.error}`;
  if ((target.status ?? 0) >= 400) return `canonical ${url} answers HTTP ${target.status}`;
  if (target.finalUrl) return `canonical ${url} redirects to ${target.finalUrl}`;
  const targetPage = target.page;
  if (targetPage && isHtmlPage(targetPage)) {
    const noindex = noindexDirective(targetPage);
    if (noindex) return `canonical ${url} is "${noindex}"`;
  }
  const { hops, loop } = chain(page, site);
  if (loop) return `canonical loop: ${hops.join(' → ')}`;
  if (hops.length > 2) return `canonical chain: ${hops.join(' → ')}`;
  return undefined;
}

/** Page numbers in a URL: ?page=3, ?p=3, ?pg=3, /page/3. */
function pageNumber(url: URL): number | undefined {
  for (const key of ['page', 'p', 'pg', 'paged']) {
    const value = url.searchParams.get(key);
    if (value && /^\d+$/.test(value)) return Number(value);
  }
  const path = /\/page\/(\d+)\/?$/.exec(url.pathname);
  return path ? Number(path[1]) : undefined;
}

/** Query parameters that make a duplicate of the same content (sorting, views, sessions, click ids). */
const DUPLICATE_PARAMS =
  /^(?:sort|sortby|order|orderby|dir|view|display|filter|sessionid|session|sid|phpsessid|ref|fbclid|gclid|msclkid|mc_cid|mc_eid)$/i;
const duplicateParams = (url: URL): string[] =>
  [...new Set(url.searchParams.keys())].filter((key) => DUPLICATE_PARAMS.test(key));

function paginationProblem(page: HtmlPage): string | undefined {
  const url = new URL(page.finalUrl);
  const canonical = page.facts.canonicalResolved;
  const n = pageNumber(url);
  if (n !== undefined && n >= 2 && canonical && canonical !== page.finalUrl) {
    return `page ${n} of a series names ${canonical} canonical: its items drop out of the index`;
  }
  const params = duplicateParams(url);
  if (params.length > 0 && canonical) {
    const target = new URL(canonical);
    const kept = params.filter((key) => target.searchParams.has(key));
    if (kept.length > 0)
      return `a ${kept.join(', ')} variant names itself (${canonical}) canonical instead of the URL without it`;
  }
  return undefined;
}

const isVariantUrl = (page: HtmlPage): boolean => {
  const url = new URL(page.finalUrl);
  return (pageNumber(url) ?? 0) >= 2 || duplicateParams(url).length > 0;
};

export const canonicalChecks: CheckSpec[] = [
  pageCheck(
    {
      checkId: 'indexability.canonical-target',
      category: 'indexability',
      weight: 3,
      title: 'Canonical targets are live, indexable and final',
      description: `For every page whose canonical names another URL on the site, the target is verified: read from the crawl or fetched (at most 20 distinct targets beyond the crawl, robots.txt obeyed; targets on other hosts are judged by indexability.canonical-conflict). The page fails when the target fails or answers HTTP 400 or above, redirects, is noindex, or itself names another canonical (a chain; back to the page: a loop, up to ${MAX_CHAIN} steps). Score: share of such pages passing; HIGH for broken, noindex and looping targets.`,
      rationale:
        'Google treats a canonical as a strong hint only when it points at the indexable, final version of the page; a target that is broken, redirects, is noindex or points on again is ignored or misread, and the page’s signals and citations split or vanish.',
      source: CONSOLIDATE,
    },
    {
      title: 'Canonical links lead to broken, redirected, noindex or chained URLs',
      recommendation:
        'Point each canonical straight at the final, 200, indexable URL that names itself canonical; update canonicals after moving pages, and never canonicalise to a noindex page.',
      severity: (failed, site) =>
        failed.every((p) => MINOR.test(targetProblem(p, site) ?? '')) ? 'MEDIUM' : 'HIGH',
      applies: (page, site) => {
        const target = otherTarget(page, site);
        return target !== undefined && target.source !== 'not-fetched';
      },
      notApplicable: 'no crawled page names another URL of the site as canonical',
      problem: targetProblem,
    },
  ),
  pageCheck(
    {
      checkId: 'indexability.canonical-pagination',
      category: 'indexability',
      weight: 1,
      title: 'Paginated and parameter URLs canonicalise the right way',
      description:
        'On crawled pages numbered 2 or more (?page=, ?p=, ?pg=, /page/N): fails when the canonical names another URL (often page 1). On URLs with a sorting, view, session or click-id parameter (sort, order, view, filter, sessionid, sid, ref, fbclid, gclid, …): fails when the canonical keeps that parameter instead of naming the URL without it. Score: share of such pages passing.',
      rationale:
        'Google asks that each page of a paginated series be its own canonical (canonicalising page 2 to page 1 drops the items only page 2 lists), while parameter variants that show the same content should name the clean URL so signals consolidate on it.',
      source: PAGINATION,
    },
    {
      title: 'Paginated or parameter URLs with a misleading canonical',
      recommendation:
        'Give each page of a series its own self-referencing canonical (…?page=2 names …?page=2); on sorting, view, session and tracking variants, name the URL without the parameter.',
      severity: 'MEDIUM',
      applies: isVariantUrl,
      notApplicable: 'no crawled page has a paginated or parameter URL',
      problem: paginationProblem,
    },
  ),
];
