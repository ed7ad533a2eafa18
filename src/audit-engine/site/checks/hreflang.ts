import type { CrawledPage, HtmlPage } from '../crawler/fetch-page.js';
import { normalizeUrl } from '../crawler/url.js';
import { hreflangProblem } from '../page/hreflang.js';
import { isIndexable } from './indexability.js';
import { NO_HTML_PAGES } from './page-rule.js';
import type { CheckSpec, SiteData, Verdict } from './types.js';

// hreflang annotations (<link rel="alternate" hreflang>) as Google documents them: valid codes,
// every version listing itself and the others, return links, targets that are live canonical
// pages, and an x-default for users no version fits. HTTP Link headers and sitemap
// <xhtml:link> annotations are not read.

const SOURCE = 'https://developers.google.com/search/docs/specialty/international/localized-versions';
const NONE = 'no crawled page has hreflang annotations';
const EXAMPLES = 5;

const key = (url: string): string => normalizeUrl(url) ?? url;

interface PageProblems {
  page: HtmlPage;
  problems: string[];
}

/** Crawled pages by requested and final URL. */
function crawledIndex(site: SiteData): Map<string, CrawledPage> {
  const index = new Map<string, CrawledPage>();
  for (const p of site.pages) {
    index.set(key(p.url), p);
    index.set(key(p.finalUrl), p);
  }
  return index;
}

/** What is wrong with an hreflang target that was crawled, or undefined when it is a live canonical page. */
function targetProblem(target: string, page: CrawledPage): string | undefined {
  if (page.error !== undefined) return `${target} failed: ${page.error}`;
  if ((page.status ?? 0) >= 400) return `${target} answers HTTP ${page.status}`;
  if (key(page.url) === key(target) && key(page.finalUrl) !== key(target))
    return `${target} redirects to ${page.finalUrl}`;
  if (!isIndexable(page)) return `${target} is not indexable (noindex or not HTML)`;
  const canonical = page.facts?.canonicalResolved;
  if (canonical && key(canonical) !== key(page.finalUrl))
    return `${target} has its canonical at ${canonical}`;
  return undefined;
}

function hreflangLinks(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  const annotated = site.htmlPages.filter((p) => p.facts.hreflang.length > 0);
  if (annotated.length === 0) return { score: undefined, reason: NONE };
  const crawled = crawledIndex(site);
  const notCrawled = new Set<string>();
  const failures: PageProblems[] = [];
  for (const page of annotated) {
    const self = key(page.finalUrl);
    const problems: string[] = [];
    const byLang = new Map<string, Set<string>>();
    for (const entry of page.facts.hreflang) {
      const invalid = hreflangProblem(entry.lang);
      if (invalid) problems.push(invalid);
      if (!entry.url) {
        problems.push(`hreflang="${entry.lang}" has no usable href ("${entry.href}")`);
        continue;
      }
      const lang = entry.lang.toLowerCase();
      byLang.set(lang, (byLang.get(lang) ?? new Set()).add(key(entry.url)));
    }
    for (const [lang, urls] of byLang) {
      if (urls.size > 1) problems.push(`hreflang="${lang}" points at ${urls.size} different URLs`);
    }
    const targets = new Set([...byLang.values()].flatMap((s) => [...s]));
    if (!targets.has(self) && !targets.has(key(page.url))) problems.push('the page does not list itself');
    for (const target of targets) {
      if (target === self || target === key(page.url)) continue;
      const other = crawled.get(target);
      if (!other) {
        notCrawled.add(target);
        continue;
      }
      const problem = targetProblem(target, other);
      if (problem) {
        problems.push(problem);
        continue;
      }
      const back = (other.facts?.hreflang ?? []).some(
        (e) => e.url && [self, key(page.url)].includes(key(e.url)),
      );
      if (!back) problems.push(`${target} does not link back (no return hreflang)`);
    }
    if (problems.length > 0) failures.push({ page, problems: [...new Set(problems)] });
  }
  const unverified =
    notCrawled.size > 0
      ? ` Not crawled, so not verified: ${[...notCrawled].slice(0, 3).join(', ')}${notCrawled.size > 3 ? ` (+${notCrawled.size - 3} more)` : ''}.`
      : '';
  const score = 1 - failures.length / annotated.length;
  if (failures.length === 0) {
    if (!unverified) return { score };
    return {
      score,
      finding: {
        severity: 'INFO',
        title: 'hreflang targets outside the crawl',
        detail: `${notCrawled.size} hreflang target(s) were not among the crawled pages.${unverified}`,
        recommendation: 'Raise the page limit, or link the language versions to each other, to verify them.',
        urls: annotated.map((p) => p.finalUrl),
      },
    };
  }
  return {
    score,
    finding: {
      severity: 'MEDIUM',
      title: 'Broken hreflang annotations',
      detail: `${failures.length} of ${annotated.length} pages with hreflang: ${failures
        .slice(0, EXAMPLES)
        .map((f) => `${f.page.finalUrl}: ${f.problems.slice(0, 6).join('; ')}`)
        .join(' | ')}.${unverified}`,
      recommendation:
        'On every language version, list all versions including itself with valid codes (en, en-GB, de-AT, x-default), pointing at live canonical URLs, and make every link reciprocal.',
      urls: failures.map((f) => f.page.finalUrl),
    },
  };
}

function xDefault(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  const annotated = site.htmlPages.filter(
    (p) => new Set(p.facts.hreflang.map((e) => e.lang.toLowerCase())).size >= 2,
  );
  if (annotated.length === 0)
    return { score: undefined, reason: 'no crawled page lists two or more language versions' };
  const lacking = annotated.filter(
    (p) => !p.facts.hreflang.some((e) => e.lang.toLowerCase() === 'x-default'),
  );
  const score = 1 - lacking.length / annotated.length;
  if (lacking.length === 0) return { score };
  return {
    score,
    finding: {
      severity: 'LOW',
      title: 'Language versions without x-default',
      detail: `${lacking.length} of ${annotated.length} pages list language versions but no hreflang="x-default": ${lacking
        .slice(0, EXAMPLES)
        .map((p) => p.finalUrl)
        .join(', ')}.`,
      recommendation:
        'Add <link rel="alternate" hreflang="x-default" href="…"> pointing at the version for users no language matches (often a language chooser or the main version).',
      urls: lacking.map((p) => p.finalUrl),
    },
  };
}

export const hreflangChecks: CheckSpec[] = [
  {
    checkId: 'indexability.hreflang',
    category: 'indexability',
    weight: 2,
    title: 'hreflang annotations are valid and reciprocal',
    description:
      'On pages with <link rel="alternate" hreflang> annotations: every value must be x-default or a language[-script][-region] code (ISO 639, ISO 15924, ISO 3166-1 alpha-2; "en_US", "en-UK", "en-EU" and a region alone fail); one value must not point at two URLs; the page must list itself; every target among the crawled pages must answer 2xx without redirect, be indexable and self-canonical, and link back. Targets outside the crawl are listed as not verified. Score: share of annotated pages without a problem.',
    rationale:
      'Engines use hreflang to send each user (and each answer language) to the right version; Google ignores annotations that are invalid, not reciprocal or point at redirects and non-canonical pages, so the wrong version may be shown or cited.',
    source: SOURCE,
    run: hreflangLinks,
  },
  {
    checkId: 'indexability.hreflang-x-default',
    category: 'indexability',
    weight: 1,
    title: 'Language versions name an x-default',
    description:
      'On pages listing two or more hreflang values: passes when one of them is x-default. Score: share of such pages with an x-default.',
    rationale:
      'x-default tells engines which version to use when no listed language or region fits the user; without it they choose one themselves.',
    source: SOURCE,
    run: xDefault,
  },
];
