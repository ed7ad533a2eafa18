import type { HtmlPage } from '../crawler/fetch-page.js';
import { normalizeUrl } from '../crawler/url.js';
import { NEAR_DUPLICATE_RESEMBLANCE, resemblance, SIGNATURE_SIZE } from '../page/shingles.js';
import { isIndexable } from './indexability.js';
import { NO_HTML_PAGES } from './page-rule.js';
import type { Category, CheckSpec, SiteData, Verdict } from './types.js';

// Content repeated across pages: the same title, description or H1 on several pages, bodies that
// are near copies, and pages with far less text than the rest of the site. Pages that already
// declare themselves duplicates (noindex, or a canonical pointing elsewhere) are left out: they
// have told engines which page to keep.

const DUPLICATES_DOC =
  'https://developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls';
/** Bodies shorter than this are not fingerprinted: a few words say nothing about copying. */
const MIN_FINGERPRINT_WORDS = 50;
/** Thin: under this many words of main content… */
const THIN_WORDS = 150;
/** …and under this share of the site's median page. */
const THIN_SHARE_OF_MEDIAN = 0.3;
/** The median needs a few pages to mean anything. */
const MIN_PAGES_FOR_MEDIAN = 3;
const EXAMPLES = 5;

const path = (url: string): string => {
  const u = new URL(url);
  return u.pathname + u.search;
};
const list = (items: string[], max = 4): string =>
  items.slice(0, max).join(', ') + (items.length > max ? ` (+${items.length - max} more)` : '');

/** Indexable pages that do not point their canonical at another URL. */
export function comparablePages(site: SiteData): HtmlPage[] {
  return site.htmlPages.filter((p) => {
    if (!isIndexable(p)) return false;
    const canonical = p.facts.canonicalResolved;
    return canonical === undefined || canonical === (normalizeUrl(p.finalUrl) ?? p.finalUrl);
  });
}

const NOT_ENOUGH = 'fewer than two indexable, self-canonical pages to compare';

function duplicateValues(
  site: SiteData,
  what: string,
  value: (page: HtmlPage) => string | undefined,
  recommendation: string,
): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  const pages = comparablePages(site).filter((p) => value(p) !== undefined);
  if (pages.length < 2) return { score: undefined, reason: NOT_ENOUGH };
  const groups = new Map<string, HtmlPage[]>();
  for (const page of pages) {
    const key = (value(page) ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), page]);
  }
  const repeated = [...groups.values()].filter((g) => g.length > 1).sort((a, b) => b.length - a.length);
  const duplicated = repeated.flat();
  const score = 1 - duplicated.length / pages.length;
  if (repeated.length === 0) return { score };
  const examples = repeated
    .slice(0, EXAMPLES)
    .map((g) => `“${value(g[0] as HtmlPage) ?? ''}” on ${list(g.map((p) => path(p.finalUrl)))}`);
  return {
    score,
    finding: {
      severity: 'LOW',
      title: `Pages sharing the same ${what}`,
      detail: `${duplicated.length} of ${pages.length} pages share their ${what} with another page: ${examples.join('; ')}${repeated.length > EXAMPLES ? `; and ${repeated.length - EXAMPLES} more groups` : ''}.`,
      recommendation,
      urls: duplicated.map((p) => p.finalUrl),
    },
  };
}

/**
 * The pairs of signatures that may resemble each other by `threshold` or more, each once as
 * [i, j] with i < j: those equal on at least one band of positions. Exact, not an estimate of
 * the estimate: two signatures that resemble by ≥ threshold differ in at most
 * ⌊(1 − threshold) × size⌋ positions, so among that many + 1 bands one has no difference
 * (pigeonhole). Near-linear for pages that differ, instead of comparing every pair.
 */
export function candidatePairs(
  signatures: readonly (readonly number[])[],
  threshold: number,
): [number, number][] {
  const size = SIGNATURE_SIZE;
  const bands = Math.floor((1 - threshold) * size) + 1;
  const pairs = new Set<number>();
  for (let band = 0; band < bands; band++) {
    const from = Math.floor((band * size) / bands);
    const to = Math.floor(((band + 1) * size) / bands);
    const buckets = new Map<string, number[]>();
    signatures.forEach((signature, index) => {
      const key = signature.slice(from, to).join(',');
      const bucket = buckets.get(key);
      if (bucket) bucket.push(index);
      else buckets.set(key, [index]);
    });
    for (const bucket of buckets.values())
      for (let a = 0; a < bucket.length; a++)
        for (let b = a + 1; b < bucket.length; b++)
          pairs.add((bucket[a] as number) * signatures.length + (bucket[b] as number));
  }
  return [...pairs]
    .sort((x, y) => x - y)
    .map((pair) => [Math.floor(pair / signatures.length), pair % signatures.length]);
}

/** Groups of pages whose main content is a near copy (estimated resemblance ≥ NEAR_DUPLICATE_RESEMBLANCE). */
export function nearDuplicateGroups(pages: HtmlPage[]): { pages: HtmlPage[]; resemblance: number }[] {
  const parent = pages.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const least = new Map<number, number>();
  const signatures = pages.map((page) => page.facts.contentSignature as number[]);
  for (const [i, j] of candidatePairs(signatures, NEAR_DUPLICATE_RESEMBLANCE)) {
    const r = resemblance(signatures[i] as number[], signatures[j] as number[]);
    if (r < NEAR_DUPLICATE_RESEMBLANCE) continue;
    const [a, b] = [find(i), find(j)];
    const root = Math.min(a, b);
    parent[Math.max(a, b)] = root;
    least.set(root, Math.min(least.get(a) ?? 1, least.get(b) ?? 1, r));
  }
  const groups = new Map<number, HtmlPage[]>();
  pages.forEach((p, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), p]));
  return [...groups.entries()]
    .filter(([, g]) => g.length > 1)
    .map(([root, g]) => ({ pages: g, resemblance: least.get(root) ?? 1 }));
}

function nearDuplicates(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  const pages = comparablePages(site).filter(
    (p) => p.facts.contentSignature !== undefined && p.facts.contentWords >= MIN_FINGERPRINT_WORDS,
  );
  if (pages.length < 2)
    return {
      score: undefined,
      reason: `fewer than two indexable, self-canonical pages with ${MIN_FINGERPRINT_WORDS}+ words of main content`,
    };
  const groups = nearDuplicateGroups(pages);
  const duplicated = groups.flatMap((g) => g.pages);
  const score = 1 - duplicated.length / pages.length;
  if (groups.length === 0) return { score };
  const examples = groups
    .slice(0, EXAMPLES)
    .map(
      (g) =>
        `${list(g.pages.map((p) => path(p.finalUrl)))} (${Math.round(g.resemblance * 100)}%+ of their word sequences shared)`,
    );
  return {
    score,
    finding: {
      severity: 'MEDIUM',
      title: 'Near-duplicate page content',
      detail: `${duplicated.length} of ${pages.length} pages have main content that is a near copy of another page: ${examples.join('; ')}.`,
      recommendation:
        'Merge near-identical pages into one, or make each page answer its own question; when copies must exist (print versions, parameters), point their rel=canonical at the page to keep.',
      urls: duplicated.map((p) => p.finalUrl),
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function thinPages(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  // About and Contact pages are short by nature; the home page is judged like any other.
  const utility = new Set(
    site.htmlPages.flatMap((p) => [p.facts.aboutLink, p.facts.contactLink]).filter((u) => u !== undefined),
  );
  const pages = comparablePages(site).filter(
    (p) => !utility.has(normalizeUrl(p.finalUrl) ?? p.finalUrl) && !utility.has(p.url),
  );
  if (pages.length < MIN_PAGES_FOR_MEDIAN)
    return {
      score: undefined,
      reason: `fewer than ${MIN_PAGES_FOR_MEDIAN} indexable content pages (About and Contact pages aside) to compare`,
    };
  const typical = median(pages.map((p) => p.facts.contentWords));
  const limit = Math.min(THIN_WORDS, typical * THIN_SHARE_OF_MEDIAN);
  const thin = pages.filter((p) => p.facts.contentWords < limit);
  const score = 1 - thin.length / pages.length;
  if (thin.length === 0) return { score };
  return {
    score,
    finding: {
      severity: 'LOW',
      title: 'Thin pages compared with the rest of the site',
      detail: `${thin.length} of ${pages.length} pages have under ${Math.round(limit)} words of main content (the site's median page has ${Math.round(typical)}): ${thin
        .slice(0, EXAMPLES)
        .map((p) => `${path(p.finalUrl)} (${p.facts.contentWords} words)`)
        .join(', ')}${thin.length > EXAMPLES ? `, and ${thin.length - EXAMPLES} more` : ''}.`,
      recommendation:
        'Give thin pages enough substance to answer a question on their own (what, why, how, with figures and sources), merge them into a fuller page, or mark placeholders noindex.',
      urls: thin.map((p) => p.finalUrl),
    },
  };
}

type Definition = Omit<CheckSpec, 'run' | 'category' | 'source' | 'weight'>;
const duplicateCheck = (
  definition: Definition,
  what: string,
  value: (page: HtmlPage) => string | undefined,
  recommendation: string,
  source: string,
): CheckSpec => ({
  ...definition,
  category: 'basics' satisfies Category,
  weight: 1,
  source,
  run: (site) => duplicateValues(site, what, value, recommendation),
});

const COMPARED =
  'Compares indexable pages whose canonical is themselves (noindex pages and pages canonicalised elsewhere have declared their duplicates)';

export const duplicateChecks: CheckSpec[] = [
  duplicateCheck(
    {
      checkId: 'basics.duplicate-titles',
      title: 'Every page has its own <title>',
      description: `${COMPARED}: pages whose <title> equals another page's (ignoring case and spacing) fail. Score: share of compared pages with a unique title. Weight 1.`,
      rationale:
        'The title is how engines and their users tell sources apart; pages with one title look like one page, and engines pick one of them to show.',
    },
    'title',
    (p) => p.facts.title,
    'Write a unique <title> for each page naming what that page, and only it, answers.',
    'https://developers.google.com/search/docs/appearance/title-link',
  ),
  duplicateCheck(
    {
      checkId: 'basics.duplicate-descriptions',
      title: 'Every page has its own meta description',
      description: `${COMPARED}: pages whose meta description equals another page's fail. Score: share of compared pages (with a description) whose description is unique. Weight 1.`,
      rationale:
        'Google recommends a distinct description per page; a repeated one says nothing about the page it is on, and the engine writes its own snippet instead.',
    },
    'meta description',
    (p) => p.facts.metaDescription,
    'Write a description per page that summarises that page; leave it out rather than repeat a site-wide one.',
    'https://developers.google.com/search/docs/appearance/snippet',
  ),
  duplicateCheck(
    {
      checkId: 'basics.duplicate-h1',
      title: 'Every page has its own H1',
      description: `${COMPARED}: pages whose first H1 equals another page's fail. Score: share of compared pages (with an H1) whose H1 is unique. Weight 1.`,
      rationale:
        'The H1 states the question a page answers; two pages with one H1 compete for the same question and split the signals engines would give one of them.',
    },
    'H1',
    (p) => p.facts.h1,
    'Give each page an H1 naming its own topic; merge pages that really are about the same thing.',
    'https://developers.google.com/search/docs/fundamentals/seo-starter-guide',
  ),
  {
    checkId: 'indexability.near-duplicates',
    category: 'indexability',
    weight: 2,
    title: 'Page bodies are not near copies of each other',
    description: `${COMPARED}, with ${MIN_FINGERPRINT_WORDS}+ words of main content (navigation, header, footer and asides removed): the resemblance of two bodies is the Jaccard similarity of their word 3-shingle sets, estimated from 64-value MinHash signatures; pages sharing ${NEAR_DUPLICATE_RESEMBLANCE * 100}% or more with another page are near duplicates and fail. Score: share of compared pages that are not.`,
    rationale:
      'Engines fold near-duplicate pages into one and show only the one they choose, which may not be the one you want cited (Google: consolidate duplicate URLs). Shingle resemblance is the classic measure of near-duplicate documents (Broder 1997).',
    source: DUPLICATES_DOC,
    run: nearDuplicates,
  },
  {
    checkId: 'answerability.thin-pages',
    category: 'answerability',
    weight: 1,
    title: 'Pages carry as much text as the rest of the site',
    description: `Among indexable, self-canonical pages other than the About and Contact pages (at least ${MIN_PAGES_FOR_MEDIAN}): a page with fewer than ${THIN_WORDS} words of main content and under ${THIN_SHARE_OF_MEDIAN * 100}% of the site's median page fails. Score: share of compared pages that are not thin.`,
    rationale:
      'A page with far less substance than its siblings has little an engine can quote, and many such pages read as thin content, which Google’s helpful-content guidance counts against a site.',
    source: 'https://developers.google.com/search/docs/fundamentals/creating-helpful-content',
    run: thinPages,
  },
];
