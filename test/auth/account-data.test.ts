import { fromGlobalId } from '../../src/common/global-id.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CREATE_AUDIT, createApiKey, SITE_AUDIT, withKey } from '../api-keys/helpers.js';
import { seedAudits } from '../audits/helpers.js';
import { register, registerAdmin, signIn, uniqueEmail, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';

const EXPORT = `{ exportAccountData }`;
const DELETE = `mutation ($password: String!) { deleteAccount(password: $password) }`;
const PASSWORD = 'correct horse battery staple';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  server.orm.em.fork().getConnection().execute<T[]>(query, params);

/**
 * Every table with a column naming a user, with the rows it still holds for `userId` or `email`,
 * and every table of workspace data with the rows it still holds for `workspaceIds`.
 */
async function rowsAbout(
  userId: string,
  email: string,
  workspaceIds: string[] = [],
): Promise<Record<string, number>> {
  const columns = await sql<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
      where table_schema = 'public'
        and (column_name in ('user_id', 'owner_id', 'actor_id', 'updated_by_id', 'personal_owner_id') or column_name in ('email', 'to_address'))`,
  );
  const found: Record<string, number> = {};
  for (const { table_name: table, column_name: column } of columns) {
    const value = column === 'email' || column === 'to_address' ? email : userId;
    const [row] = await sql<{ n: string }>(
      `select count(*) as n from "${table}" where "${column}"::text = ?`,
      [value],
    );
    if (Number(row?.n) > 0) found[`${table}.${column}`] = Number(row?.n);
  }
  // …and every row of a workspace only they had: their personal one and those only they owned.
  const workspaceColumns = await sql<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'workspace_id'`,
  );
  for (const { table_name: table } of workspaceColumns) {
    const [row] = await sql<{ n: string }>(
      `select count(*) as n from "${table}" where workspace_id::text = any(string_to_array(?, ','))`,
      [workspaceIds.join(',')],
    );
    if (Number(row?.n) > 0) found[`${table}.workspace_id`] = Number(row?.n);
  }
  const [user] = await sql<{ n: string }>(`select count(*) as n from users where id = ?`, [userId]);
  if (Number(user?.n) > 0) found['users.id'] = Number(user?.n);
  return found;
}

async function fullAccount(): Promise<{ account: Account; keySecret: string; auditIds: string[] }> {
  const account = await register(server, { email: uniqueEmail('erase') });
  await signIn(server, account.user.email);
  const key = await createApiKey(server, account.accessToken, {
    name: 'ci',
    scopes: ['AUDITS_READ', 'AUDITS_WRITE'],
  });
  const auditIds = await seedAudits(server, account.user.id, 3, { findingsPerAudit: 2 });
  const created = await server.gql(CREATE_AUDIT, { input: SITE_AUDIT }, withKey(key.secret));
  expect(created.errors).toBeUndefined();
  return { account, keySecret: key.secret, auditIds: [...auditIds, created.data!.createAudit.id] };
}

describe('exportAccountData', () => {
  it('contains every object the user owns, in the API’s shapes, and no secret', async () => {
    const { account, auditIds } = await fullAccount();
    const response = await server.gql(EXPORT, {}, { token: account.accessToken });
    expect(response.errors).toBeUndefined();
    const data = response.data!.exportAccountData;
    expect(data.user).toMatchObject({
      id: account.user.id,
      email: account.user.email,
      role: 'USER',
      plan: 'FREE',
    });
    expect(data.sessions).toHaveLength(2);
    expect(data.apiKeys).toEqual([
      expect.objectContaining({ name: 'ci', scopes: ['AUDITS_READ', 'AUDITS_WRITE'] }),
    ]);
    expect(data.audits.map((a: { id: string }) => a.id).sort()).toEqual([...auditIds].sort());
    const seeded = data.audits.find((a: { id: string }) => a.id === auditIds[0]);
    expect(seeded.findings).toHaveLength(2);
    expect(data.securityEvents.map((e: { type: string }) => e.type)).toContain('API_KEY_CREATED');
    const text = JSON.stringify(data);
    for (const secret of ['passwordHash', 'secretHash', 'tokenHash', '$argon2'])
      expect(text).not.toContain(secret);
  });

  it('is refused to API keys and anonymous callers', async () => {
    const { keySecret } = await fullAccount();
    expect(errorCode(await server.gql(EXPORT, {}, withKey(keySecret)))).toBe('FORBIDDEN');
    expect(errorCode(await server.gql(EXPORT))).toBe('UNAUTHENTICATED');
  });
});

describe('deleteAccount', () => {
  it('needs the password, then leaves no row of the user’s data and ends every credential', async () => {
    const { account, keySecret } = await fullAccount();
    const userId = account.userId;
    const shared = await server.gql(
      `mutation { createWorkspace(name: "Only mine") { id } }`,
      {},
      { token: account.accessToken },
    );
    const sharedId = shared.data!.createWorkspace.id as string;
    const workspaceIds = (
      await sql<{ workspace_id: string }>(`select workspace_id from workspace_members where user_id = ?`, [
        userId,
      ])
    ).map((row) => row.workspace_id);
    expect(workspaceIds).toHaveLength(2);
    // A plan, quota use and keys in the shared workspace too.
    await server.orm.em
      .fork()
      .getConnection()
      .execute(`insert into workspace_plans (workspace_id, plan, updated_at) values (?, 'PRO', now())`, [
        workspaceIds[0],
      ]);
    await createApiKey(server, account.accessToken, {
      scopes: ['AUDITS_WRITE'],
      workspaceId: sharedId,
    });
    await server.gql(
      CREATE_AUDIT,
      { input: { ...SITE_AUDIT, workspaceId: sharedId } },
      { token: account.accessToken },
    );
    const before = await rowsAbout(userId, account.user.email, workspaceIds);
    for (const table of ['audits', 'api_keys', 'audit_quota_usage', 'workspace_plans', 'workspace_members'])
      expect(before[`${table}.workspace_id`]).toBeGreaterThan(0);

    const wrong = await server.gql(DELETE, { password: 'not the password' }, { token: account.accessToken });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    const viaKey = await server.gql(DELETE, { password: PASSWORD }, withKey(keySecret));
    expect(errorCode(viaKey)).toBe('FORBIDDEN');
    expect((await server.gql(DELETE, { password: PASSWORD }, { token: account.accessToken })).data).toEqual({
      deleteAccount: true,
    });

    expect(await rowsAbout(userId, account.user.email, workspaceIds)).toEqual({});
    const [workspaceLeft] = await sql<{ n: string }>(`select count(*) as n from workspaces where id = ?`, [
      fromGlobalId(sharedId, 'Workspace').id,
    ]);
    expect(Number(workspaceLeft?.n)).toBe(0);
    // The log keeps what happened, anonymised.
    const [kept] = await sql<{ n: string }>(
      `select count(*) as n from security_events where type = 'API_KEY_CREATED' and user_id is null and created_at > now() - interval '1 minute'`,
    );
    expect(Number(kept?.n)).toBeGreaterThan(0);
    expect(errorCode(await server.gql(`{ viewer { id } }`, {}, { token: account.accessToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await server.gql(`{ viewer { id } }`, {}, withKey(keySecret)))).toBe('UNAUTHENTICATED');
    const refresh = await server.gql(
      `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`,
      {
        t: account.refreshToken,
      },
    );
    expect(errorCode(refresh)).toBe('UNAUTHENTICATED');
    // The address is free again.
    await register(server, { email: account.user.email });
  });
});

describe('admins', () => {
  it('export and erase a user, recorded with the admin as actor', async () => {
    const admin = await registerAdmin(server);
    const { account } = await fullAccount();
    const exported = await server.gql(
      `query ($id: ID!) { exportUserData(id: $id) }`,
      { id: account.user.id },
      { token: admin.accessToken },
    );
    expect(exported.data!.exportUserData.user.email).toBe(account.user.email);
    const refused = await server.gql(
      `mutation ($id: ID!) { deleteUser(id: $id) }`,
      { id: account.user.id },
      { token: account.accessToken },
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const own = await server.gql(
      `mutation ($id: ID!) { deleteUser(id: $id) }`,
      { id: admin.user.id },
      { token: admin.accessToken },
    );
    expect(errorCode(own)).toBe('BAD_USER_INPUT');
    const erased = await server.gql(
      `mutation ($id: ID!) { deleteUser(id: $id) }`,
      { id: account.user.id },
      { token: admin.accessToken },
    );
    expect(erased.data).toEqual({ deleteUser: true });
    expect(await rowsAbout(account.userId, account.user.email)).toEqual({});
    const events = await sql<{ type: string; user_id: string | null }>(
      `select type, user_id from security_events where actor_id = ? and type in ('ACCOUNT_EXPORTED', 'ACCOUNT_DELETED')`,
      [admin.userId],
    );
    expect(events.map((e) => e.type).sort()).toEqual(['ACCOUNT_DELETED', 'ACCOUNT_EXPORTED']);
    expect(events.every((e) => e.user_id === null)).toBe(true);
    const again = await server.gql(
      `mutation ($id: ID!) { deleteUser(id: $id) }`,
      { id: account.user.id },
      { token: admin.accessToken },
    );
    expect(errorCode(again)).toBe('NOT_FOUND');
  });
});
