import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { fromGlobalId } from '../../src/common/global-id.js';
import { ApiKey } from '../../src/modules/api-keys/api-key.entity.js';
import { sha256 } from '../../src/modules/auth/tokens.js';
import { SecurityEvent, SecurityEventType } from '../../src/modules/security/security-event.entity.js';
import { User } from '../../src/modules/users/user.entity.js';
import { register, registerAdmin, TEST_PASSWORD, uniqueEmail, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';
import { CREATE_API_KEY, CREATE_AUDIT, SITE_AUDIT, createApiKey, withKey } from './helpers.js';

const VIEWER = `{ viewer { id email } }`;
const KEY_FORMAT = /^aeo_live_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/;

let server: TestServer;
let owner: Account;
let admin: Account;

const keyRow = (globalId: string) =>
  server.orm.em.fork().findOneOrFail(ApiKey, { id: fromGlobalId(globalId, 'ApiKey').id });

async function wsRun(client: Client, query: string, variables?: Record<string, unknown>) {
  const results: Array<{ data?: any; errors?: any[] }> = [];
  for await (const result of client.iterate({ query, variables })) {
    results.push(result as never);
    break;
  }
  return results[0]!;
}

beforeAll(async () => {
  // No worker: audits stay QUEUED and nothing is fetched from the network.
  server = await startTestServer({ runWorker: false, env: { PLAN_FREE_CONCURRENT_AUDITS: '100' } });
  owner = await register(server, { email: uniqueEmail('owner') });
  admin = await registerAdmin(server);
});
afterAll(async () => {
  await server?.close();
});

describe('creating keys', () => {
  it('holds the cap of 25 live keys under 40 concurrent creations', async () => {
    const racer = await register(server);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        server.gql(
          CREATE_API_KEY,
          { input: { name: `race ${i}`, scopes: ['AUDITS_READ'] } },
          { token: racer.accessToken },
        ),
      ),
    );
    expect(responses.filter((response) => !response.errors).length).toBe(25);
    expect(responses.filter((response) => errorCode(response) === 'QUOTA_EXCEEDED').length).toBe(15);
    expect(await server.orm.em.fork().count(ApiKey, { user: racer.userId })).toBe(25);
  });

  it('shows the secret once, stores only its hash and a recognisable prefix', async () => {
    const { secret, apiKey } = await createApiKey(server, owner.accessToken, {
      name: ' CI pipeline ',
      scopes: ['AUDITS_READ', 'AUDITS_READ'],
    });
    expect(secret).toMatch(KEY_FORMAT);
    expect(apiKey).toMatchObject({
      name: 'CI pipeline',
      prefix: secret.slice(0, 17),
      scopes: ['AUDITS_READ'],
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    const row = await keyRow(apiKey.id);
    expect(row.secretHash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(18));

    const listed = await server.gql(`{ viewer { apiKeys { id prefix } } }`, {}, { token: owner.accessToken });
    expect(listed.data!.viewer.apiKeys).toContainEqual({ id: apiKey.id, prefix: apiKey.prefix });
    // There is no way to read a secret back.
    const secretField = await server.gql(
      `{ viewer { apiKeys { secret } } }`,
      {},
      { token: owner.accessToken },
    );
    expect(errorCode(secretField)).toBe('BAD_USER_INPUT');
  });

  it('refuses no scopes, a past expiry and one more than a year away', async () => {
    const create = (input: Record<string, unknown>) =>
      server.gql(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
        { input: { name: 'x', scopes: ['AUDITS_READ'], ...input } },
        { token: owner.accessToken },
      );
    expect(errorCode(await create({ scopes: [] }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await create({ expiresAt: new Date(Date.now() - 1000).toISOString() }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(await create({ expiresAt: new Date(Date.now() + 400 * 24 * 3600e3).toISOString() })),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await server.gql(`mutation { createApiKey(input: { name: "x", scopes: [AUDITS_READ] }) { secret } }`),
      ),
    ).toBe('UNAUTHENTICATED');
  });

  it("answers NOT_FOUND for another user's key and lists only one's own keys", async () => {
    const { apiKey } = await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_READ'] });
    const other = await register(server, { email: uniqueEmail('other') });
    const revoke = await server.gql(
      `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id: apiKey.id },
      { token: other.accessToken },
    );
    expect(errorCode(revoke)).toBe('NOT_FOUND');
    const node = await server.gql(
      `query($id: ID!) { node(id: $id) { id } }`,
      { id: apiKey.id },
      { token: other.accessToken },
    );
    expect(errorCode(node)).toBe('NOT_FOUND');
    const viaAdmin = await server.gql(
      `query($id: ID!) { node(id: $id) { ... on User { apiKeys { id } } } }`,
      { id: owner.user.id },
      { token: admin.accessToken },
    );
    expect(viaAdmin.data!.node.apiKeys).toEqual([]);
  });
});

describe('using keys', () => {
  let readWrite: string;

  beforeAll(async () => {
    readWrite = (await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_READ', 'AUDITS_WRITE'] }))
      .secret;
  });

  it('works as Authorization: Bearer and as x-api-key, and records lastUsedAt', async () => {
    const bearer = await server.gql(VIEWER, {}, { token: readWrite });
    expect(bearer.data!.viewer).toEqual({ id: owner.user.id, email: owner.user.email });
    const header = await server.gql(VIEWER, {}, withKey(readWrite));
    expect(header.data!.viewer.id).toBe(owner.user.id);
    const created = await server.gql(CREATE_AUDIT, { input: SITE_AUDIT }, withKey(readWrite));
    expect(created.data!.createAudit.status).toBe('QUEUED');

    const listed = await server.gql(
      `{ viewer { apiKeys { prefix lastUsedAt } } }`,
      {},
      { token: owner.accessToken },
    );
    const used = listed.data!.viewer.apiKeys.find((key: any) => readWrite.startsWith(key.prefix));
    expect(Date.now() - Date.parse(used.lastUsedAt)).toBeLessThan(60_000);
  });

  it('writes lastUsedAt at most once a minute', async () => {
    const { secret, apiKey } = await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_READ'] });
    await server.gql(VIEWER, {}, withKey(secret));
    const first = (await keyRow(apiKey.id)).lastUsedAt!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.gql(VIEWER, {}, withKey(secret));
    expect((await keyRow(apiKey.id)).lastUsedAt!.getTime()).toBe(first.getTime());
  });

  it('works over WebSocket in connectionParams.apiKey and connectionParams.authorization', async () => {
    const audit = (await server.gql(CREATE_AUDIT, { input: SITE_AUDIT }, withKey(readWrite))).data!
      .createAudit;
    const byApiKey = await wsRun(server.wsClient({ apiKey: readWrite }), VIEWER);
    expect(byApiKey.data.viewer.id).toBe(owner.user.id);
    const progress = await wsRun(
      server.wsClient({ authorization: `Bearer ${readWrite}` }),
      `subscription($id: ID!) { auditProgress(id: $id) { status audit { id } } }`,
      { id: audit.id },
    );
    expect(progress.data.auditProgress).toEqual({ status: 'QUEUED', audit: { id: audit.id } });
  });

  it('refuses unknown and malformed keys with UNAUTHENTICATED, also on WebSocket (4401)', async () => {
    const forged = `${readWrite.slice(0, 18)}${'A'.repeat(43)}`;
    expect(errorCode(await server.gql(VIEWER, {}, withKey(forged)))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.gql(VIEWER, {}, withKey('aeo_live_short')))).toBe('UNAUTHENTICATED');
    const closed = await wsRun(server.wsClient({ apiKey: forged }), VIEWER).catch((error: unknown) => error);
    expect((closed as { code?: number }).code).toBe(4401);
  });
});

describe('scopes and roles', () => {
  let readOnly: string;
  let writeOnly: string;

  beforeAll(async () => {
    readOnly = (await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_READ'] })).secret;
    writeOnly = (await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_WRITE'] })).secret;
  });

  it('lets a read-only key read but not write', async () => {
    expect(
      (await server.gql(`{ audits(first: 5) { totalCount } }`, {}, withKey(readOnly))).errors,
    ).toBeUndefined();
    const create = await server.gql(CREATE_AUDIT, { input: SITE_AUDIT }, withKey(readOnly));
    expect(errorCode(create)).toBe('FORBIDDEN');
    expect(create.errors![0]!.message).toMatch(/audits:write/);
  });

  it('lets a write-only key write but not read', async () => {
    const create = await server.gql(CREATE_AUDIT, { input: SITE_AUDIT }, withKey(writeOnly));
    expect(create.data!.createAudit.status).toBe('QUEUED');
    const id = create.data!.createAudit.id;
    expect(
      errorCode(await server.gql(`query($id: ID!) { audit(id: $id) { id } }`, { id }, withKey(writeOnly))),
    ).toBe('FORBIDDEN');
    expect(errorCode(await server.gql(VIEWER, {}, withKey(writeOnly)))).toBe('FORBIDDEN');
    const cancel = await server.gql(
      `mutation($id: ID!) { cancelAudit(id: $id) { status } }`,
      { id },
      withKey(writeOnly),
    );
    expect(cancel.data!.cancelAudit.status).toBe('CANCELLED');
  });

  it('never lets a key manage the account', async () => {
    const key = (await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_READ', 'AUDITS_WRITE'] }))
      .secret;
    const calls: Array<[string, Record<string, unknown>]> = [
      [`mutation { createApiKey(input: { name: "x", scopes: [AUDITS_READ] }) { secret } }`, {}],
      [
        `mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`,
        { input: { currentPassword: TEST_PASSWORD, newPassword: 'another long password' } },
      ],
      [`mutation { updateProfile(input: { name: "Mallory" }) { name } }`, {}],
      [`{ viewer { apiKeys { id } } }`, {}],
    ];
    for (const [query, variables] of calls) {
      const response = await server.gql(query, variables, withKey(key));
      expect([query, errorCode(response)]).toEqual([query, 'FORBIDDEN']);
    }
  });

  it("never exceeds the owner's role, and an admin's key is not an admin session", async () => {
    const users = `{ users(first: 1) { totalCount } }`;
    expect(errorCode(await server.gql(users, {}, withKey(readOnly)))).toBe('FORBIDDEN');
    const adminKey = (
      await createApiKey(server, admin.accessToken, { scopes: ['AUDITS_READ', 'AUDITS_WRITE'] })
    ).secret;
    expect((await server.gql(users, {}, { token: admin.accessToken })).errors).toBeUndefined();
    expect(errorCode(await server.gql(users, {}, withKey(adminKey)))).toBe('FORBIDDEN');
    expect(
      errorCode(await server.gql(`{ securityEvents(first: 1) { totalCount } }`, {}, withKey(adminKey))),
    ).toBe('FORBIDDEN');
  });
});

describe('revocation, expiry, rotation, deactivation', () => {
  it('refuses a revoked key with UNAUTHENTICATED and logs its use', async () => {
    const { secret, apiKey } = await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_READ'] });
    const revoked = await server.gql(
      `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`,
      { id: apiKey.id },
      { token: owner.accessToken },
    );
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();
    const refused = await server.gql(VIEWER, {}, withKey(secret));
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0]!.message).toMatch(/revoked/);
    const closed = await wsRun(server.wsClient({ apiKey: secret }), VIEWER).catch((error: unknown) => error);
    expect((closed as { code?: number }).code).toBe(4401);

    const events = await server.orm.em.fork().find(SecurityEvent, {
      type: SecurityEventType.REVOKED_API_KEY_USED,
      userId: owner.userId,
    });
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]!.details).toMatchObject({ apiKeyId: fromGlobalId(apiKey.id, 'ApiKey').id });
  });

  it('refuses an expired key', async () => {
    const expiresAt = new Date(Date.now() + 3600e3).toISOString();
    const { secret, apiKey } = await createApiKey(server, owner.accessToken, {
      scopes: ['AUDITS_READ'],
      expiresAt,
    });
    expect(apiKey.expiresAt).toBe(expiresAt);
    expect((await server.gql(VIEWER, {}, withKey(secret))).errors).toBeUndefined();
    await server.orm.em
      .fork()
      .nativeUpdate(
        ApiKey,
        { id: fromGlobalId(apiKey.id, 'ApiKey').id },
        { expiresAt: new Date(Date.now() - 1000) },
      );
    const refused = await server.gql(VIEWER, {}, withKey(secret));
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0]!.message).toMatch(/expired/);
  });

  it('keeps a rotated key working during the grace period only', async () => {
    const { secret: old, apiKey } = await createApiKey(server, owner.accessToken, {
      name: 'rotating',
      scopes: ['AUDITS_READ', 'AUDITS_WRITE'],
    });
    const rotate = `mutation($id: ID!, $grace: Int) { rotateApiKey(id: $id, gracePeriodSeconds: $grace) { secret apiKey { id name scopes prefix } } }`;
    expect(
      errorCode(
        await server.gql(rotate, { id: apiKey.id, grace: 8 * 24 * 3600 }, { token: owner.accessToken }),
      ),
    ).toBe('BAD_USER_INPUT');
    const rotated = await server.gql(rotate, { id: apiKey.id }, { token: owner.accessToken });
    expect(rotated.errors).toBeUndefined();
    const fresh = rotated.data!.rotateApiKey;
    expect(fresh.secret).toMatch(KEY_FORMAT);
    expect(fresh.secret).not.toBe(old);
    expect(fresh.apiKey).toMatchObject({ name: 'rotating', scopes: ['AUDITS_READ', 'AUDITS_WRITE'] });

    // Both work during the grace period (default 24 h).
    const oldRow = await keyRow(apiKey.id);
    expect(oldRow.revokedAt!.getTime() - Date.now()).toBeGreaterThan(23 * 3600e3);
    expect((await server.gql(VIEWER, {}, withKey(old))).data!.viewer.id).toBe(owner.user.id);
    expect((await server.gql(VIEWER, {}, withKey(fresh.secret))).data!.viewer.id).toBe(owner.user.id);
    expect(errorCode(await server.gql(rotate, { id: apiKey.id }, { token: owner.accessToken }))).toBe(
      'CONFLICT',
    );

    // The grace period ends: the old key dies, the new one lives on.
    await server.orm.em
      .fork()
      .nativeUpdate(ApiKey, { id: oldRow.id }, { revokedAt: new Date(Date.now() - 1000) });
    expect(errorCode(await server.gql(VIEWER, {}, withKey(old)))).toBe('UNAUTHENTICATED');
    expect((await server.gql(VIEWER, {}, withKey(fresh.secret))).errors).toBeUndefined();

    // No grace at all: the old key stops at once.
    const again = await server.gql(rotate, { id: fresh.apiKey.id, grace: 0 }, { token: owner.accessToken });
    expect(errorCode(await server.gql(VIEWER, {}, withKey(fresh.secret)))).toBe('UNAUTHENTICATED');
    expect((await server.gql(VIEWER, {}, withKey(again.data!.rotateApiKey.secret))).errors).toBeUndefined();
  });

  it("stops a deactivated owner's keys at once", async () => {
    const member = await register(server, { email: uniqueEmail('leaving') });
    const { secret } = await createApiKey(server, member.accessToken, { scopes: ['AUDITS_READ'] });
    expect((await server.gql(VIEWER, {}, withKey(secret))).errors).toBeUndefined();
    await server.gql(
      `mutation($id: ID!) { deactivateUser(id: $id) { id } }`,
      { id: member.user.id },
      { token: admin.accessToken },
    );
    const refused = await server.gql(VIEWER, {}, withKey(secret));
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0]!.message).toMatch(/deactivated/);
    expect(await server.orm.em.fork().count(User, { id: member.userId, deactivatedAt: { $ne: null } })).toBe(
      1,
    );
  });
});
