import { describe, expect, it } from '@jest/globals';
import { hreflangProblem } from '../../../src/audit-engine/site/page/hreflang.js';
import { page } from '../helpers/html.js';
import { auditSite } from './fixtures/audit.js';

describe('hreflang values', () => {
  it('accepts languages, scripts, regions and x-default', () => {
    for (const v of [
      'en',
      'en-GB',
      'de-AT',
      'zh-Hant',
      'zh-Hant-TW',
      'pt-br',
      'x-default',
      'X-Default',
      'fil',
    ])
      expect([v, hreflangProblem(v)]).toEqual([v, undefined]);
  });
  it('explains the usual mistakes', () => {
    expect(hreflangProblem('en_US')).toBe('"en_US" uses "_"; separate language and region with "-"');
    expect(hreflangProblem('en-UK')).toBe('"en-UK": use GB for the United Kingdom');
    expect(hreflangProblem('en-EU')).toMatch(/EU is not a country/);
    expect(hreflangProblem('us')).toBe(
      '"us": "us" is not a language code (a region alone is not enough: add the language, e.g. en-US)',
    );
    expect(hreflangProblem('es-419')).toMatch(/UN M\.49 area/);
    expect(hreflangProblem('en-XX')).toBe('"en-XX": "XX" is not a country code');
    expect(hreflangProblem('english')).toMatch(/not a language\[-script\]\[-region\] code/);
  });
});

const alternates = (origin: string, entries: [string, string][]) =>
  entries.map(([lang, path]) => `<link rel="alternate" hreflang="${lang}" href="${origin}${path}">`).join('');
const nav =
  '<a href="/en">English</a> <a href="/de">Deutsch</a> <a href="/fr">Français</a> <a href="/old">Old</a> <a href="/moved">Moved</a>';
const version = (lang: string, head: string) =>
  page({
    lang,
    head,
    title: `Version ${lang} of the page`,
    body: `<main><h1>Version ${lang}</h1><p>Text in ${lang}.</p>${nav}</main>`,
  });

describe('hreflang checks on fixture sites', () => {
  const all: [string, string][] = [
    ['en', '/en'],
    ['de', '/de'],
    ['fr', '/fr'],
    ['x-default', '/en'],
  ];

  it('pass on reciprocal, valid annotations with x-default, noting targets outside the crawl', async () => {
    const site = await auditSite({
      '/': { status: 301, headers: { location: '/en' } },
      '/en': (o) => ({ body: version('en', alternates(o, [...all, ['it', '/it']])) }),
      '/de': (o) => ({ body: version('de', alternates(o, [...all, ['it', '/it']])) }),
      '/fr': (o) => ({ body: version('fr', alternates(o, [...all, ['it', '/it']])) }),
      '/old': { body: version('en', '') },
    });
    expect(site.check('indexability.hreflang')).toMatchObject({
      status: 'PASSED',
      score: 1,
      severity: 'INFO',
    });
    expect(site.finding('indexability.hreflang')?.detail).toBe(
      `1 hreflang target(s) were not among the crawled pages. Not crawled, so not verified: ${site.origin}/it.`,
    );
    expect(site.check('indexability.hreflang-x-default')).toMatchObject({ status: 'PASSED', finding: null });
  });

  it('flag invalid codes, missing return links and self references, and bad targets', async () => {
    const site = await auditSite({
      '/': { status: 301, headers: { location: '/en' } },
      '/en': (o) => ({
        body: version(
          'en',
          alternates(o, [
            ['en', '/en'],
            ['de', '/de'],
            ['fr', '/fr'],
            ['en_GB', '/en'],
            ['es', '/old'],
            ['it', '/moved'],
          ]),
        ),
      }),
      // No return link to /en, and does not list itself.
      '/de': (o) => ({ body: version('de', alternates(o, [['fr', '/fr']])) }),
      '/fr': { status: 404, body: 'gone' },
      '/old': { status: 301, headers: { location: '/en' } },
      '/moved': { status: 301, headers: { location: '/elsewhere' } },
      '/elsewhere': { body: version('it', '') },
    });
    const o = site.origin;
    const f = site.finding('indexability.hreflang');
    expect(f?.severity).toBe('MEDIUM');
    expect(f?.urls.sort()).toEqual([`${o}/de`, `${o}/en`]);
    expect(f?.detail).toContain('"en_GB" uses "_"');
    expect(f?.detail).toContain(`${o}/de does not link back (no return hreflang)`);
    expect(f?.detail).toContain(`${o}/fr answers HTTP 404`);
    expect(f?.detail).toContain(`${o}/moved redirects to ${o}/elsewhere`);
    // A redirecting URL the crawl already reached by its target is not fetched twice: not verified.
    expect(f?.detail).toContain(`Not crawled, so not verified: ${o}/old.`);
    expect(f?.detail).toContain(`${o}/de: the page does not list itself`);
    const x = site.finding('indexability.hreflang-x-default');
    expect(x).toMatchObject({ severity: 'LOW', urls: [`${o}/en`] });
  });

  it('do not apply to a site without hreflang', async () => {
    const site = await auditSite({ '/': { body: page({ body: '<main><h1>One</h1></main>' }) } });
    expect(site.check('indexability.hreflang').reason).toBe('no crawled page has hreflang annotations');
    expect(site.check('indexability.hreflang-x-default').status).toBe('NOT_APPLICABLE');
  });
});
