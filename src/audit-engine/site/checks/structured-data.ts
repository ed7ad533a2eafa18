import { isEntityType } from '../page/schema-rules.js';
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
    description:
      'On pages with JSON-LD entities: checks the properties Google documents as required for the types it supports (e.g. FAQPage mainEntity with Question.name and acceptedAnswer.text; Product name plus offers, review or aggregateRating); any missing one fails the page. Score: share of such pages complete.',
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
];
