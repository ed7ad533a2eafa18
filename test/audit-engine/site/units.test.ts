import { describe, expect, it } from '@jest/globals';
import { answerFirstProblem } from '../../../src/audit-engine/site/checks/answerability.js';
import { structuredDataChecks } from '../../../src/audit-engine/site/checks/structured-data.js';
import { trustChecks } from '../../../src/audit-engine/site/checks/trust.js';
import type { CheckResult, SiteData } from '../../../src/audit-engine/site/checks/types.js';
import { validateLlmsTxt } from '../../../src/audit-engine/site/crawler/llms-txt-format.js';
import { parseSitemap } from '../../../src/audit-engine/site/crawler/sitemap.js';
import { normalizeUrl } from '../../../src/audit-engine/site/crawler/url.js';
import { extractFacts } from '../../../src/audit-engine/site/page/extract.js';
import { summarizeJsonLd } from '../../../src/audit-engine/site/page/json-ld.js';
import { countSyllables, fleschReadingEase } from '../../../src/audit-engine/site/page/readability.js';
import { CATEGORY_WEIGHTS, CRITICAL_SCORE_CAP, scoreReport } from '../../../src/audit-engine/site/scoring.js';

describe('answer-first heuristic', () => {
  it('accepts a short declarative opening', () => {
    expect(
      answerFirstProblem(
        'An SEO audit checks whether search engines can crawl, index and understand a site. It takes minutes.',
      ),
    ).toBeUndefined();
  });
  it('rejects questions, fragments and walls of text', () => {
    expect(
      answerFirstProblem('What is an audit? Let us find out together in this long article today.'),
    ).toMatch(/question/);
    expect(answerFirstProblem('Welcome to our site, friends.')).toMatch(/only 5 words/);
    expect(answerFirstProblem(`${'word '.repeat(120)}.`)).toMatch(/120 words/);
    expect(answerFirstProblem(undefined)).toBe('no paragraph after the H1');
  });
});

describe('Flesch reading ease', () => {
  it('counts syllables with the usual English heuristic', () => {
    expect(countSyllables('cat')).toBe(1);
    expect(countSyllables('table')).toBe(2);
    expect(countSyllables('reading')).toBe(2);
    expect(countSyllables('organisation')).toBe(5);
  });
  it('scores plain text high and dense text low, and needs enough words', () => {
    const plain =
      'The cat sat on the mat. It was a warm day. The dog ran to the park. We had fun in the sun. '.repeat(3);
    const dense =
      'Institutional interdisciplinary methodologies necessitate comprehensive organisational deliberation regarding implementation responsibilities and administrative accountability. '.repeat(
        3,
      );
    expect(fleschReadingEase(plain)).toBeGreaterThan(90);
    expect(fleschReadingEase(dense)).toBeLessThan(0);
    expect(fleschReadingEase('Too short.')).toBeUndefined();
  });
});

describe('validateLlmsTxt', () => {
  it('accepts the llmstxt.org shape', () => {
    const text =
      '# Site\n\n> Summary.\n\nSome notes.\n\n## Docs\n\n- [A](/a): about A\n- [B](https://x.test/b)\n\n## Optional\n\n- [C](/c)\n';
    const result = validateLlmsTxt(text, 'https://x.test/llms.txt');
    expect(result.issues).toEqual([]);
    expect(result.sections).toEqual(['Docs', 'Optional']);
    expect(result.links).toEqual(['https://x.test/a', 'https://x.test/b', 'https://x.test/c']);
    expect(result.name).toBe('Site');
  });
  it('notes (without scoring) a missing summary and sections without links', () => {
    const result = validateLlmsTxt('# Site\n\nText first.\n\n## Docs\n\nNo links here.\n', 'https://x.test/');
    // Only the H1 is required by llmstxt.org: the rest are notes, not scored issues.
    expect(result.issues).toEqual([]);
    expect(result.notes).toEqual([
      'no blockquote summary ("> …") directly after the H1',
      'H2 sections contain no "- [name](url): notes" links',
    ]);
  });
});

describe('parseSitemap', () => {
  it('reads urlsets with CDATA and entities, and sitemap indexes, up to a cap', () => {
    const xml =
      '<urlset><url><loc><![CDATA[https://x.test/a?b=1&c=2]]></loc><lastmod>2025-01-01</lastmod></url><url><loc>https://x.test/b?x=1&amp;y=2</loc></url><url><loc>https://x.test/c</loc></url></urlset>';
    expect(parseSitemap(xml, 2)).toEqual({
      isIndex: false,
      capped: true,
      entries: [
        { loc: 'https://x.test/a?b=1&c=2', lastmod: '2025-01-01' },
        { loc: 'https://x.test/b?x=1&y=2' },
      ],
    });
    const index = parseSitemap(
      '<sitemapindex><sitemap><loc>https://x.test/s1.xml</loc></sitemap></sitemapindex>',
      10,
    );
    expect(index).toMatchObject({ isIndex: true, entries: [{ loc: 'https://x.test/s1.xml' }] });
  });
});

describe('normalizeUrl', () => {
  it('resolves, strips fragments and default ports, and refuses other schemes', () => {
    expect(normalizeUrl('/a#top', 'https://X.test:443/b')).toBe('https://x.test/a');
    expect(normalizeUrl('mailto:a@b.c', 'https://x.test/')).toBeUndefined();
    expect(normalizeUrl('javascript:void(0)', 'https://x.test/')).toBeUndefined();
    expect(normalizeUrl('https://u:p@x.test/')).toBeUndefined();
  });

  it('removes an empty query and utm_* parameters, keeping the others', () => {
    expect(normalizeUrl('https://x.test/b?')).toBe('https://x.test/b');
    expect(normalizeUrl('https://x.test/b?utm_source=a&UTM_Medium=b')).toBe('https://x.test/b');
    expect(normalizeUrl('https://x.test/b?id=1&utm_campaign=c')).toBe('https://x.test/b?id=1');
    expect(normalizeUrl('https://x.test/b?q=a%20b')).toBe('https://x.test/b?q=a%20b');
  });
});

describe('summarizeJsonLd', () => {
  it('flattens @graph, checks nested required fields and survives bad JSON', () => {
    const summary = summarizeJsonLd([
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'Organization', name: 'X', url: 'https://x.test', sameAs: ['https://github.com/x'] },
          { '@type': 'Product', name: 'Thing' },
          {
            '@type': ['BlogPosting'],
            headline: 'H',
            author: { '@type': 'Person', name: 'A' },
            dateModified: '2025-01-02',
          },
        ],
      }),
      '{ not json',
    ]);
    expect(summary.types).toEqual(['Organization', 'Product', 'BlogPosting']);
    expect(summary.missingRequired).toEqual(['Product.offers|review|aggregateRating']);
    expect(summary.missingRecommended).toEqual(
      expect.arrayContaining([
        'Organization.logo',
        'Product.image',
        'BlogPosting.datePublished',
        'BlogPosting.image',
      ]),
    );
    expect(summary.sameAs).toEqual(['https://github.com/x']);
    expect(summary.hasAuthor).toBe(true);
    expect(summary.dateModified).toBe('2025-01-02');
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatch(/^block 2: /);
  });

  it('resolves @id references: a Yoast-style FAQPage whose Questions are separate @graph nodes', () => {
    const summary = summarizeJsonLd([
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'FAQPage', '@id': '#faq', mainEntity: [{ '@id': '#q1' }, { '@id': '#q2' }] },
          {
            '@type': 'Question',
            '@id': '#q1',
            name: 'Q1?',
            acceptedAnswer: { '@type': 'Answer', text: 'A1' },
          },
        ],
      }),
      // References resolve across the blocks of a page; a broken one still reports.
      JSON.stringify({ '@type': 'Question', '@id': '#q2', name: 'Q2?', acceptedAnswer: { '@id': '#a2' } }),
      JSON.stringify({ '@type': 'Answer', '@id': '#a2', text: 'A2' }),
      JSON.stringify({ '@type': 'FAQPage', mainEntity: [{ '@id': '#nowhere' }] }),
    ]);
    expect(summary.missingRequired).toEqual([
      'FAQPage.mainEntity[0].name',
      'FAQPage.mainEntity[0].acceptedAnswer',
    ]);
  });

  it('collects sameAs from Organization subtypes and nested entities', () => {
    const summary = summarizeJsonLd([
      JSON.stringify({ '@type': 'Restaurant', name: 'R', sameAs: ['https://r.example/'] }),
      JSON.stringify({
        '@type': 'Article',
        publisher: { '@type': 'NewsMediaOrganization', sameAs: 'https://news.example/' },
        author: { '@type': 'Person', name: 'P', sameAs: ['https://p.example/'] },
      }),
      JSON.stringify({ '@type': 'Product', sameAs: ['https://not-an-entity.example/'] }),
    ]);
    expect(summary.sameAs).toEqual(['https://r.example/', 'https://news.example/', 'https://p.example/']);
  });
});

describe('structured_data.organization', () => {
  it('counts a LocalBusiness subtype as the site entity', () => {
    const html = (type: string) =>
      `<html><head><script type="application/ld+json">{"@type":"${type}","name":"X"}</script></head><body><h1>X</h1></body></html>`;
    const check = structuredDataChecks.find((c) => c.checkId === 'structured_data.organization')?.run;
    const site = (type: string) => {
      const facts = extractFacts(html(type), 'https://x.test/');
      return { htmlPages: [{ facts, finalUrl: 'https://x.test/' }], home: { finalUrl: 'https://x.test/' } };
    };
    expect(check?.(site('Restaurant') as unknown as SiteData).score).toBe(1);
    expect(check?.(site('Dentist') as unknown as SiteData).score).toBe(1);
    expect(check?.(site('Product') as unknown as SiteData).score).toBe(0);
  });
});

describe('trust.https', () => {
  const site = (finalUrl: string, redirects: string[] = []) =>
    ({
      home: {
        url: redirects[0] ?? finalUrl,
        finalUrl,
        depth: 0,
        bytes: 0,
        truncated: false,
        redirects: redirects.map((url) => ({ url, status: 301, location: '' })),
      },
      htmlPages: [],
    }) as unknown as SiteData;
  const https = trustChecks.find((c) => c.checkId === 'trust.https')?.run;

  it('passes an HTTPS site reached in one hop from http', () => {
    expect(https?.(site('https://x.test/', ['http://x.test/']))).toMatchObject({ score: 1 });
    expect(https?.(site('https://x.test/', ['http://x.test/']))?.finding).toBeUndefined();
  });
  it('fails plain HTTP and HTTPS→HTTP downgrades', () => {
    expect(https?.(site('http://x.test/'))?.finding?.severity).toBe('HIGH');
    expect(
      https?.(site('https://www.x.test/', ['https://x.test/', 'http://www.x.test/']))?.finding?.detail,
    ).toContain('redirects pass through plain HTTP');
  });
});

describe('scoreReport', () => {
  const result = (
    id: string,
    category: CheckResult['category'],
    weight: number,
    score: number | undefined,
  ): CheckResult => ({
    id,
    category,
    weight,
    score,
    finding:
      score !== undefined && score < 1
        ? {
            severity: 'HIGH',
            title: id,
            detail: id,
            recommendation: 'fix',
            urls: Array.from({ length: 30 }, (_, i) => `https://x.test/${i}`),
          }
        : undefined,
  });

  it('documents weights that sum to 1', () => {
    expect(Object.values(CATEGORY_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('caps the score of a site with a critical problem below a passing grade', () => {
    const critical = result('a.one', 'ai_access', 1, 0.9);
    critical.finding = { ...critical.finding!, severity: 'CRITICAL' };
    const report = scoreReport([critical, result('b.one', 'basics', 1, 1)]);
    expect(report.categories.filter((c) => c.applicable).map((c) => c.score)).toEqual([90, 100]);
    expect(report.score).toBe(CRITICAL_SCORE_CAP);
    expect(report.grade).toBe('F');
  });

  it('computes partial credit, rescales for absent categories and prices findings in overall points', () => {
    const report = scoreReport([
      result('a.one', 'ai_access', 3, 0.5),
      result('a.two', 'ai_access', 1, 1),
      result('b.one', 'basics', 1, 0),
      result('b.na', 'basics', 5, undefined),
      { ...result('c.na', 'answerability', 2, undefined), reason: 'no page has 150 words of text to judge' },
      { ...result('c.na2', 'answerability', 1, undefined), reason: 'no page has 150 words of text to judge' },
      { ...result('t.info', 'trust', 0, 1) },
    ]);
    // ai_access: (3×0.5 + 1)/4 = 62.5; basics: 0. Weights rescaled over 0.20 + 0.05, unrounded.
    const na = (category: string, reason: string) => ({
      category,
      score: 0,
      weight: 0,
      applicable: false,
      reason,
    });
    const generic = 'no check of this category applied to this site';
    expect(report.categories).toEqual([
      { category: 'ai_access', score: 62.5, weight: 0.2 / 0.25, applicable: true },
      na('indexability', generic),
      na('structured_data', generic),
      na('answerability', 'no page has 150 words of text to judge'),
      na('content_rendering', generic),
      // A weight-0 check does not make its category applicable.
      na('trust', generic),
      na('freshness', generic),
      na('llms_txt', generic),
      { category: 'basics', score: 0, weight: 0.05 / 0.25, applicable: true },
    ]);
    expect(report.categories.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    expect(report.score).toBe(50);
    expect(report.grade).toBe('F');
    expect(report.findings.map((f) => [f.checkId, f.pointsLost])).toEqual([
      ['a.one', 30],
      ['b.one', 20],
    ]);
    expect(report.findings[0]?.urls).toHaveLength(20);
    expect(report.findings[0]?.detail).toContain('(30 URLs, first 20 listed)');
    // Points lost add up to what the score lacks.
    expect(report.findings.reduce((s, f) => s + f.pointsLost, 0)).toBeCloseTo(100 - report.score, 5);
  });
});
