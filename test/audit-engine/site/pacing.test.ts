// Politeness measured on a local server that records when each request arrives: Crawl-delay
// spacing, Retry-After pauses after 429/503, both within the audit's time bound, and the
// number of requests in flight per host.
import { afterEach, describe, expect, it } from '@jest/globals';
import { retryAfterMs } from '../../../src/audit-engine/site/crawler/pacer.js';
import { runSiteAudit, type SiteDetails } from '../../../src/audit-engine/site/index.js';
import { startFixtureServer, type FixtureServer, type Route } from '../helpers/fixture-server.js';
import { page } from '../helpers/html.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Arrival {
  path: string;
  at: number;
}

const html = (title: string, links: string[] = []) =>
  page({ nav: false, body: `<h1>${title}</h1>${links.map((l) => `<a href="${l}">${l}</a>`).join(' ')}` });

/** Routes whose every request is timed; `delayMs` holds each response that long (to overlap requests). */
function timed(routes: Record<string, Route>, delayMs = 0) {
  const arrivals: Arrival[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const wrapped: Record<string, Route> = {};
  for (const [path, route] of Object.entries(routes)) {
    wrapped[path] = {
      handle: async (req, res, origin) => {
        arrivals.push({ path, at: Date.now() });
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        inFlight--;
        if ('handle' in route) return route.handle(req, res, origin);
        const r = typeof route === 'function' ? route(origin) : route;
        res.writeHead(r.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...r.headers });
        res.end(r.body ?? '');
      },
    };
  }
  return { wrapped, arrivals, maxInFlight: () => maxInFlight };
}

async function run(routes: Record<string, Route>, limits = {}, delayMs = 0) {
  const t = timed(routes, delayMs);
  server = await startFixtureServer(t.wrapped);
  const started = Date.now();
  const report = await runSiteAudit(`${server.origin}/`, { allowedPrivateHosts: ['127.0.0.1'], limits });
  return { ...t, details: report.details as unknown as SiteDetails, tookMs: Date.now() - started };
}

const robots = (body: string): Route => ({ headers: { 'content-type': 'text/plain' }, body });

describe('Crawl-delay', () => {
  it('spaces every request to the host by the Crawl-delay for AEOAuditBot', async () => {
    const { arrivals, details } = await run({
      '/robots.txt': robots('User-agent: *\nCrawl-delay: 0.6\nAllow: /\n'),
      '/': { body: html('Home', ['/a', '/b']) },
      '/a': { body: html('A') },
      '/b': { body: html('B') },
    });
    expect(details.pacing?.crawlDelaySeconds).toBe(0.6);
    expect(details.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/a', '/b']);
    // robots.txt, the pages, sitemaps, probes and llms.txt: every request is spaced. Measured at
    // arrival on a loaded, shared event loop, a request may arrive late (the first one, on a new
    // connection, most: 230 ms has been seen), so the k-th request is checked against k delays
    // after the first, less half a delay for that first one's lateness: two requests sent
    // together still fail, and the spacing cannot be met by chance.
    expect(arrivals.length).toBeGreaterThan(5);
    const first = arrivals[0]?.at ?? 0;
    for (const [k, arrival] of arrivals.entries())
      expect(arrival.at - first).toBeGreaterThanOrEqual(k * 600 - 300);
    expect((arrivals.at(-1)?.at ?? 0) - first).toBeGreaterThanOrEqual((arrivals.length - 1) * 600 - 300);
  }, 60_000);

  it('fits in the time budget: a long delay audits fewer pages and says the crawl is partial', async () => {
    const { details, tookMs } = await run(
      {
        '/robots.txt': robots('User-agent: aeoauditbot\nCrawl-delay: 0.6\nAllow: /\n'),
        '/': { body: html('Home', ['/a', '/b', '/c', '/d', '/e']) },
        '/a': { body: html('A') },
        '/b': { body: html('B') },
        '/c': { body: html('C') },
        '/d': { body: html('D') },
        '/e': { body: html('E') },
      },
      { totalTimeMs: 3_500 },
    );
    expect(tookMs).toBeLessThan(8_000);
    expect(details.pages.length).toBeLessThan(6);
    expect(details.skipped.filter((s) => s.reason === 'limit').map((s) => s.detail)).toContain('time budget');
    expect(details.outcome).toMatchObject({
      status: 'audited',
      complete: false,
      limitsReached: ['time budget'],
    });
  });
});

describe('429 and 503 Retry-After', () => {
  it('pauses the whole host for Retry-After, then asks again once', async () => {
    let calls = 0;
    const { arrivals, details } = await run({
      '/robots.txt': robots('User-agent: *\nAllow: /\n'),
      '/': { body: html('Home', ['/a']) },
      '/a': {
        handle: (_req, res) => {
          if (++calls === 1) res.writeHead(429, { 'retry-after': '1' }).end('slow down');
          else res.writeHead(200, { 'content-type': 'text/html' }).end(html('A'));
        },
      },
    });
    expect(details.pages.find((p) => p.url.endsWith('/a'))?.status).toBe(200);
    const first = arrivals.findIndex((a) => a.path === '/a');
    const next = arrivals[first + 1];
    expect(next?.path).toBe('/a');
    expect((next?.at ?? 0) - (arrivals[first]?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect(details.pacing?.backoffs).toEqual([
      { url: expect.stringMatching(/\/a$/), status: 429, waitMs: 1000 },
    ]);
  });

  it('does not wait past the time budget: a Retry-After of an hour stops the crawl there', async () => {
    const { arrivals, details, tookMs } = await run(
      {
        '/robots.txt': robots('User-agent: *\nAllow: /\n'),
        '/': { body: html('Home', ['/a', '/b']) },
        '/a': { status: 503, headers: { 'retry-after': '3600' }, body: 'maintenance' },
        '/b': { body: html('B') },
      },
      { concurrencyPerHost: 1 },
    );
    expect(tookMs).toBeLessThan(10_000);
    expect(arrivals.filter((a) => a.path === '/a')).toHaveLength(1);
    expect(details.pages.find((p) => p.url.endsWith('/a'))?.status).toBe(503);
    expect(details.skipped).toContainEqual({
      url: expect.stringMatching(/\/b$/),
      reason: 'limit',
      detail: 'time budget',
    });
    expect(details.outcome?.complete).toBe(false);
  });

  it('waits for Retry-After on robots.txt itself before asking again', async () => {
    let calls = 0;
    const { arrivals, details } = await run({
      '/robots.txt': {
        handle: (_req, res) => {
          if (++calls === 1) res.writeHead(503, { 'retry-after': '1' }).end('busy');
          else res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
        },
      },
      '/': { body: html('Home') },
    });
    const robots = arrivals.filter((a) => a.path === '/robots.txt');
    expect(robots).toHaveLength(2);
    expect((robots[1]?.at ?? 0) - (robots[0]?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect(details.outcome?.status).toBe('audited');
  });

  it('does not wait past the time budget for robots.txt: its 5xx then blocks the audit (RFC 9309)', async () => {
    server = await startFixtureServer({
      '/robots.txt': { status: 503, headers: { 'retry-after': '3600' }, body: 'maintenance' },
      '/': { body: html('Home') },
    });
    const started = Date.now();
    await expect(runSiteAudit(`${server.origin}/`, { allowedPrivateHosts: ['127.0.0.1'] })).rejects.toThrow(
      /blocked by robots\.txt for AEOAuditBot: .*robots\.txt could not be read \(HTTP 503\), which RFC 9309 treats as disallowing everything/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests.map((r) => r.path)).toEqual(['/robots.txt']);
  });

  it('reads Retry-After as seconds or an HTTP date, and ignores anything else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('concurrency per host', () => {
  const site = () => ({
    '/robots.txt': robots('User-agent: *\nAllow: /\n'),
    '/': { body: html('Home', ['/a', '/b', '/c', '/d']) },
    '/a': { body: html('A') },
    '/b': { body: html('B') },
    '/c': { body: html('C') },
    '/d': { body: html('D') },
  });

  it('keeps at most 2 requests in flight by default', async () => {
    const { maxInFlight, details } = await run(site(), {}, 60);
    expect(details.pages).toHaveLength(5);
    expect(maxInFlight()).toBe(2);
  });

  it('keeps to the configured bound', async () => {
    const { maxInFlight } = await run(site(), { concurrencyPerHost: 1 }, 30);
    expect(maxInFlight()).toBe(1);
  });
});
