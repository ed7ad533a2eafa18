import { runPageRule } from './page-rule.js';
import type { Check, CheckResult, SiteData } from './types.js';

/** Older than this is stale: answer engines favour recently updated sources for most queries. */
export const STALE_AFTER_MS = 365 * 24 * 3600 * 1000;

const age = (date: string | undefined, now: number): number | undefined => {
  const t = date ? Date.parse(date) : NaN;
  return Number.isNaN(t) ? undefined : now - t;
};

function sitemap(site: SiteData): CheckResult {
  const base = { id: 'freshness.sitemap', category: 'freshness' as const, weight: 2 };
  const { sitemaps, robots } = site;
  const tried = sitemaps.files.map(
    (f) => `${f.url} (${f.error ?? `HTTP ${f.status}`}, ${f.entries} entries)`,
  );
  if (!sitemaps.found) {
    return {
      ...base,
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
      ...base,
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
  return { ...base, score: 1 };
}

function sitemapLastmod(site: SiteData): CheckResult {
  const base = { id: 'freshness.sitemap-lastmod', category: 'freshness' as const, weight: 1 };
  const { entries } = site.sitemaps;
  if (entries.length === 0) return { ...base, score: undefined };
  const ages = entries.map((e) => age(e.lastmod, site.now)).filter((a): a is number => a !== undefined);
  const share = ages.length / entries.length;
  const newest = ages.length > 0 ? Math.min(...ages) : undefined;
  const stale = newest !== undefined && newest > STALE_AFTER_MS;
  const score = share * (stale ? 0.5 : 1);
  if (score === 1) return { ...base, score };
  const problems = [
    share < 1
      ? `${entries.length - ages.length} of ${entries.length} sitemap URLs have no valid <lastmod>`
      : '',
    stale ? `the newest <lastmod> is ${Math.round((newest ?? 0) / 86_400_000)} days old` : '',
  ].filter(Boolean);
  return {
    ...base,
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

const staleContent: Check = (site) =>
  runPageRule(
    {
      id: 'freshness.stale-content',
      category: 'freshness',
      weight: 2,
      title: 'Content not updated in over 12 months',
      recommendation:
        'Review and update these pages (facts, figures, examples), then update dateModified / article:modified_time to the real change date.',
      severity: 'LOW',
      applies: (page) => age(page.facts.modifiedTime ?? page.facts.publishedTime, site.now) !== undefined,
      problem: (page) => {
        const date = page.facts.modifiedTime ?? page.facts.publishedTime;
        const a = age(date, site.now) ?? 0;
        return a > STALE_AFTER_MS
          ? `last modified ${date} (${Math.round(a / 86_400_000)} days ago)`
          : undefined;
      },
    },
    site,
  );

const missingDates: Check = (site: SiteData) =>
  runPageRule(
    {
      id: 'freshness.missing-dates',
      category: 'freshness',
      weight: 1,
      title: 'Articles without a machine-readable date',
      recommendation:
        'Add datePublished and dateModified to the Article JSON-LD (or article:published_time / article:modified_time meta tags).',
      severity: 'LOW',
      applies: (page) => page.facts.isArticle,
      problem: (page) =>
        (page.facts.modifiedTime ?? page.facts.publishedTime)
          ? undefined
          : 'no dateModified/datePublished or article:*_time',
    },
    site,
  );

export const freshnessChecks: Check[] = [sitemap, sitemapLastmod, staleContent, missingDates];
