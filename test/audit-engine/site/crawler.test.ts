import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  MAX_GUNZIPPED_BYTES,
  readSitemaps,
  sitemapText,
} from '../../../src/audit-engine/site/crawler/sitemap.js';
import { fetchRobots, robotsAllows } from '../../../src/audit-engine/site/crawler/robots.js';
import { runSiteAudit } from '../../../src/audit-engine/site/index.js';
import { createSafeFetcher } from '../../../src/audit-engine/net/safe-fetch.js';
import { startFixtureServer, type FixtureServer, type Route } from '../helpers/fixture-server.js';
import { page } from '../helpers/html.js';

type Details = {
  pages: { url: string; finalUrl?: string }[];
  stats: { pagesSkipped: Record<string, { count: number; examples: string[] }> };
  robots: { status: string };
};

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const links = (paths: string[]) => paths.map((p) => `<a href="${p}">${p}</a>`).join(' ');
const simple = (title: string, body = ''): Route => ({
  body: page({ nav: false, body: `<h1>${title}</h1>${body}` }),
});

async function audit(routes: Record<string, Route>, limits = {}) {
  server = await startFixtureServer(routes);
  const report = await runSiteAudit(`${server.origin}/`, { allowedPrivateHosts: ['127.0.0.1'], limits });
  return { report, details: report.details as Details, requests: server.requests.map((r) => r.path) };
}

describe('crawler obeys robots.txt through redirects and schemes', () => {
  it('drops a page that a redirect leads into a disallowed path, without analysing it', async () => {
    const { details } = await audit({
      '/': simple('Home', links(['/go', '/ok'])),
      '/robots.txt': {
        headers: { 'content-type': 'text/plain' },
        body: 'User-agent: *\nDisallow: /private\n',
      },
      '/go': { status: 302, headers: { location: '/private/secret' } },
      '/private/secret': simple('Secret'),
      '/ok': simple('Ok'),
    });
    const urls = details.pages.map((p) => new URL(p.finalUrl ?? p.url).pathname);
    expect(urls).toEqual(expect.arrayContaining(['/', '/ok']));
    expect(urls).not.toContain('/private/secret');
    expect(urls).not.toContain('/go');
    expect(details.stats.pagesSkipped['robots']?.examples.some((u) => u.endsWith('/private/secret'))).toBe(
      true,
    );
  });

  it('reads a same-host URL of the other scheme with the site scheme, and refuses what it cannot place', async () => {
    server = await startFixtureServer({
      '/robots.txt': {
        headers: { 'content-type': 'text/plain' },
        body: 'User-agent: *\nDisallow: /private\n',
      },
    });
    const fetcher = createSafeFetcher({ allowedPrivateHosts: ['127.0.0.1'] });
    try {
      const robots = await fetchRobots(fetcher, server.origin, undefined);
      const other = server.origin.replace('http:', 'https:');
      expect(robotsAllows(robots, `${other}/private/x`, 'AEOAuditBot')).toBe(false);
      expect(robotsAllows(robots, `${other}/public`, 'AEOAuditBot')).toBe(true);
      expect(robotsAllows(robots, `${server.origin}/private/x`, 'AEOAuditBot')).toBe(false);
      expect(robotsAllows(robots, 'http://elsewhere.test/private/x', 'AEOAuditBot')).toBe(true);
      expect(robotsAllows(robots, 'not a url', 'AEOAuditBot')).toBe(false);
    } finally {
      await fetcher.close();
    }
  });
});

describe('crawler keeps one page per final URL', () => {
  it('dedupes a redirect and its target, an empty "?" and utm_* variants', async () => {
    const { details, requests } = await audit({
      '/': simple(
        'Home',
        links(['/a', '/b', '/b?', '/b?utm_source=x&utm_medium=y', '/c?utm_campaign=z&id=1']),
      ),
      '/a': { status: 301, headers: { location: '/b' } },
      '/b': simple('B'),
      '/c?id=1': simple('C'),
    });
    const finals = details.pages.map(
      (p) => new URL(p.finalUrl ?? p.url).pathname + new URL(p.finalUrl ?? p.url).search,
    );
    expect(finals.filter((u) => u === '/b')).toHaveLength(1);
    expect(finals).toContain('/c?id=1');
    expect(requests.filter((p) => p.startsWith('/b?'))).toEqual([]);
    expect(requests.some((p) => p.includes('utm_'))).toBe(false);
  });
});

describe('robots.txt fetch failures', () => {
  it('treats too many redirects as missing (allow all)', async () => {
    const hops = Object.fromEntries(
      Array.from({ length: 8 }, (_, i): [string, Route] => [
        i === 0 ? '/robots.txt' : `/r${i}`,
        { status: 302, headers: { location: `/r${i + 1}` } },
      ]),
    );
    const { details } = await audit({ '/': simple('Home', links(['/x'])), '/x': simple('X'), ...hops });
    expect(details.robots.status).toBe('missing');
    expect(details.pages).toHaveLength(2);
  });

  it('retries once after a 5xx before treating robots.txt as a server error', async () => {
    let calls = 0;
    const { details } = await audit({
      '/': simple('Home', links(['/x'])),
      '/x': simple('X'),
      '/robots.txt': {
        handle: (_req, res) => {
          calls++;
          if (calls === 1) res.writeHead(503).end('busy');
          else res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
        },
      },
    });
    expect(calls).toBe(2);
    expect(details.robots.status).toBe('ok');
    expect(details.pages).toHaveLength(2);
  });

  it('retries once after a timeout', async () => {
    let calls = 0;
    const { details } = await audit(
      {
        '/': simple('Home'),
        '/robots.txt': {
          handle: (_req, res) => {
            calls++;
            if (calls > 1)
              res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
          },
        },
      },
      { requestTimeoutMs: 300 },
    );
    expect(calls).toBe(2);
    expect(details.robots.status).toBe('ok');
  });
});

describe('gzipped sitemaps', () => {
  it('reads a .xml.gz sitemap (and a gzip body at any URL) by its magic bytes', async () => {
    const xml = (path: string) => `<urlset><url><loc>http://x.test/${path}</loc></url></urlset>`;
    const gz = (body: string): Route => ({
      handle: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/x-gzip' });
        res.end(gzipSync(body));
      },
    });
    server = await startFixtureServer({
      '/sitemap.xml': { headers: { 'content-type': 'application/xml' }, body: xml('plain') },
      '/sitemap.xml.gz': gz(xml('zipped')),
      '/bomb.xml.gz': gz(' '.repeat(MAX_GUNZIPPED_BYTES + 1)),
    });
    const fetcher = createSafeFetcher({ allowedPrivateHosts: ['127.0.0.1'] });
    try {
      const info = await readSitemaps(
        fetcher,
        server.origin,
        [`${server.origin}/sitemap.xml.gz`, `${server.origin}/bomb.xml.gz`],
        1024 * 1024,
        undefined,
      );
      expect(info.entries.map((e) => e.loc)).toEqual(['http://x.test/zipped', 'http://x.test/plain']);
      expect(info.files.find((f) => f.url.endsWith('/bomb.xml.gz'))?.error).toBeDefined();
    } finally {
      await fetcher.close();
    }
  });

  it('inflates as much as arrived of a gzip body cut on the wire', () => {
    const zipped = gzipSync(
      `<urlset><url><loc>a</loc></url>${'<url><loc>b</loc></url>'.repeat(5000)}</urlset>`,
    );
    const text = sitemapText({ body: '', raw: zipped.subarray(0, Math.floor(zipped.length / 2)) });
    expect(text.startsWith('<urlset><url><loc>a</loc></url>')).toBe(true);
  });
});

describe('the time budget', () => {
  it('skips the AI user-agent probe and llms.txt link checks once past the deadline', async () => {
    const { details, requests } = await audit(
      {
        '/': simple('Slow', links(['/hang'])),
        '/hang': { handle: () => undefined },
        '/llms.txt': {
          headers: { 'content-type': 'text/plain' },
          body: '# Site\n\n> Summary.\n\n## Docs\n\n- [L](/l1): a link\n',
        },
      },
      { requestTimeoutMs: 400, totalTimeMs: 300, concurrencyPerHost: 1 },
    );
    expect(requests.filter((p) => p === '/')).toHaveLength(1);
    expect(requests).toContain('/llms.txt');
    expect(requests).not.toContain('/l1');
    expect(
      (details as unknown as { aiUserAgentProbe: { results: unknown[] } }).aiUserAgentProbe.results,
    ).toEqual([]);
  });
});
