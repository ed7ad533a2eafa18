// Internal linking on local fixture sites: broken links with the pages carrying them, redirect
// chains in links, orphan sitemap pages, click depth; a clean site flags none of it, and a crawl
// a bound stopped does not guess at orphans.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { CheckOutcome } from '../../../src/audit-engine/result.js';
import { runSiteAudit, type SiteDetails } from '../../../src/audit-engine/site/index.js';
import { startFixtureServer, type FixtureServer, type Route } from '../helpers/fixture-server.js';
import { page } from '../helpers/html.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const linking = (title: string, links: string[] = []): Route => ({
  body: page({
    nav: false,
    body: `<h1>${title}</h1>${links.map((l) => `<a href="${l}">${l}</a>`).join(' ')}`,
  }),
});
const moved = (to: string): Route => ({ status: 301, headers: { location: to } });
const sitemap =
  (paths: string[]): Route =>
  (origin) => ({
    headers: { 'content-type': 'application/xml' },
    body: `<urlset>${paths.map((p) => `<url><loc>${origin}${p}</loc></url>`).join('')}</urlset>`,
  });

async function audit(routes: Record<string, Route>, limits = {}) {
  server = await startFixtureServer(routes);
  const report = await runSiteAudit(`${server.origin}/`, { allowedPrivateHosts: ['127.0.0.1'], limits });
  const details = report.details as unknown as SiteDetails;
  return (id: string) => details.checks.find((c) => c.checkId === id) as CheckOutcome;
}

describe('internal linking', () => {
  it('finds broken links, redirect chains, orphans and buried pages, naming the pages to fix', async () => {
    const check = await audit({
      '/': linking('Home', ['/a', '/old', '/chain', '/missing', '/deep1']),
      '/a': linking('A', ['/missing']),
      '/old': moved('/b'),
      '/b': linking('B'),
      '/chain': moved('/chain2'),
      '/chain2': moved('/c'),
      '/c': linking('C'),
      '/deep1': linking('Deep 1', ['/deep2']),
      '/deep2': linking('Deep 2', ['/deep3']),
      '/deep3': linking('Deep 3', ['/deep4']),
      '/deep4': linking('Deep 4'),
      '/orphan': linking('Orphan'),
      '/sitemap.xml': sitemap(['/', '/a', '/orphan']),
    });
    const o = server?.origin;

    const broken = check('indexability.broken-internal-links');
    expect(broken).toMatchObject({ status: 'FAILED', severity: 'MEDIUM' });
    expect(broken.finding?.detail).toContain(`${o}/missing (HTTP 404) linked from ${o}/, ${o}/a`);
    expect(broken.finding?.urls).toEqual([`${o}/`, `${o}/a`]);

    const redirects = check('indexability.internal-link-redirects');
    expect(redirects).toMatchObject({ status: 'FAILED', severity: 'MEDIUM' });
    expect(redirects.finding?.detail).toContain(`${o}/chain → ${o}/c (2 hops) linked from ${o}/`);
    expect(redirects.finding?.detail).not.toContain(`${o}/old`);

    const orphans = check('indexability.orphan-pages');
    expect(orphans).toMatchObject({ status: 'FAILED', severity: 'MEDIUM', score: 0.5 });
    expect(orphans.finding?.urls).toEqual([`${o}/orphan`]);

    const depth = check('indexability.click-depth');
    expect(depth).toMatchObject({ status: 'FAILED', severity: 'LOW' });
    expect(depth.finding?.detail).toContain(`${o}/deep4 (4 clicks)`);
    expect(depth.finding?.urls).toEqual([`${o}/deep4`]);
  });

  it('notes a link through a single redirect without failing it', async () => {
    const check = await audit({
      '/': linking('Home', ['/old']),
      '/old': moved('/b'),
      '/b': linking('B', ['/']),
    });
    const o = server?.origin;
    expect(check('indexability.internal-link-redirects')).toMatchObject({
      status: 'PASSED',
      severity: 'INFO',
      score: 1,
    });
    expect(check('indexability.internal-link-redirects').finding?.detail).toContain(
      `${o}/old → ${o}/b (1 hop)`,
    );
  });

  it('flags nothing on a clean, well-linked site', async () => {
    const check = await audit({
      '/': linking('Home', ['/a', '/b']),
      '/a': linking('A', ['/', '/b', '/c']),
      '/b': linking('B', ['/a']),
      '/c': linking('C', ['/']),
      '/sitemap.xml': sitemap(['/', '/a', '/b', '/c']),
    });
    for (const id of [
      'indexability.broken-internal-links',
      'indexability.internal-link-redirects',
      'indexability.orphan-pages',
      'indexability.click-depth',
    ]) {
      expect([id, check(id).status, check(id).finding]).toEqual([id, 'PASSED', null]);
    }
  });

  it('does not judge orphans after a partial crawl, and says why', async () => {
    const check = await audit(
      {
        '/': linking('Home', ['/a', '/b', '/c']),
        '/a': linking('A'),
        '/b': linking('B'),
        '/c': linking('C'),
        '/orphan': linking('Orphan'),
        '/sitemap.xml': sitemap(['/a', '/orphan']),
      },
      { maxPages: 3 },
    );
    expect(check('indexability.orphan-pages')).toMatchObject({
      status: 'NOT_APPLICABLE',
      reason:
        'the crawl stopped at a bound (max-pages 3): pages it did not fetch may link to the sitemap pages',
    });
  });
});
