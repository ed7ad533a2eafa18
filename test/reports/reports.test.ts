// GET /reports/<id>.<format> and share links through the real server: who may read a report
// (members with a token or API key, share-link holders), what everyone else gets (one 404),
// the link lifecycle (revoke, expiry), the headers, the rate limit, and the logs.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { REDACTED_PATHS } from '../../src/infra/logger.js';
import { REPORT_RATE_LIMITS } from '../../src/server/reports-http.js';
import { createApiKey } from '../api-keys/helpers.js';
import { register, uniqueEmail, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';
import { addMember } from '../workspaces/helpers.js';
import { seedResultAudit } from '../audits/helpers.js';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk));
    done();
  },
});

let server: TestServer;
let origin: string;
let owner: Account;
let viewer: Account;
let stranger: Account;
let auditId: string;
let otherAuditId: string;
let workspaceId: string;

const CREATE_LINK = `mutation($auditId: ID!, $ttl: Int) {
  createReportLink(auditId: $auditId, expiresInSeconds: $ttl) { id url state expiresAt createdAt revokedAt } }`;
const LINKS = `query($id: ID!) { audit(id: $id) { reportLinks { id url state expiresAt revokedAt lastUsedAt } } }`;

/** A fetch from its own client address (the test server trusts X-Forwarded-For from loopback). */
let address = 0;
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}${path}`, {
    headers: {
      'x-forwarded-for': `198.51.${Math.floor(++address / 250) % 250}.${address % 250}`,
      ...headers,
    },
  });
const bearer = (account: Account) => ({ authorization: `Bearer ${account.accessToken}` });

async function createLink(token: string, id = auditId, ttl?: number) {
  const response = await server.gql(CREATE_LINK, { auditId: id, ttl }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.createReportLink as { id: string; url: string; state: string; expiresAt: string };
}

/** The path and query of a link (its host is PUBLIC_URL, not the test server's). */
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

beforeAll(async () => {
  server = await startTestServer({
    runWorker: false,
    env: { PUBLIC_URL: 'https://aeo.example' },
    logger: pino({ level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink),
  });
  origin = new URL(server.url).origin;
  owner = await register(server, { email: uniqueEmail('owner') });
  viewer = await register(server, { email: uniqueEmail('viewer') });
  stranger = await register(server, { email: uniqueEmail('stranger') });
  const workspaces = await server.gql(
    '{ viewer { workspaces { id personal } } }',
    {},
    { token: owner.accessToken },
  );
  workspaceId = workspaces.data!.viewer.workspaces.find((w: any) => w.personal).id;
  await addMember(server, workspaceId, viewer, 'VIEWER' as never);
  auditId = await seedResultAudit(server, owner.user.id, {
    categories: [{ category: 'basics', score: 72.5, weight: 1, applicable: true }],
    findings: [
      { checkId: 'meta.description', severity: 'HIGH', title: 'No meta description' },
      { checkId: 'llms.missing', severity: 'LOW', title: 'No llms.txt' },
    ],
  });
  otherAuditId = await seedResultAudit(server, owner.user.id);
});
afterAll(async () => {
  await server?.close();
});

describe('GET /reports/<id>.<format> with the API credential', () => {
  it('serves every format to a member, with safe headers', async () => {
    const expected: Record<string, RegExp> = {
      html: /^text\/html/,
      md: /^text\/markdown/,
      json: /^application\/json/,
      csv: /^text\/csv/,
      sarif: /^application\/(sarif\+)?json/,
    };
    for (const [format, type] of Object.entries(expected)) {
      const response = await get(`/reports/${auditId}.${format}`, bearer(owner));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get('x-robots-tag')).toMatch(/noindex/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-disposition')).toMatch(
        new RegExp(`^(inline|attachment); filename="aeo-${auditId}\\.${format}"$`),
      );
      if (format === 'html') {
        expect(response.headers.get('content-security-policy')).toMatch(
          /^default-src 'none'; style-src 'unsafe-inline'; img-src data:/,
        );
      }
      expect((await response.text()).length).toBeGreaterThan(0);
    }
  });

  it('serves the result document as JSON: the audit, all its findings in order, its details', async () => {
    const response = await get(`/reports/${auditId}.json`, bearer(owner));
    const document = (await response.json()) as Record<string, any>;
    expect(document).toMatchObject({
      version: 1,
      id: auditId,
      kind: 'SITE',
      status: 'SUCCEEDED',
      score: 72.5,
      grade: 'C',
      categories: [{ category: 'basics', applicable: true }],
      visibility: null,
      project: null,
    });
    expect(document.findings.map((finding: any) => finding.checkId)).toEqual([
      'meta.description',
      'llms.missing',
    ]);
    expect(document.site.pages).toHaveLength(3);
    expect(document.site.botAccess[0].bot).toBe('GPTBot');
  });

  it("names a project's audit's project and its runs up to this one, oldest first", async () => {
    const created = await server.gql(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { name: 'Shop', url: 'https://shop.example', kinds: ['SITE'] } },
      { token: owner.accessToken },
    );
    expect(created.errors).toBeUndefined();
    const projectGlobalId = created.data!.createProject.id as string;
    const projectId = Buffer.from(projectGlobalId, 'base64url').toString().split(':')[1]!;
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const first = await seedResultAudit(server, owner.user.id, { projectId, score: 50, createdAt: at(30) });
    const visibility = await seedResultAudit(server, owner.user.id, {
      projectId,
      kind: 'VISIBILITY',
      score: 40,
      createdAt: at(20),
      details: {
        visibility: { overall: { mentionRate: { value: 0.25, low: 0.1, high: 0.5, n: 8 } }, engines: [] },
      },
    });
    const second = await seedResultAudit(server, owner.user.id, { projectId, score: 60, createdAt: at(10) });
    await seedResultAudit(server, owner.user.id, { projectId, score: 70, createdAt: at(1) });
    const document = (await (await get(`/reports/${second}.json`, bearer(owner))).json()) as Record<
      string,
      any
    >;
    expect(document.project).toEqual({
      id: projectGlobalId,
      name: 'Shop',
      trend: [
        { auditId: first, at: expect.any(String), score: 50, mentionRate: null },
        { auditId: visibility, at: expect.any(String), score: null, mentionRate: 0.25 },
        { auditId: second, at: expect.any(String), score: 60, mentionRate: null },
      ],
    });
  });

  it('lets a VIEWER read and an API key with audits:read', async () => {
    expect((await get(`/reports/${auditId}.md`, bearer(viewer))).status).toBe(200);
    const reader = await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_READ'] });
    expect((await get(`/reports/${auditId}.json`, { authorization: `Bearer ${reader.secret}` })).status).toBe(
      200,
    );
    expect((await get(`/reports/${auditId}.json`, { 'x-api-key': reader.secret })).status).toBe(200);
    const writer = await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_WRITE'] });
    expect((await get(`/reports/${auditId}.json`, { 'x-api-key': writer.secret })).status).toBe(404);
  });

  it('answers one and the same 404 to everything else', async () => {
    const reference = await get(`/reports/${auditId}.html`, bearer(stranger));
    expect(reference.status).toBe(404);
    const body = await reference.text();
    const unknown = Buffer.from('Audit:00000000-0000-4000-8000-000000000000').toString('base64url');
    const project = Buffer.from('Project:00000000-0000-4000-8000-000000000000').toString('base64url');
    for (const [path, headers] of [
      [`/reports/${auditId}.html`, {}],
      [`/reports/${unknown}.html`, bearer(owner)],
      [`/reports/${project}.html`, bearer(owner)],
      ['/reports/not-an-id.html', bearer(owner)],
      [`/reports/${auditId}.pdf`, bearer(owner)],
      [`/reports/${auditId}`, bearer(owner)],
      [`/reports/${auditId}.html?token=guess`, {}],
      [`/reports/${auditId}.html?token=${'A'.repeat(43)}`, {}],
    ] as Array<[string, Record<string, string>]>) {
      const response = await get(path, headers);
      expect([path, response.status]).toEqual([path, 404]);
      expect(await response.text()).toBe(body);
    }
  });

  it('refuses a bad credential with 401, and an audit that has not ended with 409', async () => {
    expect((await get(`/reports/${auditId}.html`, { authorization: 'Bearer nonsense' })).status).toBe(401);
    const queued = await seedResultAudit(server, owner.user.id, { status: 'RUNNING', details: null });
    const response = await get(`/reports/${queued}.html`, bearer(owner));
    expect(response.status).toBe(409);
    expect(((await response.json()) as any).error.code).toBe('CONFLICT');
    // …and a stranger still gets the 404, not the 409.
    expect((await get(`/reports/${queued}.html`, bearer(stranger))).status).toBe(404);
  });
});

describe('share links', () => {
  it('open the report without credentials until revoked, and never show their token again', async () => {
    const link = await createLink(owner.accessToken);
    expect(link.url).toMatch(
      new RegExp(`^https://aeo\\.example/reports/${auditId}\\.html\\?token=[A-Za-z0-9_-]{43}$`),
    );
    expect(link.state).toBe('ACTIVE');
    const token = new URL(link.url).searchParams.get('token')!;
    const expiresIn = Date.parse(link.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(7 * 86400_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(7 * 86400_000);

    const opened = await get(pathOf(link.url));
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toMatch(/^text\/html/);
    // The same token opens every format of that audit.
    expect((await get(`/reports/${auditId}.json?token=${token}`)).status).toBe(200);

    const listed = await server.gql(LINKS, { id: auditId }, { token: viewer.accessToken });
    expect(listed.errors).toBeUndefined();
    const row = listed.data!.audit.reportLinks.find((l: any) => l.id === link.id);
    expect(row).toMatchObject({
      state: 'ACTIVE',
      url: `https://aeo.example/reports/${auditId}.html`,
      revokedAt: null,
    });
    expect(row.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.data)).not.toContain(token);

    const revoked = await server.gql(
      'mutation($id: ID!) { revokeReportLink(id: $id) }',
      { id: link.id },
      {
        token: owner.accessToken,
      },
    );
    expect(revoked.data!.revokeReportLink).toBe(true);
    expect((await get(pathOf(link.url))).status).toBe(404);
    const after = await server.gql(LINKS, { id: auditId }, { token: owner.accessToken });
    expect(after.data!.audit.reportLinks.find((l: any) => l.id === link.id)).toMatchObject({
      state: 'REVOKED',
      revokedAt: expect.any(String),
    });

    // The token reached no log line, the access log included.
    expect(lines.join('')).toContain('/reports/');
    expect(lines.join('')).not.toContain(token);
  });

  it('stop at their expiry', async () => {
    const link = await createLink(owner.accessToken, auditId, 60);
    expect((await get(pathOf(link.url))).status).toBe(200);
    const id = Buffer.from(link.id, 'base64url').toString().split(':')[1];
    await server.orm.em
      .fork()
      .getConnection()
      .execute(`update report_links set expires_at = now() - interval '1 second' where id = ?`, [id]);
    expect((await get(pathOf(link.url))).status).toBe(404);
    const listed = await server.gql(LINKS, { id: auditId }, { token: owner.accessToken });
    expect(listed.data!.audit.reportLinks.find((l: any) => l.id === link.id).state).toBe('EXPIRED');
  });

  it('open only their own audit', async () => {
    const link = await createLink(owner.accessToken, auditId);
    const token = new URL(link.url).searchParams.get('token')!;
    expect((await get(`/reports/${otherAuditId}.html?token=${token}`)).status).toBe(404);
    // A valid token does not stand in for a credential either: the token decides alone.
    expect((await get(`/reports/${otherAuditId}.html?token=${token}`, bearer(owner))).status).toBe(404);
  });

  it('are made by MEMBERs, within 60 s to 90 days', async () => {
    const denied = await server.gql(CREATE_LINK, { auditId }, { token: viewer.accessToken });
    expect(errorCode(denied)).toBe('FORBIDDEN');
    const hidden = await server.gql(CREATE_LINK, { auditId }, { token: stranger.accessToken });
    expect(errorCode(hidden)).toBe('NOT_FOUND');
    for (const ttl of [59, 90 * 86400 + 1, -5]) {
      const bad = await server.gql(CREATE_LINK, { auditId, ttl }, { token: owner.accessToken });
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0]!.extensions!.fields).toEqual([
        expect.objectContaining({ field: 'expiresInSeconds' }),
      ]);
    }
    const longest = await createLink(owner.accessToken, auditId, 90 * 86400);
    expect(Date.parse(longest.expiresAt) - Date.now()).toBeGreaterThan(90 * 86400_000 - 60_000);
    const writer = await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_READ', 'AUDITS_WRITE'] });
    const byKey = await server.gql(CREATE_LINK, { auditId }, { headers: { 'x-api-key': writer.secret } });
    expect(byKey.errors).toBeUndefined();
    const reader = await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_READ'] });
    const readOnly = await server.gql(CREATE_LINK, { auditId }, { headers: { 'x-api-key': reader.secret } });
    expect(errorCode(readOnly)).toBe('FORBIDDEN');
    const stranger_revoke = await server.gql(
      'mutation($id: ID!) { revokeReportLink(id: $id) }',
      { id: longest.id },
      { token: stranger.accessToken },
    );
    expect(errorCode(stranger_revoke)).toBe('NOT_FOUND');
    const viewer_revoke = await server.gql(
      'mutation($id: ID!) { revokeReportLink(id: $id) }',
      { id: longest.id },
      { token: viewer.accessToken },
    );
    expect(errorCode(viewer_revoke)).toBe('FORBIDDEN');
  });

  it('are rate limited per token', async () => {
    const link = await createLink(owner.accessToken);
    const statuses: number[] = [];
    for (let i = 0; i <= REPORT_RATE_LIMITS.perToken; i++)
      statuses.push((await get(pathOf(link.url))).status);
    expect(statuses.slice(0, REPORT_RATE_LIMITS.perToken).every((status) => status === 200)).toBe(true);
    const refused = await get(pathOf(link.url));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('are rate limited per address, whatever the token', async () => {
    const statuses: number[] = [];
    const from = { 'x-forwarded-for': '203.0.113.77' };
    for (let i = 0; i <= REPORT_RATE_LIMITS.perAddress; i++) {
      statuses.push((await get(`/reports/${auditId}.html?token=${'B'.repeat(42)}${i % 10}`, from)).status);
    }
    expect(statuses.slice(0, REPORT_RATE_LIMITS.perAddress).every((status) => status === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('go with their audit', async () => {
    const id = await seedResultAudit(server, owner.user.id);
    await createLink(owner.accessToken, id);
    const deleted = await server.gql(
      'mutation($id: ID!) { deleteAudit(id: $id) }',
      { id },
      { token: owner.accessToken },
    );
    expect(deleted.errors).toBeUndefined();
    const [row] = await server.orm.em
      .fork()
      .getConnection()
      .execute<{ count: string }[]>('select count(*) as count from report_links where audit_id = ?', [
        Buffer.from(id, 'base64url').toString().split(':')[1],
      ]);
    expect(Number(row!.count)).toBe(0);
  });

  it('count report views in /metrics', async () => {
    const metrics = await (await fetch(`${origin}/metrics`)).text();
    expect(metrics).toMatch(/report_views_total\{format="html",access="share"\} [1-9]/);
    expect(metrics).toMatch(/report_views_total\{format="json",access="credential"\} [1-9]/);
  });
});
