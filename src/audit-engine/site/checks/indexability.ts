import type { HtmlPage } from '../crawler/fetch-page.js';
import { isHome, runPageRule } from './page-rule.js';
import type { Check, CheckResult, SiteData } from './types.js';

/** Directives from <meta name=robots> and the X-Robots-Tag header ("googlebot: noindex" counts too). */
function directives(page: HtmlPage): string[] {
  const header = (page.xRobotsTag ?? '')
    .toLowerCase()
    .split(',')
    .map((d) => d.replace(/^[\w-]+:\s*(?=[a-z-]+(?::|$))/, '').trim());
  return [...page.facts.metaRobots, ...header].filter(Boolean);
}

function source(page: HtmlPage, directive: string): string {
  return page.facts.metaRobots.some((d) => d.startsWith(directive))
    ? '<meta name="robots">'
    : 'X-Robots-Tag header';
}

function httpErrors(site: SiteData): CheckResult {
  const base = { id: 'indexability.http-errors', category: 'indexability' as const, weight: 5 };
  const failed = site.pages.filter((p) => p.error !== undefined || (p.status ?? 0) >= 400);
  const score = 1 - failed.length / site.pages.length;
  if (failed.length === 0) return { ...base, score };
  const homeFailed = failed.some((p) => p.url === site.home.url);
  const serverError = failed.some((p) => p.error !== undefined || (p.status ?? 0) >= 500);
  const examples = failed.slice(0, 5).map((p) => `${p.url}: ${p.error ?? `HTTP ${p.status}`}`);
  return {
    ...base,
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

const noindex: Check = (site) =>
  runPageRule(
    {
      id: 'indexability.noindex',
      category: 'indexability',
      weight: 5,
      title: 'Pages tell search and answer engines not to index them',
      recommendation:
        'Remove "noindex" (meta robots or X-Robots-Tag) from pages that should appear in search and AI answers.',
      severity: (failed, s) => (failed.some((p) => isHome(p, s)) ? 'CRITICAL' : 'HIGH'),
      problem: (page) => {
        const hit = directives(page).find((d) => d === 'noindex' || d === 'none');
        return hit ? `"${hit}" in ${source(page, hit)}` : undefined;
      },
    },
    site,
  );

/** max-snippet below this many characters leaves too little text to quote in an answer. */
const MIN_SNIPPET = 50;

const snippetRestrictions: Check = (site) =>
  runPageRule(
    {
      id: 'indexability.snippet-restrictions',
      category: 'indexability',
      weight: 3,
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
    site,
  );

const canonicalMissing: Check = (site) =>
  runPageRule(
    {
      id: 'indexability.canonical-missing',
      category: 'indexability',
      weight: 1,
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
    site,
  );

const canonicalConflict: Check = (site) =>
  runPageRule(
    {
      id: 'indexability.canonical-conflict',
      category: 'indexability',
      weight: 2,
      title: 'Canonical URLs that send engines elsewhere',
      recommendation:
        'Point each canonical at a live (200) URL on this site, normally the page itself; a canonical to another host hands your page’s visibility to that host.',
      severity: (failed) =>
        failed.some((p) => new URL(p.facts.canonicalResolved ?? p.finalUrl).host !== new URL(p.finalUrl).host)
          ? 'HIGH'
          : 'MEDIUM',
      applies: ({ facts }) => facts.canonicalResolved !== undefined,
      problem: (page, s) => {
        const target = page.facts.canonicalResolved ?? '';
        if (page.facts.canonicalCount > 1) return `${page.facts.canonicalCount} canonical links`;
        if (new URL(target).host !== new URL(page.finalUrl).host)
          return `canonical points to another host: ${target}`;
        const crawled = s.pages.find((p) => p.url === target);
        if (crawled && crawled.finalUrl !== target)
          return `canonical ${target} redirects to ${crawled.finalUrl}`;
        if (crawled && (crawled.status ?? 0) >= 400)
          return `canonical ${target} answers HTTP ${crawled.status}`;
        return undefined;
      },
    },
    site,
  );

const redirectChains: Check = (site) =>
  runPageRule(
    {
      id: 'indexability.redirect-chains',
      category: 'indexability',
      weight: 1,
      title: 'Redirect chains',
      recommendation:
        'Redirect old URLs straight to the final URL in one hop and link to final URLs directly.',
      severity: 'LOW',
      problem: (page) =>
        page.redirects.length > 1
          ? `${page.redirects.length} hops: ${[...page.redirects.map((r) => r.url), page.finalUrl].join(' → ')}`
          : undefined,
    },
    site,
  );

export const indexabilityChecks: Check[] = [
  httpErrors,
  noindex,
  snippetRestrictions,
  canonicalMissing,
  canonicalConflict,
  redirectChains,
];
