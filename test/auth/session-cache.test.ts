// Session lookups cached per replica (SESSION_CACHE_SECONDS), pushed out on every change of a
// user's access: two API instances on one database and one Redis, each with a cache far longer
// than the test, so that a refusal on B can only come from the eviction A published.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { register, registerAdmin, signIn, TEST_PASSWORD, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, testRedisUrl, type TestServer } from '../helpers/test-server.js';

const redisUrl = testRedisUrl();
const describeWithRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.warn('REDIS_URL is not set: session cache replica tests skipped');

const CACHED = { SESSION_CACHE_SECONDS: '60' };
const sessionLookups: string[] = [];
const membershipLookups: string[] = [];
const personalLookups: string[] = [];

/** Polls `check` until it holds (pushed evictions arrive within milliseconds; 60 s is the TTL). */
async function eventually(check: () => Promise<boolean>, withinMs = 3_000): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describeWithRedis('the session cache across two replicas', () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl!, ...CACHED };
    a = await startTestServer({ env, runWorker: false });
    b = await startTestServer({
      env,
      runWorker: false,
      databaseUrl: a.databaseUrl,
      onQuery: (sql) => {
        if (/from "sessions"/.test(sql)) sessionLookups.push(sql);
        if (/from "?workspace_members/.test(sql)) membershipLookups.push(sql);
        if (/from "?workspaces"? where "?personal_owner_id/.test(sql)) personalLookups.push(sql);
      },
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const viewer = (server: TestServer, account: Account) =>
    server.gql('{ viewer { id name role } }', {}, { token: account.accessToken });

  /**
   * B has the account's session cached: after two requests (the first may come before B hears
   * evictions, and then caches nothing), a third looks nothing up.
   */
  async function warm(account: Account) {
    expect((await viewer(b, account)).data?.viewer).toBeTruthy();
    expect((await viewer(b, account)).data?.viewer).toBeTruthy();
    sessionLookups.length = 0;
    const again = await viewer(b, account);
    expect(again.data?.viewer).toBeTruthy();
    expect(sessionLookups).toEqual([]);
  }

  const refusedOnB = (account: Account) =>
    eventually(async () => errorCode(await viewer(b, account)) === 'UNAUTHENTICATED');

  it('serves a signed-in request without a session lookup once cached', async () => {
    await warm(await register(a));
  });

  it('creates an audit in the personal workspace the cached session knows, reading none of it', async () => {
    const user = await register(a);
    await warm(user);
    membershipLookups.length = 0;
    personalLookups.length = 0;
    const created = await b.gql(
      'mutation($input: CreateAuditInput!) { createAudit(input: $input) { id workspace { id name } } }',
      { input: { kind: 'SITE', url: 'https://example.com/' } },
      { token: user.accessToken },
    );
    expect(created.errors).toBeUndefined();
    expect([sessionLookups, membershipLookups, personalLookups]).toEqual([[], [], []]);
    const personal = await a.gql(
      '{ viewer { workspaces { id personal } } }',
      {},
      { token: user.accessToken },
    );
    const workspaces = personal.data!.viewer.workspaces as Array<{ id: string; personal: boolean }>;
    expect(created.data?.createAudit.workspace.id).toBe(
      workspaces.find((workspace) => workspace.personal)!.id,
    );
  });

  it('refuses on B at once a session logged out on A', async () => {
    const user = await register(a);
    await warm(user);
    const logout = await a.gql('mutation($t: String!) { logout(refreshToken: $t) }', {
      t: user.refreshToken,
    });
    expect(logout.data?.logout).toBe(true);
    expect(await refusedOnB(user)).toBe(true);
  });

  it('refuses on B a session revoked on A, and keeps the others', async () => {
    const user = await register(a);
    const laptop = await signIn(a, user.user.email);
    await warm(user);
    await warm(laptop);
    const sessions = await a.gql('{ viewer { sessions { id current } } }', {}, { token: laptop.accessToken });
    const other = (sessions.data!.viewer.sessions as Array<{ id: string; current: boolean }>).find(
      (session) => !session.current,
    )!;
    const revoked = await a.gql(
      'mutation($id: ID!) { revokeSession(id: $id) }',
      { id: other.id },
      { token: laptop.accessToken },
    );
    expect(revoked.data?.revokeSession).toBe(true);
    expect(await refusedOnB(user)).toBe(true);
    expect((await viewer(b, laptop)).data?.viewer).toBeTruthy();
  });

  it('refuses on B the other sessions after a password change on A', async () => {
    const user = await register(a);
    const phone = await signIn(a, user.user.email);
    await warm(phone);
    const changed = await a.gql(
      'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }',
      { input: { currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase' } },
      { token: user.accessToken },
    );
    expect(changed.data?.changePassword).toBe(true);
    expect(await refusedOnB(phone)).toBe(true);
  });

  it('refuses on B a user deactivated on A, and demotes on B a user demoted on A', async () => {
    const admin = await registerAdmin(a);
    const user = await register(a);
    const other = await registerAdmin(a);
    await warm(user);
    await warm(other);
    expect((await b.gql('{ users(first: 1) { totalCount } }', {}, { token: other.accessToken })).errors).toBe(
      undefined,
    );
    const deactivated = await a.gql(
      'mutation($id: ID!) { deactivateUser(id: $id) { isActive } }',
      { id: user.user.id },
      { token: admin.accessToken },
    );
    expect(deactivated.data?.deactivateUser).toEqual({ isActive: false });
    expect(await refusedOnB(user)).toBe(true);

    const demoted = await a.gql(
      'mutation($id: ID!) { setUserRole(id: $id, role: USER) { role } }',
      { id: other.user.id },
      { token: admin.accessToken },
    );
    expect(demoted.data?.setUserRole).toEqual({ role: 'USER' });
    const forbidden = await eventually(
      async () =>
        errorCode(await b.gql('{ users(first: 1) { totalCount } }', {}, { token: other.accessToken })) ===
        'FORBIDDEN',
    );
    expect(forbidden).toBe(true);
  });

  it('shows on B a profile changed on A', async () => {
    const user = await register(a, { name: 'Before' });
    await warm(user);
    const updated = await a.gql(
      'mutation { updateProfile(input: { name: "After" }) { name } }',
      {},
      { token: user.accessToken },
    );
    expect(updated.data?.updateProfile).toEqual({ name: 'After' });
    expect(await eventually(async () => (await viewer(b, user)).data?.viewer?.name === 'After')).toBe(true);
  });

  it('answers the requests that miss the cache together with one lookup', async () => {
    const user = await register(a, { name: 'Before' });
    await warm(user);
    await a.gql(
      'mutation { updateProfile(input: { name: "After" }) { name } }',
      {},
      { token: user.accessToken },
    );
    // The eviction reaches B, then twenty requests at once find the entry gone.
    expect(await eventually(async () => (await viewer(b, user)).data?.viewer?.name === 'After')).toBe(true);
    await a.gql(
      'mutation { updateProfile(input: { name: "Again" }) { name } }',
      {},
      { token: user.accessToken },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    sessionLookups.length = 0;
    const answers = await Promise.all(Array.from({ length: 20 }, () => viewer(b, user)));
    expect(answers.map((answer) => answer.data?.viewer?.name)).toEqual(Array(20).fill('Again'));
    expect(sessionLookups).toHaveLength(1);
  });

  it('refuses every one of the requests that miss the cache together for a session logged out', async () => {
    const user = await register(a);
    await warm(user);
    await a.gql('mutation($t: String!) { logout(refreshToken: $t) }', { t: user.refreshToken });
    expect(await refusedOnB(user)).toBe(true);
    const answers = await Promise.all(Array.from({ length: 20 }, () => viewer(b, user)));
    expect(answers.map((answer) => errorCode(answer))).toEqual(Array(20).fill('UNAUTHENTICATED'));
  });

  it('brings the memberships along: a cached request reads only its own data', async () => {
    const user = await register(a);
    await warm(user);
    sessionLookups.length = 0;
    membershipLookups.length = 0;
    const page = await b.gql(
      '{ audits(first: 5) { edges { node { id } } } }',
      {},
      { token: user.accessToken },
    );
    expect(page.errors).toBeUndefined();
    expect(sessionLookups).toEqual([]);
    expect(membershipLookups).toEqual([]);
  });

  it('shows on B at once a workspace created on A, and in the same request on B', async () => {
    const user = await register(a);
    await warm(user);
    const created = await a.gql(
      'mutation { createWorkspace(name: "Team") { id } }',
      {},
      { token: user.accessToken },
    );
    const workspaceId = created.data!.createWorkspace.id as string;
    const onB = () =>
      b.gql(
        'query($w: ID!) { audits(filter: { workspaceId: $w }) { totalCount } }',
        { w: workspaceId },
        { token: user.accessToken },
      );
    expect(await eventually(async () => (await onB()).data?.audits?.totalCount === 0)).toBe(true);
    const sameRequest = await b.gql(
      'mutation { createWorkspace(name: "Second") { name audits { totalCount } } }',
      {},
      { token: user.accessToken },
    );
    expect(sameRequest.errors).toBeUndefined();
    expect(sameRequest.data!.createWorkspace).toEqual({ name: 'Second', audits: { totalCount: 0 } });
  });

  it('flushes changes to a cached viewer like to one it read (the cached user is managed)', async () => {
    const user = await register(a, { name: 'One' });
    await warm(user);
    const updated = await b.gql(
      'mutation { updateProfile(input: { name: "Two" }) { name } }',
      {},
      { token: user.accessToken },
    );
    expect(updated.data?.updateProfile).toEqual({ name: 'Two' });
    expect((await viewer(a, user)).data?.viewer?.name).toBe('Two');
  });
});

describe('the session cache turned off', () => {
  let server: TestServer;
  const lookups: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      env: { SESSION_CACHE_SECONDS: '0' },
      runWorker: false,
      onQuery: (sql) => {
        if (/from "sessions"/.test(sql)) lookups.push(sql);
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('looks the session up on every request', async () => {
    const user = await register(server);
    lookups.length = 0;
    for (let i = 0; i < 3; i++) {
      expect(
        (await server.gql('{ viewer { id } }', {}, { token: user.accessToken })).data?.viewer,
      ).toBeTruthy();
    }
    expect(lookups).toHaveLength(3);
  });
});
