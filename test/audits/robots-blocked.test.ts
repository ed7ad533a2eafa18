// A SITE audit that robots.txt refuses, through the real server and worker: FAILED with the
// reason as its error, no score, the per-AI-crawler verdicts in botAccess and the outcome BLOCKED.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFixtureServer, type FixtureServer } from '../audit-engine/helpers/fixture-server.js';
import { goodSiteRoutes } from '../audit-engine/helpers/good-site.js';
import { register, uniqueEmail, type Account } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { createAudit, waitForAudit } from './helpers.js';

let server: TestServer;
let blockedSite: FixtureServer;
let openSite: FixtureServer;
let owner: Account;

beforeAll(async () => {
  blockedSite = await startFixtureServer({
    '/': { body: '<html><body><h1>Home</h1></body></html>' },
    '/robots.txt': {
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: *\nDisallow: /\n\nUser-agent: OAI-SearchBot\nAllow: /\n',
    },
  });
  openSite = await startFixtureServer(goodSiteRoutes());
  server = await startTestServer({ env: { AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' } });
  owner = await register(server, { email: uniqueEmail('robots-blocked') });
});
afterAll(async () => {
  await server?.close();
  await blockedSite?.close();
  await openSite?.close();
});

const OUTCOME = `status score grade error crawlOutcome { status reason complete limitsReached }
  botAccess { bot operator purpose description source checked robots probeStatus } pages(first: 5) { totalCount } checks { checkId }`;

async function outcome(id: string) {
  const response = await server.gql(
    `query($id: ID!) { audit(id: $id) { ${OUTCOME} } }`,
    { id },
    { token: owner.accessToken },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.audit;
}

describe('a SITE audit robots.txt refuses', () => {
  it('fails with the reason, no score, and what robots.txt says per AI crawler', async () => {
    const created = await createAudit(server, owner.accessToken, { kind: 'SITE', url: blockedSite.origin });
    await waitForAudit(server, owner.accessToken, created.id);
    const audit = await outcome(created.id);
    expect(audit).toMatchObject({
      status: 'FAILED',
      score: null,
      grade: null,
      pages: { totalCount: 0 },
      checks: [],
    });
    expect(audit.error).toContain('blocked by robots.txt for AEOAuditBot');
    expect(audit.crawlOutcome).toEqual({
      status: 'BLOCKED',
      reason: expect.stringContaining('For AI crawlers it allows OAI-SearchBot; it blocks GPTBot'),
      complete: false,
      limitsReached: [],
    });
    expect(audit.error).toContain(audit.crawlOutcome.reason);
    const bots = Object.fromEntries(
      audit.botAccess.map((b: { bot: string; robots: string }) => [b.bot, b.robots]),
    );
    expect(bots).toMatchObject({ 'OAI-SearchBot': 'allowed', GPTBot: 'blocked', ClaudeBot: 'blocked' });
    expect(audit.botAccess.find((b: { bot: string }) => b.bot === 'ClaudeBot')).toEqual({
      bot: 'ClaudeBot',
      operator: 'Anthropic',
      purpose: 'training',
      description: expect.stringContaining('training'),
      source: expect.stringMatching(/^https:\/\/support\.claude\.com\//),
      checked: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      robots: 'blocked',
      probeStatus: null,
    });
    expect(blockedSite.requests.map((r) => r.path)).toEqual(['/robots.txt']);
  });

  it('reads AUDITED and complete for a site that lets it crawl everything', async () => {
    const created = await createAudit(server, owner.accessToken, { kind: 'SITE', url: openSite.origin });
    await waitForAudit(server, owner.accessToken, created.id);
    const audit = await outcome(created.id);
    expect(audit.status).toBe('SUCCEEDED');
    expect(audit.crawlOutcome).toEqual({
      status: 'AUDITED',
      reason: null,
      complete: true,
      limitsReached: [],
    });
  });
});
