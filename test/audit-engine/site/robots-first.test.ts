// robots.txt before any page: a site that refuses AEOAuditBot is not crawled, and the audit says
// why and what robots.txt says for each AI crawler; probes go only where their crawler may go.
import { afterEach, describe, expect, it } from '@jest/globals';
import { AuditInputError } from '../../../src/audit-engine/report.js';
import { runSiteAudit, type SiteDetails } from '../../../src/audit-engine/site/index.js';
import { startFixtureServer, type FixtureServer, type Route } from '../helpers/fixture-server.js';
import { page } from '../helpers/html.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const robotsTxt = (body: string): Route => ({ headers: { 'content-type': 'text/plain' }, body });
const simple = (title: string, body = ''): Route => ({
  body: page({ nav: false, body: `<h1>${title}</h1>${body}` }),
});
const links = (paths: string[]) => paths.map((p) => `<a href="${p}">${p}</a>`).join(' ');

async function start(routes: Record<string, Route>) {
  server = await startFixtureServer(routes);
  return server;
}

async function blocked(routes: Record<string, Route>, path = '/') {
  const s = await start(routes);
  const error = await runSiteAudit(`${s.origin}${path}`, { allowedPrivateHosts: ['127.0.0.1'] }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(AuditInputError);
  const failure = error as AuditInputError;
  return { message: failure.message, details: failure.details as unknown as SiteDetails, s };
}

const verdict = (details: SiteDetails, bot: string) => details.botAccess.find((b) => b.bot === bot)?.robots;

describe('robots.txt is read before any page', () => {
  it('stops a site that disallows everyone: no page fetched, no score, the verdict per AI crawler', async () => {
    const { message, details, s } = await blocked({
      '/': simple('Home'),
      '/robots.txt': robotsTxt('User-agent: *\nDisallow: /\n\nUser-agent: OAI-SearchBot\nAllow: /\n'),
    });
    expect(s.requests.map((r) => r.path)).toEqual(['/robots.txt']);
    expect(message).toContain('blocked by robots.txt for AEOAuditBot');
    expect(message).toContain(
      `${s.origin}/robots.txt disallows / for AEOAuditBot (its "User-agent: *" group)`,
    );
    expect(message).toMatch(/For AI crawlers it allows OAI-SearchBot; it blocks GPTBot, ChatGPT-User, /);
    expect(details.outcome).toEqual({
      status: 'blocked',
      reason: message.slice(message.indexOf('blocked by')),
      complete: false,
      limitsReached: [],
    });
    expect(details.pages).toEqual([]);
    expect(details.checks).toEqual([]);
    expect(verdict(details, 'OAI-SearchBot')).toBe('allowed');
    expect(verdict(details, 'GPTBot')).toBe('blocked');
    expect(details.botAccess.every((b) => b.probeStatus === null && b.probeVerdict === null)).toBe(true);
    expect(details.skipped).toEqual([
      { url: `${s.origin}/`, reason: 'robots', detail: details.outcome?.reason },
    ]);
  });

  it('stops when only AEOAuditBot is refused, and says the AI crawlers are allowed', async () => {
    const { message, details, s } = await blocked({
      '/': simple('Home'),
      '/robots.txt': robotsTxt('User-agent: AEOAuditBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n'),
    });
    expect(s.requests.map((r) => r.path)).toEqual(['/robots.txt']);
    expect(message).toContain('(its "User-agent: aeoauditbot" group)');
    expect(message).toContain('it blocks none');
    expect(details.botAccess.every((b) => b.robots === 'allowed')).toBe(true);
  });

  it('treats a robots.txt that answers 5xx twice as a full disallow (RFC 9309) and fetches no page', async () => {
    const { message, details, s } = await blocked({
      '/': simple('Home'),
      '/robots.txt': { status: 503, body: 'down' },
    });
    expect(s.requests.map((r) => r.path)).toEqual(['/robots.txt', '/robots.txt']);
    expect(message).toContain(
      'could not be read (HTTP 503), which RFC 9309 treats as disallowing everything',
    );
    expect(details.botAccess.every((b) => b.robots === 'blocked')).toBe(true);
  });

  it('stops at a start URL that redirects into a disallowed path, without analysing it', async () => {
    const { message, details } = await blocked({
      '/': { status: 302, headers: { location: '/private/home' } },
      '/private/home': simple('Home'),
      '/robots.txt': robotsTxt('User-agent: *\nDisallow: /private\n'),
    });
    expect(message).toContain('disallows /private/home for AEOAuditBot');
    expect(details.pages).toEqual([]);
  });

  it('audits a site that allows it, robots.txt first, and calls the crawl complete', async () => {
    const s = await start({
      '/': simple('Home', links(['/a'])),
      '/a': simple('A'),
      '/robots.txt': robotsTxt('User-agent: *\nAllow: /\n'),
    });
    const report = await runSiteAudit(`${s.origin}/`, { allowedPrivateHosts: ['127.0.0.1'] });
    const details = report.details as unknown as SiteDetails;
    expect(s.requests[0]?.path).toBe('/robots.txt');
    expect(details.outcome).toEqual({ status: 'audited', reason: null, complete: true, limitsReached: [] });
    expect(report.score).toBeGreaterThan(0);
  });

  it('calls a crawl that a bound stopped partial, naming the bound', async () => {
    const s = await start({
      '/': simple('Home', links(['/a', '/b', '/c'])),
      '/a': simple('A'),
      '/b': simple('B'),
      '/c': simple('C'),
    });
    const report = await runSiteAudit(`${s.origin}/`, {
      allowedPrivateHosts: ['127.0.0.1'],
      limits: { maxPages: 2 },
    });
    const details = report.details as unknown as SiteDetails;
    expect(details.outcome).toEqual({
      status: 'audited',
      reason: null,
      complete: false,
      limitsReached: ['max-pages 2'],
    });
    expect(details.skippedTotal).toEqual({ limit: 2 });
  });
});

describe('AI user-agent probes', () => {
  it('go only where robots.txt lets their crawler go', async () => {
    const s = await start({
      '/': simple('Home'),
      '/robots.txt': robotsTxt('User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n'),
    });
    const report = await runSiteAudit(`${s.origin}/`, { allowedPrivateHosts: ['127.0.0.1'] });
    const agents = s.requests.map((r) => r.userAgent);
    expect(agents.some((ua) => ua.includes('GPTBot'))).toBe(false);
    expect(agents.filter((ua) => ua.includes('ClaudeBot'))).toHaveLength(1);
    const details = report.details as unknown as SiteDetails;
    expect(details.botAccess.find((b) => b.bot === 'GPTBot')?.probeVerdict).toBeNull();
    expect(details.botAccess.find((b) => b.bot === 'ClaudeBot')?.probeVerdict).toBe('same');
  });

  it('are not sent at all when robots.txt refuses every probed crawler, and the check says why', async () => {
    const s = await start({
      '/': simple('Home'),
      '/robots.txt': robotsTxt(
        'User-agent: GPTBot\nUser-agent: ClaudeBot\nUser-agent: PerplexityBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n',
      ),
    });
    const report = await runSiteAudit(`${s.origin}/`, { allowedPrivateHosts: ['127.0.0.1'] });
    expect(s.requests.filter((r) => !r.userAgent.startsWith('AEOAuditBot'))).toEqual([]);
    const check = (report.details as unknown as SiteDetails).checks.find(
      (c) => c.checkId === 'ai_access.ai-user-agent-differs',
    );
    expect(check?.status).toBe('NOT_APPLICABLE');
    expect(check?.reason).toMatch(
      /robots\.txt disallows the start page for GPTBot, ClaudeBot, PerplexityBot/,
    );
  });
});

describe('the skipped list accounts for every URL found', () => {
  it('lists each sitemap URL beyond max-pages, so pages and skips add up to what was found', async () => {
    const paths = Array.from({ length: 30 }, (_, i) => `/s${i}`);
    const routes: Record<string, Route> = {
      '/': simple('Home'),
      '/sitemap.xml': (origin) => ({
        headers: { 'content-type': 'application/xml' },
        body: `<urlset>${paths.map((p) => `<url><loc>${origin}${p}</loc></url>`).join('')}</urlset>`,
      }),
    };
    for (const p of paths) routes[p] = simple(p);
    const s = await start(routes);
    const report = await runSiteAudit(`${s.origin}/`, {
      allowedPrivateHosts: ['127.0.0.1'],
      limits: { maxPages: 5 },
    });
    const details = report.details as unknown as SiteDetails;
    expect(details.pagesTotal).toBe(5);
    expect(details.skippedTotal).toEqual({ limit: 26 });
    const accounted = [...details.pages.map((p) => p.url), ...details.skipped.map((k) => k.url)];
    expect(new Set(accounted)).toEqual(new Set([`${s.origin}/`, ...paths.map((p) => `${s.origin}${p}`)]));
    expect(details.outcome).toMatchObject({ complete: false, limitsReached: ['max-pages 5'] });
  });
});
