import { isEntityType } from '../page/schema-rules.js';
import { runPageRule } from './page-rule.js';
import type { Check, CheckResult, SiteData } from './types.js';

const list = (items: string[], max = 6): string =>
  items.slice(0, max).join(', ') + (items.length > max ? `, +${items.length - max} more` : '');

const missing: Check = (site) =>
  runPageRule(
    {
      id: 'structured_data.missing',
      category: 'structured_data',
      weight: 4,
      title: 'Pages without structured data',
      recommendation:
        'Add JSON-LD (<script type="application/ld+json">) describing each page: Organization and WebSite on the home page, Article/BlogPosting with author and dates on articles, FAQPage, Product, BreadcrumbList where they fit.',
      severity: (failed, s) => (failed.length === s.htmlPages.length ? 'HIGH' : 'LOW'),
      problem: (page) => (page.facts.jsonLd.types.length === 0 ? 'no JSON-LD entities' : undefined),
    },
    site,
  );

const invalidJson: Check = (site) =>
  runPageRule(
    {
      id: 'structured_data.invalid-json',
      category: 'structured_data',
      weight: 2,
      title: 'JSON-LD that does not parse',
      recommendation:
        'Fix the JSON syntax (trailing commas, unescaped quotes, comments) and validate with the Schema Markup Validator or Google Rich Results Test; unparsable blocks are ignored entirely.',
      severity: 'MEDIUM',
      applies: (page) => page.facts.jsonLd.blocks > 0,
      problem: (page) =>
        page.facts.jsonLd.errors.length > 0 ? page.facts.jsonLd.errors.join(' | ') : undefined,
    },
    site,
  );

const requiredProperties: Check = (site) =>
  runPageRule(
    {
      id: 'structured_data.required-properties',
      category: 'structured_data',
      weight: 3,
      title: 'Structured data lacks required properties',
      recommendation:
        'Add the properties Google documents as required for each type (e.g. FAQPage → mainEntity → Question.name + acceptedAnswer.text; Product → name + offers/review/aggregateRating); without them the markup is not eligible for rich results.',
      severity: 'MEDIUM',
      applies: (page) => page.facts.jsonLd.types.length > 0,
      problem: (page) =>
        page.facts.jsonLd.missingRequired.length > 0
          ? `missing ${list(page.facts.jsonLd.missingRequired)}`
          : undefined,
    },
    site,
  );

const recommendedProperties: Check = (site) =>
  runPageRule(
    {
      id: 'structured_data.recommended-properties',
      category: 'structured_data',
      weight: 1,
      title: 'Structured data lacks recommended properties',
      recommendation:
        'Complete the recommended properties (Article: headline, author, datePublished, dateModified, image; Organization: name, url, logo, sameAs): they are the facts answer engines use to attribute and date your content.',
      severity: 'LOW',
      applies: (page) => page.facts.jsonLd.types.length > 0,
      problem: (page) =>
        page.facts.jsonLd.missingRecommended.length > 0
          ? `missing ${list(page.facts.jsonLd.missingRecommended)}`
          : undefined,
    },
    site,
  );

/** The site should say who it is at least once (usually on the home page). */
function organization(site: SiteData): CheckResult {
  const base = { id: 'structured_data.organization', category: 'structured_data' as const, weight: 2 };
  if (site.htmlPages.length === 0) return { ...base, score: undefined };
  const found = site.htmlPages.some((p) => p.facts.jsonLd.types.some(isEntityType));
  if (found) return { ...base, score: 1 };
  return {
    ...base,
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

export const structuredDataChecks: Check[] = [
  missing,
  invalidJson,
  requiredProperties,
  recommendedProperties,
  organization,
];
