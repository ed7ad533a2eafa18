import { describe, expect, it } from '@jest/globals';
import { summarizeJsonLd } from '../../../src/audit-engine/site/page/json-ld.js';
import {
  jsonLdConflicts,
  parseAmount,
  visiblePrices,
} from '../../../src/audit-engine/site/page/json-ld-visible.js';
import { SCHEMA_RULES } from '../../../src/audit-engine/site/page/schema-rules.js';
import { page, prose } from '../helpers/html.js';
import { auditSite } from './fixtures/audit.js';

const ld = (...nodes: object[]) =>
  nodes.map((n) => JSON.stringify({ '@context': 'https://schema.org', ...n }));

describe('the schema rules table', () => {
  it('covers the types Google documents, each with its source page', () => {
    for (const type of [
      'Article',
      'BlogPosting',
      'NewsArticle',
      'FAQPage',
      'HowTo',
      'Product',
      'Offer',
      'Organization',
      'LocalBusiness',
      'Person',
      'BreadcrumbList',
      'WebSite',
      'SoftwareApplication',
      'Review',
    ]) {
      const rules = SCHEMA_RULES[type];
      expect([type, new URL(rules?.source ?? 'x:').protocol]).toEqual([type, 'https:']);
    }
    expect(SCHEMA_RULES['Review']?.source).toBe(
      'https://developers.google.com/search/docs/appearance/structured-data/review-snippet',
    );
  });

  it('checks nested entities wherever they are: an Offer without price, a Review without rating value', () => {
    const summary = summarizeJsonLd(
      ld(
        {
          '@type': 'Product',
          name: 'P',
          image: 'i',
          description: 'd',
          brand: 'b',
          sku: 's',
          offers: { '@type': 'Offer' },
        },
        {
          '@type': 'SoftwareApplication',
          name: 'App',
          offers: { price: 0 },
          aggregateRating: { ratingValue: 4 },
        },
        {
          '@type': 'Review',
          author: 'A',
          itemReviewed: { '@type': 'Thing' },
          reviewRating: { bestRating: 5 },
        },
      ),
    );
    expect(summary.missingRequired).toEqual([
      'Product.offers[0].price|priceSpecification|lowPrice',
      'Review.itemReviewed[0].name',
      'Review.reviewRating[0].ratingValue',
    ]);
    expect(summary.missingRecommended).toEqual(
      expect.arrayContaining([
        'Product.offers[0].priceCurrency',
        'SoftwareApplication.applicationCategory',
        'Review.datePublished',
      ]),
    );
  });
});

describe('summarizeJsonLd across pages', () => {
  it('lists defined @ids, references it cannot resolve, organisations and claims', () => {
    const summary = summarizeJsonLd(
      ld(
        {
          '@graph': [
            {
              '@type': 'Organization',
              '@id': '/#org',
              name: 'X Co',
              logo: { '@type': 'ImageObject', url: '/logo.png' },
              sameAs: 'https://github.com/x',
            },
            {
              '@type': 'BlogPosting',
              '@id': '#post',
              headline: 'Hello world',
              datePublished: '2025-01-05',
              publisher: { '@id': '/#org' },
              author: { '@id': '/team#jane' },
            },
          ],
        },
        {
          '@type': 'Product',
          name: 'Widget',
          offers: [
            { price: '49.00', priceCurrency: 'USD' },
            { '@type': 'AggregateOffer', lowPrice: 10, highPrice: 20 },
          ],
        },
      ),
      'https://x.test/blog/post',
    );
    expect(summary.ids).toEqual(['https://x.test/#org', 'https://x.test/blog/post#post']);
    expect(summary.references).toEqual(['https://x.test/team#jane']);
    expect(summary.organizations).toEqual([
      {
        id: 'https://x.test/#org',
        name: 'X Co',
        url: undefined,
        logo: 'https://x.test/logo.png',
        sameAs: ['https://github.com/x'],
      },
    ]);
    expect(summary.claims).toEqual({
      names: [
        { type: 'headline', value: 'Hello world' },
        { type: 'Product name', value: 'Widget' },
      ],
      prices: [{ value: 49, currency: 'USD' }, { value: 10 }, { value: 20 }],
      dates: [{ property: 'datePublished', value: '2025-01-05' }],
    });
  });
});

describe('JSON-LD against the visible page', () => {
  it('reads prices in the usual notations', () => {
    expect(parseAmount('1,299.00')).toBe(1299);
    expect(parseAmount('1.299,00')).toBe(1299);
    expect(parseAmount('49,5')).toBe(49.5);
    expect(visiblePrices('Now $49.99, was US$ 1,299 or 12,50 € or EUR 7 or 30 GBP; 2024 is a year.')).toEqual(
      [
        { value: 49.99, currency: 'USD', raw: '$49.99' },
        { value: 1299, currency: 'USD', raw: 'US$ 1,299' },
        { value: 12.5, currency: 'EUR', raw: '12,50 €' },
        { value: 7, currency: 'EUR', raw: 'EUR 7' },
        { value: 30, currency: 'GBP', raw: '30 GBP' },
      ],
    );
  });

  it('reports names, dates and prices the page contradicts, and nothing when they agree', () => {
    const claims = {
      names: [{ type: 'headline', value: 'Choosing a garden hose' }],
      prices: [{ value: 49, currency: 'USD' }],
      dates: [{ property: 'datePublished' as const, value: '2025-01-05T10:00:00Z' }],
    };
    const agrees = {
      title: 'Garden hose guide',
      h1: 'Choosing a garden hose',
      times: ['2025-01-05'],
      text: 'Only $49.00 today',
    };
    expect(jsonLdConflicts(claims, agrees)).toEqual([]);
    expect(
      jsonLdConflicts(claims, {
        title: 'Lawn mowers',
        h1: 'Best lawn mowers',
        times: ['2023-03-01'],
        metaPublished: '2024-06-01',
        text: 'Now $59.00',
      }),
    ).toEqual([
      'JSON-LD headline “Choosing a garden hose” matches neither the title “Lawn mowers” nor the H1 “Best lawn mowers”',
      'JSON-LD datePublished 2025-01-05T10:00:00Z, but the page shows 2023-03-01',
      'JSON-LD datePublished 2025-01-05T10:00:00Z contradicts article:published_time 2024-06-01',
      'JSON-LD price 49 USD, but the page shows $59.00',
    ]);
    expect(jsonLdConflicts(claims, { ...agrees, text: 'Call us for a quote' })).toEqual([
      'JSON-LD price 49 USD, but no price is visible on the page',
    ]);
  });
});

const organization = (origin: string, over: object = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'Organization',
  '@id': `${origin}/#org`,
  name: 'Example Co',
  url: `${origin}/`,
  logo: `${origin}/logo.png`,
  sameAs: ['https://github.com/example'],
  ...over,
});

const links = '<a href="/about">About us</a> <a href="/post">Post</a> <a href="/product">Product</a>';

function siteRoutes(defects: boolean) {
  return {
    '/': (o: string) => ({
      body: page({
        jsonLd: [organization(o)],
        body: `<main><h1>Example Co</h1><p>${prose(20)}</p>${links}</main>`,
      }),
    }),
    '/about': (o: string) => ({
      body: page({
        jsonLd: [
          organization(
            o,
            defects
              ? { name: 'Example Company Ltd', logo: `${o}/old-logo.png`, sameAs: ['https://x.example/ex'] }
              : {},
          ),
        ],
        body: `<main><h1>About Example Co</h1><p>${prose(20)}</p></main>`,
      }),
    }),
    '/post': (o: string) => ({
      body: page({
        jsonLd: [
          {
            '@context': 'https://schema.org',
            '@type': 'BlogPosting',
            headline: defects ? 'Completely unrelated headline words' : 'Choosing a garden hose',
            datePublished: '2025-01-05',
            publisher: { '@id': defects ? `${o}/#missing` : `${o}/#org` },
            author: { '@id': `${o}/authors#jane` },
          },
        ],
        body: `<main><h1>Choosing a garden hose</h1><p>Published <time datetime="${defects ? '2023-03-01' : '2025-01-05'}">then</time>. ${prose(30)}</p></main>`,
      }),
    }),
    '/product': {
      body: page({
        jsonLd: [
          {
            '@context': 'https://schema.org',
            '@type': 'Product',
            name: 'Garden hose 20 m',
            offers: { '@type': 'Offer', price: '49.00', priceCurrency: 'USD' },
          },
        ],
        body: `<main><h1>Garden hose 20 m</h1><p>${defects ? 'Price: $59.00' : 'Price: $49.00'}. ${prose(20)}</p></main>`,
      }),
    },
  };
}

describe('structured-data checks across a fixture site', () => {
  it('pass when the graph resolves, the organisation is consistent and the markup matches the page', async () => {
    const site = await auditSite(siteRoutes(false));
    for (const id of ['structured_data.entity-consistency', 'structured_data.matches-page'])
      expect([id, site.check(id).status, site.finding(id)]).toEqual([id, 'PASSED', undefined]);
    // /authors was not crawled: the reference is listed as not verified, and costs nothing.
    expect(site.check('structured_data.id-references')).toMatchObject({
      status: 'PASSED',
      score: 1,
      severity: 'INFO',
    });
    expect(site.finding('structured_data.id-references')?.detail).toContain(
      `1 reference(s) point at pages that were not crawled, so they were not verified: ${site.origin}/authors#jane`,
    );
  });

  it('flag dangling @ids, an inconsistent organisation and markup that contradicts the page', async () => {
    const site = await auditSite(siteRoutes(true));
    const o = site.origin;
    const refs = site.finding('structured_data.id-references');
    expect(refs).toMatchObject({ severity: 'MEDIUM', urls: [`${o}/post`] });
    expect(refs?.detail).toContain(`${o}/#missing (not defined on ${o}/, which was crawled)`);
    const entity = site.finding('structured_data.entity-consistency');
    expect(entity?.severity).toBe('MEDIUM');
    expect(entity?.detail).toContain('name: “Example Co” on / vs “Example Company Ltd” on /about');
    expect(entity?.detail).toContain(`logo: “${o}/logo.png” on / vs “${o}/old-logo.png” on /about`);
    expect(entity?.detail).toContain(
      'sameAs: [https://github.com/example] on / vs [https://x.example/ex] on /about',
    );
    expect(site.check('structured_data.entity-consistency').score).toBe(0);
    const matches = site.finding('structured_data.matches-page');
    expect(matches?.urls.sort()).toEqual([`${o}/post`, `${o}/product`]);
    expect(matches?.detail).toContain(
      'JSON-LD headline “Completely unrelated headline words” matches neither',
    );
    expect(matches?.detail).toContain('JSON-LD datePublished 2025-01-05, but the page shows 2023-03-01');
    expect(matches?.detail).toContain('JSON-LD price 49 USD, but the page shows $59.00');
  });
});
