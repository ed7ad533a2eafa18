import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiKey, withKey } from '../api-keys/helpers.js';
import { register, registerAdmin, TEST_PASSWORD, uniqueEmail, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';

const EVENTS = `query($first: Int, $after: String, $filter: SecurityEventFilter) {
  securityEvents(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { id type email ip requestId details createdAt user { id } actor { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`;

let server: TestServer;
let admin: Account;
let member: Account;

async function events(filter: Record<string, unknown>, first = 50) {
  const response = await server.gql(EVENTS, { filter, first }, { token: admin.accessToken });
  expect(response.errors).toBeUndefined();
  return response.data!.securityEvents.edges.map((edge: any) => edge.node) as Array<Record<string, any>>;
}

beforeAll(async () => {
  server = await startTestServer({ runWorker: false });
  admin = await registerAdmin(server);
  member = await register(server, { email: uniqueEmail('member') });
});
afterAll(async () => {
  await server?.close();
});

describe('security log', () => {
  it('records logins that succeed and fail, with the attempted email and the request id', async () => {
    await server.gql(LOGIN, { input: { email: member.user.email, password: TEST_PASSWORD } });
    await server.gql(LOGIN, { input: { email: member.user.email, password: 'not the password at all' } });
    const unknown = await server.gql(
      LOGIN,
      { input: { email: 'Nobody@Example.com', password: TEST_PASSWORD } },
      { headers: { 'x-request-id': 'req-unknown-login' } },
    );
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');

    const succeeded = await events({ type: ['LOGIN_SUCCEEDED'], userId: member.user.id });
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]).toMatchObject({
      user: { id: member.user.id },
      ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
    });
    const failed = await events({ type: ['LOGIN_FAILED'] });
    expect(failed.map((event) => [event.email, event.details.reason, event.user?.id ?? null])).toEqual([
      ['nobody@example.com', 'unknown_email', null],
      [member.user.email, 'wrong_password', member.user.id],
    ]);
    expect(failed[0]!.requestId).toBe('req-unknown-login');
  });

  it('records password changes, refresh-token reuse and logout', async () => {
    const user = await register(server);
    await server.gql(
      `mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`,
      { input: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new long password' } },
      { token: user.accessToken },
    );
    const login = (
      await server.gql(LOGIN, { input: { email: user.user.email, password: 'a brand new long password' } })
    ).data!.login;
    const refresh = `mutation($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }`;
    await server.gql(refresh, { t: login.refreshToken });
    await server.gql(refresh, { t: login.refreshToken });
    const login2 = (
      await server.gql(LOGIN, { input: { email: user.user.email, password: 'a brand new long password' } })
    ).data!.login;
    await server.gql(`mutation($t: String!) { logout(refreshToken: $t) }`, { t: login2.refreshToken });

    const types = (await events({ userId: user.user.id })).map((event) => event.type);
    expect(types).toEqual([
      'SESSION_REVOKED',
      'LOGIN_SUCCEEDED',
      'REFRESH_TOKEN_REUSED',
      'LOGIN_SUCCEEDED',
      'PASSWORD_CHANGED',
    ]);
  });

  it('records API key events and admin actions, with the admin as actor', async () => {
    const user = await register(server);
    const { apiKey } = await createApiKey(server, user.accessToken, { scopes: ['AUDITS_READ'] });
    const rotated = await server.gql(
      `mutation($id: ID!) { rotateApiKey(id: $id, gracePeriodSeconds: 0) { apiKey { id } } }`,
      { id: apiKey.id },
      { token: user.accessToken },
    );
    await server.gql(
      `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id: rotated.data!.rotateApiKey.apiKey.id },
      { token: user.accessToken },
    );
    await server.gql(
      `mutation($id: ID!) { setUserRole(id: $id, role: ADMIN) { id } }`,
      { id: user.user.id },
      { token: admin.accessToken },
    );
    await server.gql(
      `mutation($id: ID!) { deactivateUser(id: $id) { id } }`,
      { id: user.user.id },
      { token: admin.accessToken },
    );
    await server.gql(
      `mutation($id: ID!) { reactivateUser(id: $id) { id } }`,
      { id: user.user.id },
      { token: admin.accessToken },
    );

    const log = await events({ userId: user.user.id });
    expect(log.map((event) => event.type)).toEqual([
      'USER_REACTIVATED',
      'USER_DEACTIVATED',
      'ROLE_CHANGED',
      'API_KEY_REVOKED',
      'API_KEY_ROTATED',
      'API_KEY_CREATED',
    ]);
    expect(log[2]).toMatchObject({ actor: { id: admin.user.id }, details: { from: 'USER', to: 'ADMIN' } });
    expect(log[5]!.actor).toEqual({ id: user.user.id });
    expect(JSON.stringify(log)).not.toMatch(/aeo_live_[A-Za-z0-9]{8}_/);
  });

  it('pages newest first and filters by time', async () => {
    const first = await server.gql(EVENTS, { first: 2 }, { token: admin.accessToken });
    const page = first.data!.securityEvents;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await server.gql(
      EVENTS,
      { first: 2, after: page.pageInfo.endCursor },
      { token: admin.accessToken },
    );
    const times = [...page.edges, ...next.data!.securityEvents.edges].map((edge: any) =>
      Date.parse(edge.node.createdAt),
    );
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(await events({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
  });

  it('is for admins only: FORBIDDEN for users and for API keys', async () => {
    expect(errorCode(await server.gql(EVENTS, {}, { token: member.accessToken }))).toBe('FORBIDDEN');
    expect(errorCode(await server.gql(EVENTS, {}))).toBe('UNAUTHENTICATED');
    const { secret } = await createApiKey(server, admin.accessToken, { scopes: ['AUDITS_READ'] });
    expect(errorCode(await server.gql(EVENTS, {}, withKey(secret)))).toBe('FORBIDDEN');
    const eventId = (await events({}, 1))[0]!.id;
    const node = await server.gql(
      `query($id: ID!) { node(id: $id) { id } }`,
      { id: eventId },
      { token: member.accessToken },
    );
    expect(errorCode(node)).toBe('NOT_FOUND');
    const own = await server.gql(
      `query($id: ID!) { node(id: $id) { id } }`,
      { id: eventId },
      { token: admin.accessToken },
    );
    expect(own.data!.node.id).toBe(eventId);
  });
});
