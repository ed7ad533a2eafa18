import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  runSiteAudit,
  type SiteAuditOptions,
  type SiteDetails,
} from '../../../src/audit-engine/site/index.js';
import { AuditInputError, type ProgressUpdate } from '../../../src/audit-engine/report.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { page } from '../helpers/html.js';

const allow: SiteAuditOptions = { allowedPrivateHosts: ['127.0.0.1'] };
const links = (paths: string[]) => paths.map((p) => `<a href="${p}">${p}</a>`).join(' ');
const CHUNK = Buffer.alloc(64 * 1024, ' ');

type Details = SiteDetails & {
  sitemaps: { urlsRead: number; files: { url: string; truncated: boolean; entries: number }[] };
  robots: { status: string; truncated: boolean };
};

describe('site audit against hostile servers', () => {
  let server: FixtureServer;
  let bytesStreamed = 0;

  beforeAll(async () => {
    server = await startFixtureServer({
      '/': {
        body: page({
          nav: false,
          body: `<h1>Hostile</h1>${links(['/to-metadata', '/loop', '/huge', '/hang', '/broken-html', '/depth/1'])}`,
        }),
      },
      '/to-metadata': { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
      '/loop': { status: 302, headers: { location: '/loop2' } },
      '/loop2': { status: 302, headers: { location: '/loop' } },
      '/huge': {
        handle: (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.write('<html><body><h1>Huge</h1><p>');
          const write = () => {
            while (bytesStreamed < 50 * 1024 * 1024) {
              bytesStreamed += CHUNK.length;
              if (!res.write(CHUNK)) return void res.once('drain', write);
            }
            res.end('</p></body></html>');
          };
          write();
        },
      },
      '/hang': { handle: () => undefined },
      '/broken-html': {
        body: '<html><head><title>Broken <b>page</head><body><div><p>Unclosed <table><tr><td>cell<script>var x = "</div>";</script><h1>Still here</h2></body',
      },
      ...Object.fromEntries(
        Array.from({ length: 8 }, (_, i) => [
          `/depth/${i + 1}`,
          { body: page({ nav: false, body: `<h1>Depth ${i + 1}</h1>${links([`/depth/${i + 2}`])}` }) },
        ]),
      ),
    });
  });
  afterAll(() => server.close());

  // Bounded in time by the limits, not by a wall clock here (these machines are shared): a page
  // that never ends or never answers would hold the audit past the test's timeout.
  it('survives every hostile page and reports each as a finding, within bounds', async () => {
    const report = await runSiteAudit(`${server.origin}/`, {
      ...allow,
      limits: { requestTimeoutMs: 500, maxBytes: 512 * 1024, maxDepth: 3 },
    });
    const details = report.details as unknown as Details;
    const byPath = new Map(details.pages.map((p) => [new URL(p.url).pathname, p]));

    expect(byPath.get('/to-metadata')?.error).toMatch(
      /redirects to http:\/\/169\.254\.169\.254\/.*non-public address \(linkLocal\)/,
    );
    expect(byPath.get('/loop')?.error).toMatch(/redirect loop/);
    expect(byPath.get('/hang')?.error).toMatch(/did not respond within 500 ms/);
    expect(byPath.get('/huge')).toMatchObject({ status: 200, truncated: true });
    expect(bytesStreamed).toBeLessThan(20 * 1024 * 1024);
    expect(byPath.get('/broken-html')?.status).toBe(200);

    const errors = report.findings.find((f) => f.checkId === 'indexability.http-errors');
    expect(errors?.urls.map((u) => new URL(u).pathname).sort()).toEqual(['/hang', '/loop', '/to-metadata']);

    // maxDepth 3: /depth/1..3 fetched (depths 1..3), /depth/4 skipped.
    expect([...byPath.keys()].filter((p) => p.startsWith('/depth/')).sort()).toEqual([
      '/depth/1',
      '/depth/2',
      '/depth/3',
    ]);
    expect(details.skipped).toEqual([
      { url: `${server.origin}/depth/4`, reason: 'limit', detail: 'max-depth 3' },
    ]);
    expect(details.skippedTotal).toEqual({ limit: 1 });
    // Requests that failed are pages (status null, the error), not skips.
    expect(byPath.get('/hang')).toMatchObject({ status: null, fetchMs: null, words: null, indexable: false });
    expect(byPath.get('/loop')?.redirects).toEqual([]);
  });

  it('stops crawling when the total time budget runs out and still reports', async () => {
    const slow = await startFixtureServer({
      '/': { body: page({ nav: false, body: `<h1>Slow site</h1>${links(['/hang', '/hang2', '/a'])}` }) },
      '/hang': { handle: () => undefined },
      '/hang2': { handle: () => undefined },
    });
    const report = await runSiteAudit(`${slow.origin}/`, {
      ...allow,
      limits: { requestTimeoutMs: 400, totalTimeMs: 300, concurrencyPerHost: 1 },
    });
    await slow.close();
    const details = report.details as unknown as Details;
    expect(details.stats.pagesFetched).toBe(2);
    expect(details.skipped).toEqual([
      { url: `${slow.origin}/hang2`, reason: 'limit', detail: 'time budget' },
      { url: `${slow.origin}/a`, reason: 'limit', detail: 'time budget' },
    ]);
    expect(details.skippedTotal).toEqual({ limit: 2 });
    expect(details.stats.durationMs).toBeLessThan(2000);
  });

  it('refuses a start URL that redirects to the cloud metadata address', async () => {
    await expect(runSiteAudit(`${server.origin}/to-metadata`, allow)).rejects.toThrow(
      /169\.254\.169\.254.*non-public address \(linkLocal\); add the host to AUDIT_ALLOWED_PRIVATE_HOSTS/,
    );
  });

  it('words a name that does not resolve exactly as one that resolves to a private address', async () => {
    const port = new URL(server.origin).port;
    const failure = (lookup: () => Promise<{ address: string; family: number }[]>) =>
      runSiteAudit(`http://internal.test:${port}/`, { lookup }).catch((error: Error) => error.message);
    const missing = await failure(async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND internal.test'), { code: 'ENOTFOUND' });
    });
    const internal = await failure(async () => [{ address: '10.1.2.3', family: 4 }]);
    expect(missing).toContain('internal.test does not resolve to a public address');
    expect(missing).toBe(internal);
  });

  it('refuses a hostname that resolves to loopback unless allowlisted', async () => {
    const port = new URL(server.origin).port;
    const lookup = async () => [{ address: '127.0.0.1', family: 4 }];
    const attempt = runSiteAudit(`http://evil.test:${port}/`, { lookup });
    await expect(attempt).rejects.toBeInstanceOf(AuditInputError);
    await expect(runSiteAudit(`http://evil.test:${port}/`, { lookup })).rejects.toThrow(
      'evil.test does not resolve to a public address; add the host to AUDIT_ALLOWED_PRIVATE_HOSTS',
    );
    const report = await runSiteAudit(`http://evil.test:${port}/`, {
      lookup,
      allowedPrivateHosts: ['evil.test'],
      limits: { maxPages: 1 },
    });
    expect((report.details as unknown as Details).stats.pagesFetched).toBe(1);
  });

  it('does not reveal what an internal hostname resolves to', async () => {
    const lookup = async () => [{ address: '10.1.2.3', family: 4 }];
    const err = await runSiteAudit('http://internal.test/', { lookup }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AuditInputError);
    expect((err as Error).message).toContain('internal.test does not resolve to a public address');
    expect((err as Error).message).not.toContain('10.1.2.3');
  });

  it('gives clear input errors for bad URLs, loops and silent servers', async () => {
    await expect(runSiteAudit('ftp://example.com/', allow)).rejects.toThrow(
      '"ftp://example.com/" is not an http(s) URL',
    );
    await expect(runSiteAudit('http://exa mple.com', allow)).rejects.toThrow(AuditInputError);
    await expect(runSiteAudit(`${server.origin}/loop`, allow)).rejects.toThrow(/redirect loop/);
    await expect(
      runSiteAudit(`${server.origin}/hang`, { ...allow, limits: { requestTimeoutMs: 300 } }),
    ).rejects.toThrow(/did not respond within 300 ms/);
  });

  it('stops when the signal aborts mid-crawl', async () => {
    const controller = new AbortController();
    const updates: ProgressUpdate[] = [];
    const started = Date.now();
    const run = runSiteAudit(`${server.origin}/`, {
      ...allow,
      signal: controller.signal,
      // /hang would hold a page for 20 s: the abort must not wait for it.
      limits: { requestTimeoutMs: 20_000 },
      onProgress: (u) => {
        updates.push(u);
        if (u.stage === 'Crawling pages' && updates.length > 3)
          controller.abort(new Error('cancelled by user'));
      },
    });
    await expect(run).rejects.toThrow('cancelled by user');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(updates.at(-1)?.progress).toBeLessThan(1);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(
      runSiteAudit(`${server.origin}/`, { ...allow, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('site audit against oversized robots.txt and sitemaps', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer({
      '/': { body: page({ body: `<h1>Big files</h1>${links(['/a', '/b'])}` }) },
      '/a': { body: page({ body: '<h1>A</h1>' }) },
      '/b': { body: page({ body: '<h1>B</h1>' }) },
      // ~1 MB robots.txt, streamed; the rule that matters comes after the 500 KiB RFC 9309 limit.
      '/robots.txt': {
        handle: (_req, res, origin) => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write(`User-agent: *\nDisallow: /b\nSitemap: ${origin}/sitemap.xml\n`);
          for (let i = 0; i < 20_000; i++) res.write(`Disallow: /generated/path/number/${i}/\n`);
          res.end('User-agent: *\nDisallow: /a\n');
        },
      },
      // 100,000 URLs, generated while streaming.
      '/sitemap.xml': {
        handle: (_req, res, origin) => {
          res.writeHead(200, { 'content-type': 'application/xml' });
          res.write('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
          let i = 0;
          const write = () => {
            while (i < 100_000) {
              const ok = res.write(`<url><loc>${origin}/p/${i}</loc><lastmod>2024-01-01</lastmod></url>\n`);
              i++;
              if (!ok) return void res.once('drain', write);
            }
            res.end('</urlset>');
          };
          write();
        },
      },
    });
  });
  afterAll(() => server.close());

  it('reads robots.txt up to 500 KiB and a sitemap up to its caps, and respects maxPages', async () => {
    const report = await runSiteAudit(`${server.origin}/`, { ...allow, limits: { maxPages: 10 } });
    const details = report.details as unknown as Details;
    expect(details.robots).toMatchObject({ status: 'ok', truncated: true });
    expect(report.findings.find((f) => f.checkId === 'ai_access.robots-txt')).toMatchObject({
      severity: 'LOW',
    });
    const paths = details.pages.map((p) => new URL(p.url).pathname);
    expect(paths).toContain('/a');
    expect(paths).not.toContain('/b');
    expect(details.stats.pagesFetched).toBe(10);
    expect(details.skippedTotal.robots).toBe(1);
    expect(details.skippedTotal.limit).toBeGreaterThan(0);
    expect(details.skipped.find((s) => s.reason === 'limit')?.detail).toBe('max-pages 10');
    expect(details.pagesTotal).toBe(10);
    expect(details.sitemaps.urlsRead).toBe(5000);
    expect(details.sitemaps.files[0]).toMatchObject({ truncated: true, entries: 5000 });
  });
});
