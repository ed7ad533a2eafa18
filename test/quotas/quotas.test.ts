import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fromGlobalId } from '../../src/common/global-id.js';
import { Audit } from '../../src/modules/audits/audit.entity.js';
import { SecurityEvent, SecurityEventType } from '../../src/modules/security/security-event.entity.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';
import { CREATE_AUDIT, SITE_AUDIT } from '../api-keys/helpers.js';
import { markEmailVerified, register, registerAdmin, type Account } from '../helpers/accounts.js';

const QUOTA = `{ viewer { plan quota { plan auditsPerDay { limit used } concurrentAudits { limit used } maxPagesPerAudit maxPromptsPerAudit } } }`;
const CANCEL = `mutation($id: ID!) { cancelAudit(id: $id) { status } }`;
const DELETE = `mutation($id: ID!) { deleteAudit(id: $id) }`;
const SET_PLAN = `mutation($id: ID!, $plan: Plan!) { setUserPlan(id: $id, plan: $plan) { id } }`;

let server: TestServer;
let admin: Account;

const create = (account: Account, input: Record<string, unknown> = SITE_AUDIT) =>
  server.gql(CREATE_AUDIT, { input }, { token: account.accessToken });

async function createOk(account: Account, input?: Record<string, unknown>): Promise<string> {
  const response = await create(account, input);
  expect(response.errors).toBeUndefined();
  return response.data!.createAudit.id;
}

beforeAll(async () => {
  // No worker: audits stay QUEUED (what the concurrency quota counts) and nothing is fetched.
  server = await startTestServer({
    runWorker: false,
    env: {
      PLAN_FREE_AUDITS_PER_DAY: '4',
      PLAN_FREE_CONCURRENT_AUDITS: '2',
      PLAN_FREE_MAX_PAGES: '10',
      PLAN_FREE_MAX_PROMPTS: '2',
      PLAN_PRO_AUDITS_PER_DAY: '50',
      PLAN_PRO_CONCURRENT_AUDITS: '10',
      PLAN_PRO_MAX_PAGES: '100',
    },
  });
  admin = await registerAdmin(server);
});
afterAll(async () => {
  await server?.close();
});

describe('plan quotas', () => {
  it('limits queued or running audits, and frees a slot when one ends', async () => {
    const user = await register(server);
    const first = await createOk(user);
    await createOk(user);
    const refused = await create(user);
    expect(errorCode(refused)).toBe('QUOTA_EXCEEDED');
    expect(refused.errors![0]!.message).toMatch(/concurrentAudits/);
    expect(refused.errors![0]!.extensions).toMatchObject({ quota: 'concurrentAudits', limit: 2, used: 2 });

    await server.gql(CANCEL, { id: first }, { token: user.accessToken });
    await createOk(user);
    const quota = (await server.gql(QUOTA, {}, { token: user.accessToken })).data!.viewer;
    expect(quota).toMatchObject({
      plan: 'FREE',
      quota: {
        auditsPerDay: { limit: 4, used: 3 },
        concurrentAudits: { limit: 2, used: 2 },
        maxPagesPerAudit: 10,
      },
    });
  });

  it('limits audits per rolling 24 hours; deleting an audit gives nothing back', async () => {
    const user = await register(server);
    for (let i = 0; i < 4; i++) {
      const id = await createOk(user);
      await server.gql(DELETE, { id }, { token: user.accessToken });
    }
    const refused = await create(user);
    expect(errorCode(refused)).toBe('QUOTA_EXCEEDED');
    expect(refused.errors![0]!.message).toMatch(/auditsPerDay/);
    const extensions = refused.errors![0]!.extensions!;
    expect(extensions).toMatchObject({ quota: 'auditsPerDay', limit: 4, used: 4 });
    expect(extensions.retryAfterSeconds).toBeGreaterThan(23 * 3600);
    expect(extensions.retryAfterSeconds).toBeLessThanOrEqual(24 * 3600);

    const events = await server.orm.em
      .fork()
      .find(SecurityEvent, { type: SecurityEventType.QUOTA_EXCEEDED, userId: user.userId });
    expect(events.map((event) => event.details?.quota)).toEqual(['auditsPerDay']);
  });

  it('caps pages per audit by plan, and applies the cap when maxPages is left out', async () => {
    const user = await register(server);
    const refused = await create(user, { ...SITE_AUDIT, maxPages: 11 });
    expect(errorCode(refused)).toBe('QUOTA_EXCEEDED');
    expect(refused.errors![0]!.extensions).toMatchObject({ quota: 'maxPagesPerAudit', limit: 10, used: 11 });
    const id = await createOk(user);
    const stored = await server.orm.em.fork().findOneOrFail(Audit, { id: fromGlobalId(id, 'Audit').id });
    expect(stored.input.maxPages).toBe(10);
  });

  it('holds under concurrent creations (per-user lock)', async () => {
    const user = await register(server);
    const results = await Promise.all(Array.from({ length: 6 }, () => create(user)));
    expect(results.filter((result) => !result.errors)).toHaveLength(2);
    expect(results.filter((result) => errorCode(result) === 'QUOTA_EXCEEDED')).toHaveLength(4);
  });

  it('checks each item of createAudits on its own', async () => {
    const user = await register(server);
    const response = await server.gql(
      `mutation($input: CreateAuditsInput!) { createAudits(input: $input) { index audit { id } error { code message } } }`,
      { input: { audits: [SITE_AUDIT, SITE_AUDIT, SITE_AUDIT] } },
      { token: user.accessToken },
    );
    const items = response.data!.createAudits;
    expect(items.filter((item: any) => item.audit)).toHaveLength(2);
    expect(items[2].error).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(items[2].error.message).toMatch(/concurrentAudits/);
  });

  it('lets an admin change a plan, which raises the limits at once', async () => {
    const user = await register(server);
    await createOk(user);
    await createOk(user);
    expect(errorCode(await create(user))).toBe('QUOTA_EXCEEDED');
    expect(
      errorCode(await server.gql(SET_PLAN, { id: user.user.id, plan: 'PRO' }, { token: user.accessToken })),
    ).toBe('FORBIDDEN');
    // Limits are raised only for a workspace with a verified OWNER.
    const unverified = await server.gql(
      SET_PLAN,
      { id: user.user.id, plan: 'PRO' },
      { token: admin.accessToken },
    );
    expect(errorCode(unverified)).toBe('CONFLICT');
    expect(unverified.errors![0]!.message).toMatch(/verified email/);
    await markEmailVerified(server, user);
    const set = await server.gql(SET_PLAN, { id: user.user.id, plan: 'PRO' }, { token: admin.accessToken });
    expect(set.errors).toBeUndefined();
    await createOk(user);
    await createOk(user, { ...SITE_AUDIT, maxPages: 100 });
    const quota = (await server.gql(QUOTA, {}, { token: user.accessToken })).data!.viewer;
    expect(quota.plan).toBe('PRO');
    expect(quota.quota.concurrentAudits).toEqual({ limit: 10, used: 4 });
    const events = await server.orm.em
      .fork()
      .find(SecurityEvent, { type: SecurityEventType.PLAN_CHANGED, userId: user.userId });
    expect(events[0]).toMatchObject({ actorId: admin.userId, details: { from: 'FREE', to: 'PRO' } });
  });
});
