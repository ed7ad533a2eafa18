import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  inflateCap,
  MAX_GUNZIPPED_BYTES,
  MAX_INFLATE_RATIO,
  readSitemaps,
  SitemapTooLargeError,
  sitemapText,
} from '../../../src/audit-engine/site/crawler/sitemap.js';
import { fetchRobots, robotsAllows } from '../../../src/audit-engine/site/crawler/robots.js';
import { runSiteAudit, type SiteDetails } from '../../../src/audit-engine/site/index.js';
import { createSafeFetcher } from '../../../src/audit-engine/net/safe-fetch.js';
import { startFixtureServer, type FixtureServer, type Route } from '../helpers/fixture-server.js';
import { page } from '../helpers/html.js';

type Details = SiteDetails & { robots: { status: string } };

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
  return {
    report,
    details: report.details as unknown as Details,
    requests: server.requests.map((r) => r.path),
  };
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
    const urls = details.pages.map((p) => new URL(p.finalUrl).pathname);
    expect(urls).toEqual(expect.arrayContaining(['/', '/ok']));
    expect(urls).not.toContain('/private/secret');
    expect(urls).not.toContain('/go');
    expect(details.skipped).toContainEqual({
      url: `${server?.origin}/go`,
      reason: 'robots',
      detail: `redirects to ${server?.origin}/private/secret; robots.txt disallows it for AEOAuditBot on the way`,
    });
    expect(details.skippedTotal).toEqual({ robots: 1 });
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

  it('inflates as much as arrived of a gzip body cut on the wire', async () => {
    const zipped = gzipSync(
      `<urlset><url><loc>a</loc></url>${'<url><loc>b</loc></url>'.repeat(5000)}</urlset>`,
    );
    const text = await sitemapText({ body: '', raw: zipped.subarray(0, Math.floor(zipped.length / 2)) });
    expect(text.startsWith('<urlset><url><loc>a</loc></url>')).toBe(true);
  });

  it(`inflates to at most ${MAX_INFLATE_RATIO}× the size on the wire (above 1 MiB), never past the cap`, async () => {
    const bomb = gzipSync(`<urlset>${'<url></url>'.repeat(500_000)}</urlset>`);
    expect(inflateCap(bomb.length)).toBe(1024 * 1024);
    await expect(sitemapText({ body: '', raw: bomb })).rejects.toBeInstanceOf(SitemapTooLargeError);
    expect(inflateCap(2 * 1024 * 1024)).toBe(MAX_GUNZIPPED_BYTES);
    // An ordinary sitemap (distinct URLs) inflates whole.
    const xml = `<urlset>${Array.from({ length: 5000 }, (_, i) => `<url><loc>https://x.test/p/${i * 7919}</loc></url>`).join('')}</urlset>`;
    expect(await sitemapText({ body: '', raw: gzipSync(xml) })).toBe(xml);
  });

  it('keeps the event loop free while five hostile .xml.gz files are read (hang guard: no stall of 5 s)', async () => {
    // <url> elements without <loc>: before, they never counted against the cap, each compiled two
    // regexes, and gunzipSync inflated each file on the event loop (about 15 s of stall for five).
    // A loaded, shared machine stalls any process for a second or more now and then: the guard is
    // set well above that and well below the old stall.
    const hostile = gzipSync(
      `<urlset>${'<url><lastmod>2020-01-01</lastmod></url>'.repeat(1_000_000)}</urlset>`,
    );
    const routes: Record<string, Route> = {};
    for (let i = 0; i < 5; i++) {
      routes[`/s${i}.xml.gz`] = {
        handle: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/x-gzip' });
          res.end(hostile);
        },
      };
    }
    server = await startFixtureServer(routes);
    const fetcher = createSafeFetcher({ allowedPrivateHosts: ['127.0.0.1'] });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    try {
      const info = await readSitemaps(
        fetcher,
        server.origin,
        Array.from({ length: 5 }, (_, i) => `${server!.origin}/s${i}.xml.gz`),
        2 * 1024 * 1024,
        undefined,
      );
      delay.disable();
      expect(info.entries).toEqual([]);
      expect(info.files.filter((file) => file.url.endsWith('.xml.gz')).map((file) => file.error)).toEqual(
        Array.from({ length: 5 }, () => expect.stringContaining('inflates to more than')),
      );
      expect(delay.max / 1e6).toBeLessThan(5000);
    } finally {
      delay.disable();
      await fetcher.close();
    }
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
      // The deadline passes while /hang is pending (robots.txt, the start page and sitemaps come first).
      { requestTimeoutMs: 1_500, totalTimeMs: 1_000, concurrencyPerHost: 1 },
    );
    expect(requests.filter((p) => p === '/')).toHaveLength(1);
    expect(requests).toContain('/llms.txt');
    expect(requests).not.toContain('/l1');
    expect(details.botAccess.every((b) => b.probeStatus === null && b.probeVerdict === null)).toBe(true);
    expect(details.probe?.baseline.error).toBe('skipped: the audit ran out of time');
    expect(details.skipped).toEqual([]);
    const notApplicable = (id: string) => details.checks.find((c) => c.checkId === id);
    expect(notApplicable('ai_access.ai-user-agent-differs')).toMatchObject({
      status: 'NOT_APPLICABLE',
      score: null,
      reason: 'the start page could not be fetched for comparison: skipped: the audit ran out of time',
    });
    expect(notApplicable('llms_txt.broken-links')).toMatchObject({
      status: 'NOT_APPLICABLE',
      reason: 'the audit ran out of time before checking the llms.txt links',
    });
  });
});

describe('pages told to the caller (what the app counts in audit_pages_crawled_total)', () => {
  it('tells every page kept, the start page first, with its status; robots.txt refusals are not requested', async () => {
    server = await startFixtureServer({
      '/robots.txt': {
        headers: { 'content-type': 'text/plain' },
        body: 'User-agent: *\nDisallow: /private/\n',
      },
      '/': simple('Home', links(['/a', '/gone', '/broken', '/private/x'])),
      '/a': simple('A'),
      '/broken': { status: 500, body: 'oops' },
    });
    const told: Array<{ status: number | null; failed: boolean }> = [];
    const report = await runSiteAudit(`${server.origin}/`, {
      allowedPrivateHosts: ['127.0.0.1'],
      onPageFetched: (page) => told.push(page),
    });
    expect(told[0]).toEqual({ status: 200, failed: false });
    expect(told.map((page) => page.status).sort()).toEqual([200, 200, 404, 500]);
    expect(told.every((page) => !page.failed)).toBe(true);
    const details = report.details as unknown as Details;
    expect(told).toHaveLength(details.pagesTotal);
    expect(details.skippedTotal.robots).toBe(1);
    expect(server.requests.map((r) => r.path)).not.toContain('/private/x');
  });
});
