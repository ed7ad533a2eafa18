import type { HtmlPage } from '../crawler/fetch-page.js';
import type { OrganizationFacts } from '../page/json-ld.js';
import { isEntityType, SCHEMA_RULES } from '../page/schema-rules.js';
import { NO_HTML_PAGES, pageCheck } from './page-rule.js';
import type { CheckSpec, SiteData, Verdict } from './types.js';

const list = (items: string[], max = 6): string =>
  items.slice(0, max).join(', ') + (items.length > max ? `, +${items.length - max} more` : '');

const missing = pageCheck(
  {
    checkId: 'structured_data.missing',
    category: 'structured_data',
    weight: 4,
    title: 'Every page describes itself with JSON-LD',
    description:
      'Counts the schema.org entities declared in JSON-LD (<script type="application/ld+json">, @graph included) on every HTML page; a page without any fails. Score: share of pages with structured data; HIGH when no page has any.',
    rationale:
      'Structured data states explicitly what a page is (an article, a product, an FAQ, an organisation) and who made it, facts engines otherwise have to infer from the text before they can attribute it.',
    source: 'https://developers.google.com/search/docs/appearance/structured-data/intro-structured-data',
  },
  {
    title: 'Pages without structured data',
    recommendation:
      'Add JSON-LD (<script type="application/ld+json">) describing each page: Organization and WebSite on the home page, Article/BlogPosting with author and dates on articles, FAQPage, Product, BreadcrumbList where they fit.',
    severity: (failed, s) => (failed.length === s.htmlPages.length ? 'HIGH' : 'LOW'),
    problem: (page) => (page.facts.jsonLd.types.length === 0 ? 'no JSON-LD entities' : undefined),
  },
);

const invalidJson = pageCheck(
  {
    checkId: 'structured_data.invalid-json',
    category: 'structured_data',
    weight: 2,
    title: 'JSON-LD blocks parse as JSON',
    description:
      'On pages with JSON-LD script blocks: parses each block; any block that is not valid JSON fails the page, with the parser error. Score: share of such pages whose blocks all parse.',
    rationale:
      'A block that does not parse is ignored entirely by every consumer: the page loses all the entities the markup was meant to declare.',
    source: 'https://www.w3.org/TR/json-ld11/',
  },
  {
    title: 'JSON-LD that does not parse',
    recommendation:
      'Fix the JSON syntax (trailing commas, unescaped quotes, comments) and validate with the Schema Markup Validator or Google Rich Results Test; unparsable blocks are ignored entirely.',
    severity: 'MEDIUM',
    applies: (page) => page.facts.jsonLd.blocks > 0,
    notApplicable: 'no crawled page has a JSON-LD block',
    problem: (page) =>
      page.facts.jsonLd.errors.length > 0 ? page.facts.jsonLd.errors.join(' | ') : undefined,
  },
);

const requiredProperties = pageCheck(
  {
    checkId: 'structured_data.required-properties',
    category: 'structured_data',
    weight: 3,
    title: 'Structured data has the properties Google requires',
    description: `On pages with JSON-LD entities: checks the properties Google documents as required for ${Object.keys(SCHEMA_RULES).join(', ')} (nested entities included, e.g. FAQPage mainEntity with Question.name and acceptedAnswer.text; Product name plus offers, review or aggregateRating; an Offer's price); any missing one fails the page. Score: share of such pages complete.`,
    rationale:
      'Markup missing required properties is not eligible for rich results and gives engines an incomplete entity, e.g. a question without its answer.',
    source: 'https://developers.google.com/search/docs/appearance/structured-data/sd-policies',
  },
  {
    title: 'Structured data lacks required properties',
    recommendation:
      'Add the properties Google documents as required for each type (e.g. FAQPage → mainEntity → Question.name + acceptedAnswer.text; Product → name + offers/review/aggregateRating); without them the markup is not eligible for rich results.',
    severity: 'MEDIUM',
    applies: (page) => page.facts.jsonLd.types.length > 0,
    notApplicable: 'no crawled page declares JSON-LD entities',
    problem: (page) =>
      page.facts.jsonLd.missingRequired.length > 0
        ? `missing ${list(page.facts.jsonLd.missingRequired)}`
        : undefined,
  },
);

const recommendedProperties = pageCheck(
  {
    checkId: 'structured_data.recommended-properties',
    category: 'structured_data',
    weight: 1,
    title: 'Structured data has the recommended properties',
    description:
      'On pages with JSON-LD entities: checks the recommended properties of each type (e.g. Article headline, author, datePublished, dateModified, image; Organization name, url, logo, sameAs); any missing one fails the page. Score: share of such pages complete.',
    rationale:
      'Authors, dates, logos and profile links are the facts answer engines use to attribute, date and trust a source; recommended properties are where they live.',
    source: 'https://developers.google.com/search/docs/appearance/structured-data/article',
  },
  {
    title: 'Structured data lacks recommended properties',
    recommendation:
      'Complete the recommended properties (Article: headline, author, datePublished, dateModified, image; Organization: name, url, logo, sameAs): they are the facts answer engines use to attribute and date your content.',
    severity: 'LOW',
    applies: (page) => page.facts.jsonLd.types.length > 0,
    notApplicable: 'no crawled page declares JSON-LD entities',
    problem: (page) =>
      page.facts.jsonLd.missingRecommended.length > 0
        ? `missing ${list(page.facts.jsonLd.missingRecommended)}`
        : undefined,
  },
);

/** The site should say who it is at least once (usually on the home page). */
function organization(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  const found = site.htmlPages.some((p) => p.facts.jsonLd.types.some(isEntityType));
  if (found) return { score: 1 };
  return {
    score: 0,
    finding: {
      severity: 'MEDIUM',
      title: 'No Organization (or Person) entity',
      detail: `None of the ${site.htmlPages.length} crawled pages declares an Organization, LocalBusiness or Person in JSON-LD.`,
      recommendation:
        'Add an Organization (name, url, logo, sameAs links to your official profiles) on the home page so answer engines can identify the entity behind the site.',
      urls: [site.home.finalUrl],
    },
  };
}

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
};
const withoutFragment = (url: string): string => url.replace(/#.*$/, '');
const pathOf = (url: string): string => {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
};

/** `{ "@id": … }` references resolve on the page itself or on another crawled page. */
function idReferences(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  const pages = site.htmlPages.filter((p) => p.facts.jsonLd.references.length > 0);
  if (pages.length === 0)
    return { score: undefined, reason: 'no crawled page refers to a JSON-LD node by @id' };
  const defined = new Set(site.htmlPages.flatMap((p) => p.facts.jsonLd.ids));
  const crawled = new Set(site.htmlPages.flatMap((p) => [p.url, p.finalUrl]));
  const failed: { page: HtmlPage; broken: string[] }[] = [];
  const unverified = new Set<string>();
  for (const page of pages) {
    const broken: string[] = [];
    for (const ref of page.facts.jsonLd.references) {
      if (defined.has(ref)) continue;
      const document = withoutFragment(ref);
      if (ref.startsWith('_:') || document === page.finalUrl || document === page.url)
        broken.push(`${ref} (not defined on the page)`);
      else if (crawled.has(document)) broken.push(`${ref} (not defined on ${document}, which was crawled)`);
      else unverified.add(ref);
    }
    if (broken.length > 0) failed.push({ page, broken });
  }
  const notCrawled =
    unverified.size > 0
      ? ` ${unverified.size} reference(s) point at pages that were not crawled, so they were not verified: ${list([...unverified], 3)}.`
      : '';
  const score = 1 - failed.length / pages.length;
  if (failed.length === 0) {
    if (!notCrawled) return { score };
    return {
      score,
      finding: {
        severity: 'INFO',
        title: 'JSON-LD references to pages that were not crawled',
        detail: notCrawled.trim(),
        recommendation:
          'Raise the page limit to verify them, or define the nodes on the pages that use them.',
        urls: pages.map((p) => p.finalUrl),
      },
    };
  }
  return {
    score,
    finding: {
      severity: 'MEDIUM',
      title: 'JSON-LD @id references that resolve nowhere',
      detail: `${failed.length} of ${pages.length} pages: ${failed
        .slice(0, 5)
        .map((f) => `${f.page.finalUrl}: ${list(f.broken, 3)}`)
        .join('; ')}.${notCrawled}`,
      recommendation:
        'Give every node you refer to by "@id" a definition with that exact @id (usually once, e.g. the Organization on the home page as "https://example.com/#organization"), and refer to it with the same absolute URL on every page.',
      urls: failed.map((f) => f.page.finalUrl),
    },
  };
}

type OrgProperty = 'name' | 'logo' | 'sameAs';

const orgValue = (org: OrganizationFacts, property: OrgProperty): string | undefined => {
  if (property === 'name') return org.name ? org.name.replace(/\s+/g, ' ').toLowerCase() : undefined;
  if (property === 'logo') return org.logo;
  if (org.sameAs.length === 0) return undefined;
  return [...new Set(org.sameAs.map((u) => u.trim().replace(/\/+$/, '')))].sort().join(' ');
};
const shownValue = (org: OrganizationFacts, property: OrgProperty): string =>
  property === 'sameAs' ? `[${org.sameAs.join(', ')}]` : `“${org[property] ?? ''}”`;

/** The site's own Organization says the same name, logo and profiles wherever it is described. */
function entityConsistency(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  const siteHost = hostOf(site.home.finalUrl);
  // The site's own organisation: its url or @id is on the site, or it names no url or @id at all.
  const described = site.htmlPages.flatMap((page) =>
    page.facts.jsonLd.organizations
      .filter((o) => {
        const hosts = [o.url, o.id]
          .filter((u): u is string => u !== undefined && !u.startsWith('_:'))
          .map(hostOf);
        return hosts.length === 0 || hosts.includes(siteHost);
      })
      .map((org) => ({ page, org })),
  );
  if (described.length === 0)
    return { score: undefined, reason: 'no crawled page describes the site’s Organization in JSON-LD' };
  const groups = new Map<string, typeof described>();
  for (const d of described) {
    const key = d.org.id ?? 'the site organization';
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const problems: string[] = [];
  const urls = new Set<string>();
  for (const group of groups.values()) {
    for (const property of ['name', 'logo', 'sameAs'] as const) {
      const byValue = new Map<string, typeof described>();
      for (const d of group) {
        const value = orgValue(d.org, property);
        if (value !== undefined) byValue.set(value, [...(byValue.get(value) ?? []), d]);
      }
      if (byValue.size <= 1) continue;
      const variants = [...byValue.values()].map((ds) => {
        for (const d of ds) urls.add(d.page.finalUrl);
        const first = ds[0] as (typeof described)[number];
        const where = [...new Set(ds.map((d) => pathOf(d.page.finalUrl)))];
        return `${shownValue(first.org, property)} on ${list(where, 3)}`;
      });
      problems.push(`${property}: ${variants.slice(0, 4).join(' vs ')}`);
    }
  }
  const score = Math.max(0, 1 - problems.length / 3);
  if (problems.length === 0) return { score };
  return {
    score,
    finding: {
      severity: 'MEDIUM',
      title: 'The Organization is described differently across pages',
      detail: `${problems.join('; ')}.`,
      recommendation:
        'Describe the organisation once, identically (same name, logo URL and sameAs list), ideally as one node with an "@id" such as https://example.com/#organization that other pages refer to.',
      urls: [...urls],
    },
  };
}

const matchesPage = pageCheck(
  {
    checkId: 'structured_data.matches-page',
    category: 'structured_data',
    weight: 2,
    title: 'JSON-LD agrees with the visible page',
    description:
      'On pages whose JSON-LD states a headline, a product name, publication dates or offer prices: fails when most significant words of an Article headline or Product name appear in neither the <title> nor the H1; when the page shows dates in <time> elements and none is the datePublished or dateModified (±1 day); when datePublished contradicts article:published_time; or when no visible price equals an offer price. Score: share of such pages passing.',
    rationale:
      'Google requires structured data to describe the content users see; an engine that finds the markup contradicting the page (another price, date or title) cannot tell which to trust, and may treat the markup as spam.',
    source: 'https://developers.google.com/search/docs/appearance/structured-data/sd-policies',
  },
  {
    title: 'JSON-LD contradicts the visible page',
    recommendation:
      'Generate the JSON-LD from the same data as the page, so the headline, dates and prices it states are the ones a reader sees; update both together.',
    severity: 'MEDIUM',
    applies: ({ facts }) => {
      const c = facts.jsonLd.claims;
      return c.names.length + c.prices.length + c.dates.length > 0;
    },
    notApplicable: 'no crawled page states a headline, product, date or price in JSON-LD',
    problem: ({ facts }) => (facts.jsonLdConflicts.length > 0 ? facts.jsonLdConflicts.join('; ') : undefined),
  },
);

export const structuredDataChecks: CheckSpec[] = [
  missing,
  invalidJson,
  requiredProperties,
  recommendedProperties,
  {
    checkId: 'structured_data.organization',
    category: 'structured_data',
    weight: 2,
    title: 'The site identifies its organisation (or person) in JSON-LD',
    description:
      'Passes when at least one crawled HTML page declares an Organization (or a subtype such as LocalBusiness) or a Person entity in JSON-LD; usually the home page.',
    rationale:
      'Engines connect a site to an entity (name, logo, official profiles) through this markup; without it they cannot tell with confidence who stands behind the content they cite.',
    source: 'https://developers.google.com/search/docs/appearance/structured-data/organization',
    run: organization,
  },
  {
    checkId: 'structured_data.id-references',
    category: 'structured_data',
    weight: 1,
    title: 'JSON-LD @id references resolve across the site',
    description:
      'On pages whose JSON-LD refers to a node by "@id" alone ({"@id": "https://example.com/#organization"}): the id must be defined on that page or on another crawled page. A reference to a crawled page that does not define it, or to a blank or same-page id defined nowhere, fails the page; references to pages outside the crawl are listed as not verified. Score: share of such pages passing.',
    rationale:
      'An @id graph lets every page point at one definition of the organisation, author or website; a reference that resolves nowhere leaves the entity undefined for any reader of the markup.',
    source: 'https://www.w3.org/TR/json-ld11/#node-identifiers',
    run: idReferences,
  },
  {
    checkId: 'structured_data.entity-consistency',
    category: 'structured_data',
    weight: 2,
    title: 'The Organization is described the same way on every page',
    description:
      'Collects the site’s own Organization entities (url or @id on the site, or neither given) from every crawled page, grouped by @id, and compares their name (case-insensitive), logo URL and sameAs list; each property with more than one value costs a third of the score. Properties a page omits are not compared.',
    rationale:
      'Engines build one entity for a brand from every mention; a name, logo or set of profiles that changes from page to page splits or weakens that entity, and the pages disagree on who is behind them.',
    source: 'https://developers.google.com/search/docs/appearance/structured-data/organization',
    run: entityConsistency,
  },
  matchesPage,
];
