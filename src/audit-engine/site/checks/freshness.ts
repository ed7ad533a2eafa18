import { pageCheck } from './page-rule.js';
import type { CheckSpec, SiteData, Verdict } from './types.js';

/** Older than this is stale: answer engines favour recently updated sources for most queries. */
export const STALE_AFTER_MS = 365 * 24 * 3600 * 1000;

const age = (date: string | undefined, now: number): number | undefined => {
  const t = date ? Date.parse(date) : NaN;
  return Number.isNaN(t) ? undefined : now - t;
};

function sitemap(site: SiteData): Verdict {
  const { sitemaps, robots } = site;
  const tried = sitemaps.files.map(
    (f) => `${f.url} (${f.error ?? `HTTP ${f.status}`}, ${f.entries} entries)`,
  );
  if (!sitemaps.found) {
    return {
      score: 0,
      finding: {
        severity: 'MEDIUM',
        title: 'No XML sitemap',
        detail: `No sitemap with URLs was found: ${tried.join('; ')}.`,
        recommendation:
          'Publish an XML sitemap listing every indexable URL with an accurate <lastmod>, and name it in robots.txt ("Sitemap: https://…/sitemap.xml").',
        urls: sitemaps.files.map((f) => f.url),
      },
    };
  }
  if (robots.sitemaps.length === 0) {
    return {
      score: 0.5,
      finding: {
        severity: 'LOW',
        title: 'Sitemap not referenced in robots.txt',
        detail: `A sitemap exists (${sitemaps.files.find((f) => f.entries > 0)?.url}) but ${robots.url} has no "Sitemap:" line.`,
        recommendation: 'Add "Sitemap: <absolute sitemap URL>" to robots.txt so every crawler finds it.',
        urls: [robots.url],
      },
    };
  }
  return { score: 1 };
}

function sitemapLastmod(site: SiteData): Verdict {
  const { entries } = site.sitemaps;
  if (entries.length === 0) return { score: undefined, reason: 'no sitemap URL was read' };
  const ages = entries.map((e) => age(e.lastmod, site.now)).filter((a): a is number => a !== undefined);
  const share = ages.length / entries.length;
  const newest = ages.length > 0 ? Math.min(...ages) : undefined;
  const stale = newest !== undefined && newest > STALE_AFTER_MS;
  const score = share * (stale ? 0.5 : 1);
  if (score === 1) return { score };
  const problems = [
    share < 1
      ? `${entries.length - ages.length} of ${entries.length} sitemap URLs have no valid <lastmod>`
      : '',
    stale ? `the newest <lastmod> is ${Math.round((newest ?? 0) / 86_400_000)} days old` : '',
  ].filter(Boolean);
  return {
    score,
    finding: {
      severity: 'LOW',
      title: 'Sitemap lastmod dates missing or old',
      detail: `${problems.join('; ')}.`,
      recommendation:
        'Emit <lastmod> (W3C date) for every URL, set to the date the content last changed meaningfully.',
      urls: site.sitemaps.files.filter((f) => f.entries > 0).map((f) => f.url),
    },
  };
}

const staleContent = pageCheck(
  {
    checkId: 'freshness.stale-content',
    category: 'freshness',
    weight: 2,
    title: 'Dated content was updated within the last 12 months',
    description:
      'On pages with a machine-readable date (JSON-LD dateModified/datePublished, article:modified_time, og:updated_time or article:published_time): the modified date (or, without one, the published date) must be at most 365 days old. Score: share of dated pages that are fresh.',
    rationale:
      'Answer engines favour recently updated sources for most queries and show dates next to citations; a page last touched years ago loses to a fresher one on the same topic.',
    source: 'https://developers.google.com/search/docs/appearance/publication-dates',
  },
  {
    title: 'Content not updated in over 12 months',
    recommendation:
      'Review and update these pages (facts, figures, examples), then update dateModified / article:modified_time to the real change date.',
    severity: 'LOW',
    applies: (page, s) => age(page.facts.modifiedTime ?? page.facts.publishedTime, s.now) !== undefined,
    notApplicable: 'no crawled page carries a machine-readable date',
    problem: (page, s) => {
      const date = page.facts.modifiedTime ?? page.facts.publishedTime;
      const a = age(date, s.now) ?? 0;
      return a > STALE_AFTER_MS
        ? `last modified ${date} (${Math.round(a / 86_400_000)} days ago)`
        : undefined;
    },
  },
);

const missingDates = pageCheck(
  {
    checkId: 'freshness.missing-dates',
    category: 'freshness',
    weight: 1,
    title: 'Articles carry a machine-readable date',
    description:
      'On article pages (og:type article or an Article-type JSON-LD entity): passes with a dateModified/datePublished in JSON-LD or an article:modified_time/article:published_time meta tag. Score: share of articles with a date.',
    rationale:
      'Without a machine-readable date engines guess when an article was written or last updated, and may treat it as undated or stale.',
    source: 'https://developers.google.com/search/docs/appearance/publication-dates',
  },
  {
    title: 'Articles without a machine-readable date',
    recommendation:
      'Add datePublished and dateModified to the Article JSON-LD (or article:published_time / article:modified_time meta tags).',
    severity: 'LOW',
    applies: (page) => page.facts.isArticle,
    notApplicable: 'no crawled page is an article',
    problem: (page) =>
      (page.facts.modifiedTime ?? page.facts.publishedTime)
        ? undefined
        : 'no dateModified/datePublished or article:*_time',
  },
);

export const freshnessChecks: CheckSpec[] = [
  {
    checkId: 'freshness.sitemap',
    category: 'freshness',
    weight: 2,
    title: 'An XML sitemap lists the site and robots.txt names it',
    description:
      'Reads the sitemaps named in robots.txt and /sitemap.xml (following index files). Fails when none answers 200 with URLs; half credit when a sitemap exists but robots.txt has no "Sitemap:" line.',
    rationale:
      'A sitemap is how crawlers, AI crawlers included, discover every URL and learn when it changed without having to follow every link; robots.txt is where they look for it.',
    source: 'https://developers.google.com/search/docs/crawling-indexing/sitemaps/build-sitemap',
    run: sitemap,
  },
  {
    checkId: 'freshness.sitemap-lastmod',
    category: 'freshness',
    weight: 1,
    title: 'Sitemap URLs carry recent <lastmod> dates',
    description:
      'Over the sitemap URLs read: score = share with a valid <lastmod>, halved when even the newest <lastmod> is more than 365 days old.',
    rationale:
      'Crawlers use <lastmod> to decide what to re-crawl: accurate dates get updated pages re-fetched and their new content into answers sooner.',
    source: 'https://www.sitemaps.org/protocol.html',
    run: sitemapLastmod,
  },
  staleContent,
  missingDates,
];
