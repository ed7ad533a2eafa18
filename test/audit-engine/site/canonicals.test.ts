// Canonical targets verified on local fixture sites: broken, redirected, noindex, chained and
// looping targets, paginated and parameter URLs; and a clean site where nothing is flagged.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { CheckOutcome } from '../../../src/audit-engine/result.js';
import { runSiteAudit, type SiteDetails } from '../../../src/audit-engine/site/index.js';
import { MAX_CANONICAL_FETCHES } from '../../../src/audit-engine/site/crawler/canonicals.js';
import { startFixtureServer, type FixtureServer, type Route } from '../helpers/fixture-server.js';
import { page } from '../helpers/html.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A page whose canonical is `canonical` (a path on the fixture's origin), linking to `links`. */
const at =
  (canonical: string, links: string[] = [], head = ''): Route =>
  (origin) => ({
    body: page({
      nav: false,
      canonical: `${origin}${canonical}`,
      head,
      body: `<h1>Page ${canonical}</h1>${links.map((l) => `<a href="${l}">${l}</a>`).join(' ')}`,
    }),
  });

async function audit(routes: Record<string, Route>) {
  server = await startFixtureServer(routes);
  const report = await runSiteAudit(`${server.origin}/`, { allowedPrivateHosts: ['127.0.0.1'] });
  const details = report.details as unknown as SiteDetails;
  const check = (id: string) => details.checks.find((c) => c.checkId === id) as CheckOutcome;
  return { details, check, requests: server.requests.map((r) => r.path) };
}

describe('canonical targets', () => {
  it('flags targets that are broken, redirect, are noindex, chain on or loop back', async () => {
    const { check, requests } = await audit({
      '/': at('/', ['/a', '/b', '/c', '/d', '/g', '/ok']),
      '/a': at('/gone'),
      '/b': at('/moved'),
      '/moved': { status: 301, headers: { location: '/final' } },
      '/final': at('/final'),
      '/c': at('/hidden'),
      '/hidden': at('/hidden', [], '<meta name="robots" content="noindex">'),
      '/d': at('/e'),
      '/e': at('/f'),
      '/f': at('/f'),
      '/g': at('/h'),
      '/h': at('/g'),
      '/ok': at('/good'),
      '/good': at('/good'),
    });
    const target = check('indexability.canonical-target');
    expect(target.status).toBe('FAILED');
    expect(target.severity).toBe('HIGH');
    const o = server?.origin;
    const detail = target.finding?.detail ?? '';
    expect(detail).toContain(`${o}/a: canonical ${o}/gone answers HTTP 404`);
    expect(detail).toContain(`${o}/b: canonical ${o}/moved redirects to ${o}/final`);
    expect(detail).toContain(`${o}/c: canonical ${o}/hidden is "noindex"`);
    expect(detail).toContain(`${o}/d: canonical chain: ${o}/d → ${o}/e → ${o}/f`);
    expect(detail).toMatch(/^5 of 6 pages: /);
    expect(target.finding?.urls).toContain(`${o}/g`);
    expect(target.finding?.urls).not.toContain(`${o}/ok`);
    // Targets the crawl did not reach were fetched once each; the crawled ones were not refetched.
    for (const path of ['/gone', '/moved', '/hidden', '/e', '/h', '/good'])
      expect(requests.filter((p) => p === path)).toHaveLength(1);
  });

  it('names the loop', async () => {
    const { check } = await audit({ '/': at('/', ['/g']), '/g': at('/h'), '/h': at('/g') });
    const o = server?.origin;
    expect(check('indexability.canonical-target').finding?.detail).toContain(
      `canonical loop: ${o}/g → ${o}/h → ${o}/g`,
    );
  });

  it('passes live, final, self-canonical targets and flags nothing on a clean site', async () => {
    const { check } = await audit({
      '/': at('/', ['/print', '/list', '/list?page=2']),
      '/print': at('/article'),
      '/article': at('/article'),
      '/list': at('/list'),
      '/list?page=2': at('/list?page=2'),
    });
    expect(check('indexability.canonical-target')).toMatchObject({
      status: 'PASSED',
      score: 1,
      finding: null,
    });
    expect(check('indexability.canonical-pagination')).toMatchObject({ status: 'PASSED', score: 1 });
    expect(check('indexability.canonical-conflict')).toMatchObject({ status: 'PASSED' });
  });

  it('is not applicable when every page is its own canonical', async () => {
    const { check } = await audit({ '/': at('/', ['/x']), '/x': at('/x') });
    expect(check('indexability.canonical-target')).toMatchObject({
      status: 'NOT_APPLICABLE',
      reason: 'no crawled page names another URL of the site as canonical',
    });
    expect(check('indexability.canonical-pagination').reason).toBe(
      'no crawled page has a paginated or parameter URL',
    );
  });

  it(`fetches at most ${MAX_CANONICAL_FETCHES} targets beyond the crawl, and never one robots.txt refuses`, async () => {
    const paths = Array.from({ length: 25 }, (_, i) => `/p${i}`);
    const routes: Record<string, Route> = {
      '/': at('/', paths),
      '/robots.txt': {
        headers: { 'content-type': 'text/plain' },
        body: 'User-agent: *\nDisallow: /secret\n',
      },
      '/q': at('/secret'),
    };
    for (const [i, p] of paths.entries()) routes[p] = at(`/target${i}`);
    routes['/'] = at('/', [...paths, '/q']);
    const { requests } = await audit(routes);
    expect(requests.filter((p) => p.startsWith('/target'))).toHaveLength(MAX_CANONICAL_FETCHES);
    expect(requests).not.toContain('/secret');
  });
});

describe('canonicals on paginated and parameter URLs', () => {
  it('flags page 2 canonicalised to page 1 and a sort variant naming itself', async () => {
    const { check } = await audit({
      '/': at('/', ['/blog', '/blog/page/2', '/shop?sort=price']),
      '/blog': at('/blog'),
      '/blog/page/2': at('/blog'),
      '/shop?sort=price': at('/shop?sort=price'),
    });
    const o = server?.origin;
    const result = check('indexability.canonical-pagination');
    expect(result).toMatchObject({ status: 'FAILED', severity: 'MEDIUM', score: 0 });
    expect(result.finding?.detail).toContain(
      `${o}/blog/page/2: page 2 of a series names ${o}/blog canonical`,
    );
    expect(result.finding?.detail).toContain(
      `${o}/shop?sort=price: a sort variant names itself (${o}/shop?sort=price) canonical instead of the URL without it`,
    );
  });
});
