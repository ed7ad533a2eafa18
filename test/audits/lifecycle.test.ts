import {
  AuditDocument,
  AuditFindingsDocument,
  CancelAuditDocument,
  DeleteAuditDocument,
} from '../../client/generated/graphql.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFixtureServer, type FixtureServer } from '../audit-engine/helpers/fixture-server.js';
import { goodSiteRoutes } from '../audit-engine/helpers/good-site.js';
import { register, uniqueEmail, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, testRedisUrl, type TestServer } from '../helpers/test-server.js';
import { collectProgress, createAudit, getAudit, slowSiteRoutes, waitForAudit } from './helpers.js';

let server: TestServer;
let site: FixtureServer;
let slowSite: FixtureServer;
let owner: Account;

beforeAll(async () => {
  site = await startFixtureServer(goodSiteRoutes());
  slowSite = await startFixtureServer(slowSiteRoutes(30, 400));
  const redisUrl = testRedisUrl();
  server = await startTestServer({
    env: { AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) },
  });
  owner = await register(server, { email: uniqueEmail('owner') });
});
afterAll(async () => {
  await server?.close();
  await site?.close();
  await slowSite?.close();
});

describe('an audit from creation to results', () => {
  it('streams ordered progress over WebSocket and ends SUCCEEDED with results', async () => {
    const created = await createAudit(server, owner.accessToken, {
      kind: 'SITE',
      url: site.origin,
      maxPages: 10,
    });
    expect(created).toMatchObject({ kind: 'SITE', status: 'QUEUED', url: `${site.origin}/`, progress: 0 });

    const client = server.wsClient({ authorization: `Bearer ${owner.accessToken}` });
    const { done } = collectProgress(client, created.id);
    const events = await done;

    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(['QUEUED', 'RUNNING']).toContain(events[0]!.status);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ status: 'SUCCEEDED', progress: 1 });
    // Ordered: time never goes back, and progress only moves forward while running.
    for (let i = 1; i < events.length; i++) {
      expect(Date.parse(events[i]!.at)).toBeGreaterThanOrEqual(Date.parse(events[i - 1]!.at));
      if (events[i]!.status === 'RUNNING' && events[i - 1]!.status === 'RUNNING') {
        expect(events[i]!.progress).toBeGreaterThanOrEqual(events[i - 1]!.progress);
      }
    }
    expect(
      events.some((event) => event.status === 'RUNNING' && event.progress > 0 && event.progress < 1),
    ).toBe(true);

    const audit = await getAudit(server, owner.accessToken, created.id);
    expect(audit).toMatchObject({ status: 'SUCCEEDED', attempts: 1, error: null });
    expect(audit!.score).toBeGreaterThan(50);
    expect(audit!.grade).toMatch(/^[A-F]$/);
    expect(audit!.categories.length).toBeGreaterThanOrEqual(5);
    expect(audit!.finishedAt).not.toBeNull();

    const findings = await server.gql(
      AuditFindingsDocument,
      { id: created.id, first: 50 },
      { token: owner.accessToken },
    );
    const connection = findings.data!.audit!.findings;
    expect(connection.totalCount).toBeGreaterThan(0);
    const points = connection.edges.map((edge) => edge.node.pointsLost);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    for (const { node } of connection.edges) {
      expect(node.title).toBeTruthy();
      expect(node.recommendation).toBeTruthy();
    }

    const info = await server.gql(
      AuditFindingsDocument,
      { id: created.id, first: 50, severity: 'INFO' },
      { token: owner.accessToken },
    );
    for (const { node } of info.data!.audit!.findings.edges) expect(node.severity).toBe('INFO');

    const metrics = await (await fetch(`${new URL(server.url).origin}/metrics`)).text();
    expect(metrics).toMatch(/audits_finished_total\{kind="SITE",status="SUCCEEDED"\} [1-9]/);
    expect(metrics).toMatch(/audit_jobs\{state="ready"\} \d+/);

    // A subscription to a finished audit sends its state once and completes.
    const again = await collectProgress(client, created.id).done;
    expect(again).toHaveLength(1);
    expect(again[0]!.status).toBe('SUCCEEDED');
  });

  it('fails with a reason the user can act on when the site cannot be reached', async () => {
    const closed = await startFixtureServer({});
    const origin = closed.origin;
    await closed.close();
    const created = await createAudit(server, owner.accessToken, { kind: 'SITE', url: origin });
    const audit = await waitForAudit(server, owner.accessToken, created.id);
    expect(audit.status).toBe('FAILED');
    expect(audit.error).toMatch(/cannot be audited/);
    expect(audit.attempts).toBe(1);
  });
});

describe('cancel, rerun and delete', () => {
  it('cancels a running audit at its next checkpoint', async () => {
    const created = await createAudit(server, owner.accessToken, {
      kind: 'SITE',
      url: slowSite.origin,
      maxPages: 30,
    });
    await waitForAudit(
      server,
      owner.accessToken,
      created.id,
      (audit) => audit.status === 'RUNNING' && audit.progress > 0,
    );
    const cancel = await server.gql(CancelAuditDocument, { id: created.id }, { token: owner.accessToken });
    expect(cancel.errors).toBeUndefined();
    const audit = await waitForAudit(server, owner.accessToken, created.id);
    expect(audit.status).toBe('CANCELLED');
    expect(audit.finishedAt).not.toBeNull();
  });

  it('refuses to cancel an audit that already ended', async () => {
    const created = await createAudit(server, owner.accessToken, {
      kind: 'SITE',
      url: site.origin,
      maxPages: 3,
    });
    await waitForAudit(server, owner.accessToken, created.id);
    const cancel = await server.gql(CancelAuditDocument, { id: created.id }, { token: owner.accessToken });
    expect(errorCode(cancel)).toBe('CONFLICT');
    expect(cancel.errors![0]!.message).toMatch(/already ended/);
  });

  it('reruns an audit as a new audit with the same input', async () => {
    const created = await createAudit(server, owner.accessToken, {
      kind: 'SITE',
      url: site.origin,
      maxPages: 3,
    });
    const rerun = await server.gql(
      `mutation($id: ID!) { rerunAudit(id: $id) { id kind url input { maxPages } owner { id } } }`,
      { id: created.id },
      { token: owner.accessToken },
    );
    expect(rerun.errors).toBeUndefined();
    expect(rerun.data!.rerunAudit).toMatchObject({
      kind: 'SITE',
      url: created.url,
      input: { maxPages: 3 },
      owner: { id: owner.user.id },
    });
    expect(rerun.data!.rerunAudit.id).not.toBe(created.id);
    const done = await waitForAudit(server, owner.accessToken, rerun.data!.rerunAudit.id);
    expect(done.status).toBe('SUCCEEDED');
  });

  it('deletes an audit and its findings', async () => {
    const created = await createAudit(server, owner.accessToken, {
      kind: 'SITE',
      url: site.origin,
      maxPages: 3,
    });
    await waitForAudit(server, owner.accessToken, created.id);
    const deleted = await server.gql(DeleteAuditDocument, { id: created.id }, { token: owner.accessToken });
    expect(deleted.data!.deleteAudit).toBe(true);
    expect(errorCode(await server.gql(AuditDocument, { id: created.id }, { token: owner.accessToken }))).toBe(
      'NOT_FOUND',
    );
    const rows = await server.orm.em
      .fork()
      .getConnection()
      .execute(
        'select count(*)::int as n from findings f left join audits a on a.id = f.audit_id where a.id is null',
      );
    expect(rows[0]!.n).toBe(0);
  });

  it('cancels a queued audit at once', async () => {
    // Keep the worker busy so the next audit stays queued.
    const busy = await Promise.all(
      [1, 2].map(() =>
        createAudit(server, owner.accessToken, { kind: 'SITE', url: slowSite.origin, maxPages: 30 }),
      ),
    );
    const queued = await createAudit(server, owner.accessToken, {
      kind: 'SITE',
      url: slowSite.origin,
      maxPages: 30,
    });
    const cancel = await server.gql(CancelAuditDocument, { id: queued.id }, { token: owner.accessToken });
    expect(['CANCELLED', 'RUNNING']).toContain(cancel.data!.cancelAudit.status);
    expect((await waitForAudit(server, owner.accessToken, queued.id)).status).toBe('CANCELLED');
    // Ended, not only asked to end: running audits count against the owner's concurrent quota,
    // and the next tests create audits for the same owner.
    for (const audit of busy) {
      await server.gql(CancelAuditDocument, { id: audit.id }, { token: owner.accessToken });
      await waitForAudit(server, owner.accessToken, audit.id);
    }
  });
});

describe('input validation', () => {
  it.each([
    ['ftp://example.com/', /http or https/],
    ['http://169.254.169.254/latest/meta-data', /public host/],
    ['http://10.0.0.7/', /public host/],
    ['http://localhost:8080/', /local name/],
    ['https://user:pw@example.com/', /user name or password/],
    ['not a url at all', /valid http\(s\) URL/],
  ])('refuses %s', async (url, message) => {
    const response = await server.gql(
      `mutation($input: CreateAuditInput!) { createAudit(input: $input) { id } }`,
      { input: { kind: 'SITE', url } },
      { token: owner.accessToken },
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.fields).toEqual([
      { field: 'url', messages: [expect.stringMatching(message)] },
    ]);
  });

  it('bounds maxPages and requires brand and prompts for VISIBILITY', async () => {
    const create = (input: Record<string, unknown>) =>
      server.gql(
        `mutation($input: CreateAuditInput!) { createAudit(input: $input) { id } }`,
        { input },
        { token: owner.accessToken },
      );
    expect(errorCode(await create({ kind: 'SITE', url: 'https://example.com', maxPages: 100000 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await create({ kind: 'SITE', url: 'https://example.com', maxPages: 0 }))).toBe(
      'BAD_USER_INPUT',
    );
    const noBrand = await create({ kind: 'VISIBILITY', url: 'https://example.com', prompts: ['best crm?'] });
    expect(noBrand.errors![0]!.extensions!.fields).toEqual([
      { field: 'brand', messages: [expect.stringMatching(/brand is required/)] },
    ]);
    const unconfigured = await create({
      kind: 'VISIBILITY',
      url: 'https://example.com',
      brand: 'Acme',
      prompts: ['best crm?'],
      engines: ['gemini'],
    });
    expect(errorCode(unconfigured)).toBe('BAD_USER_INPUT');
    expect(unconfigured.errors![0]!.message).toMatch(/GEMINI_API_KEY/);
    const tooMany = await create({
      kind: 'VISIBILITY',
      url: 'https://example.com',
      brand: 'Acme',
      prompts: Array.from({ length: 51 }, (_, i) => `question ${i}?`),
    });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
  });

  it('creates audits in bulk with a result per item', async () => {
    const response = await server.gql(
      `mutation($input: CreateAuditsInput!) { createAudits(input: $input) { index audit { id url } error { code message fields { field messages } } } }`,
      {
        input: {
          audits: [
            { kind: 'SITE', url: site.origin, maxPages: 2 },
            { kind: 'SITE', url: 'ftp://nope' },
            { kind: 'SITE', url: site.origin, maxPages: 2 },
          ],
        },
      },
      { token: owner.accessToken },
    );
    expect(response.errors).toBeUndefined();
    const [first, second, third] = response.data!.createAudits;
    expect(first.audit.url).toBe(`${site.origin}/`);
    expect(second).toMatchObject({
      index: 1,
      audit: null,
      error: { code: 'BAD_USER_INPUT', fields: [{ field: 'url' }] },
    });
    expect(third).toMatchObject({ index: 2, error: null });
    expect(third.audit.id).toBeTruthy();
    const tooMany = await server.gql(
      `mutation($input: CreateAuditsInput!) { createAudits(input: $input) { index } }`,
      { input: { audits: Array.from({ length: 51 }, () => ({ kind: 'SITE', url: site.origin })) } },
      { token: owner.accessToken },
    );
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
  });
});
