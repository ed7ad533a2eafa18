import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { User } from '../../src/modules/users/user.entity.js';
import { register, registerAdmin, TEST_PASSWORD, uniqueEmail, type Account } from '../helpers/accounts.js';
import { startTestServer, errorCode, type TestServer } from '../helpers/test-server.js';
import { directiveSignature, directivesOf } from '../helpers/schema-fields.js';

const USERS = `query Users($first: Int, $after: String, $last: Int, $before: String) {
  users(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { id email } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

let server: TestServer;
let admin: Account;
let member: Account;

beforeAll(async () => {
  server = await startTestServer();
  // The first admin comes from the CLI command's service call, never from a default password.
  admin = await registerAdmin(server);
  member = await register(server);
});
afterAll(async () => {
  await server?.close();
});

describe('@auth directive', () => {
  it('refuses anonymous callers on an @auth field with UNAUTHENTICATED', async () => {
    expect(errorCode(await server.gql(USERS))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.gql('{ node(id: "x") { id } }'))).toBe('UNAUTHENTICATED');
  });

  it('refuses a USER on an ADMIN field with FORBIDDEN', async () => {
    const response = await server.gql(USERS, {}, { token: member.accessToken });
    expect(errorCode(response)).toBe('FORBIDDEN');
    const mutation = await server.gql(
      `mutation($id: ID!) { setUserRole(id: $id, role: ADMIN) { role } }`,
      { id: member.user.id },
      { token: member.accessToken },
    );
    expect(errorCode(mutation)).toBe('FORBIDDEN');
  });

  it('is declared in the emitted schema on every guarded field', async () => {
    const schema = server.server.schema;
    expect(directiveSignature(schema, 'auth')).toBe(
      'directive @auth(requires: Role = USER, workspaceRole: WorkspaceRole) on FIELD_DEFINITION',
    );
    expect(directivesOf(schema, 'Mutation', 'cancelAudit')).toContain(
      '@auth(requires: USER, workspaceRole: MEMBER)',
    );
    expect(directivesOf(schema, 'Query', 'users')).toContain('@auth(requires: ADMIN)');
    expect(directivesOf(schema, 'Query', 'viewer')).toContain('@public');
  });
});

describe('admin user management', () => {
  it('pages through users forward and backward with stable cursors', async () => {
    for (let i = 0; i < 5; i++) await register(server, { email: uniqueEmail('page') });
    const total = (await server.gql(USERS, { first: 1 }, { token: admin.accessToken })).data!.users
      .totalCount as number;
    expect(total).toBeGreaterThanOrEqual(7);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await server.gql(USERS, { first: 3, after }, { token: admin.accessToken })).data!
        .users;
      seen.push(...page.edges.map((edge: any) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);

    const last = (await server.gql(USERS, { last: 2 }, { token: admin.accessToken })).data!.users;
    expect(last.edges.map((edge: any) => edge.node.id)).toEqual(seen.slice(-2));
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = (
      await server.gql(USERS, { last: 2, before: last.pageInfo.startCursor }, { token: admin.accessToken })
    ).data!.users;
    expect(before.edges.map((edge: any) => edge.node.id)).toEqual(seen.slice(-4, -2));
  });

  it('refuses page sizes over 100 and forged cursors with BAD_USER_INPUT', async () => {
    expect(errorCode(await server.gql(USERS, { first: 101 }, { token: admin.accessToken }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await server.gql(USERS, { last: -1 }, { token: admin.accessToken }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(await server.gql(USERS, { after: 'bm90LWEtY3Vyc29y' }, { token: admin.accessToken })),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.gql(USERS, { after: '%%%' }, { token: admin.accessToken }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('changes roles, and the new role applies at once', async () => {
    const target = await register(server);
    const promoted = await server.gql(
      `mutation($id: ID!) { setUserRole(id: $id, role: ADMIN) { role } }`,
      { id: target.user.id },
      { token: admin.accessToken },
    );
    expect(promoted.data!.setUserRole.role).toBe('ADMIN');
    expect((await server.gql(USERS, { first: 1 }, { token: target.accessToken })).errors).toBeUndefined();
    const self = await server.gql(
      `mutation($id: ID!) { setUserRole(id: $id, role: USER) { role } }`,
      { id: admin.user.id },
      { token: admin.accessToken },
    );
    expect(errorCode(self)).toBe('BAD_USER_INPUT');
  });

  it('deactivates a user: their tokens stop working at once, login and refresh are refused', async () => {
    const target = await register(server);
    const response = await server.gql(
      `mutation($id: ID!) { deactivateUser(id: $id) { isActive } }`,
      { id: target.user.id },
      { token: admin.accessToken },
    );
    expect(response.data!.deactivateUser.isActive).toBe(false);
    expect(errorCode(await server.gql('{ viewer { id } }', {}, { token: target.accessToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      errorCode(
        await server.gql(`mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, {
          t: target.refreshToken,
        }),
      ),
    ).toBe('UNAUTHENTICATED');
    const login = await server.gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
      input: { email: target.user.email, password: TEST_PASSWORD },
    });
    expect(errorCode(login)).toBe('UNAUTHENTICATED');
    expect(login.errors![0]!.message).toMatch(/deactivated/);

    await server.gql(
      `mutation($id: ID!) { reactivateUser(id: $id) { isActive } }`,
      { id: target.user.id },
      { token: admin.accessToken },
    );
    const again = await server.gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
      input: { email: target.user.email, password: TEST_PASSWORD },
    });
    expect(again.errors).toBeUndefined();
  });

  it('answers NOT_FOUND for an unknown user id', async () => {
    const unknownId = Buffer.from('User:00000000-0000-4000-8000-000000000000').toString('base64url');
    const response = await server.gql(
      `mutation($id: ID!) { deactivateUser(id: $id) { id } }`,
      { id: unknownId },
      { token: admin.accessToken },
    );
    expect(errorCode(response)).toBe('NOT_FOUND');
  });
});

describe('node(id)', () => {
  const NODE = `query($id: ID!) { node(id: $id) { id ... on User { email } } }`;

  it('resolves the viewer and lets an admin see anyone', async () => {
    const own = await server.gql(NODE, { id: member.user.id }, { token: member.accessToken });
    expect(own.data!.node).toEqual({ id: member.user.id, email: member.user.email });
    const byAdmin = await server.gql(NODE, { id: member.user.id }, { token: admin.accessToken });
    expect(byAdmin.data!.node.email).toBe(member.user.email);
  });

  it("answers NOT_FOUND for another user's object and BAD_USER_INPUT for a malformed id", async () => {
    const other = await register(server);
    expect(errorCode(await server.gql(NODE, { id: other.user.id }, { token: member.accessToken }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await server.gql(NODE, { id: 'garbage' }, { token: member.accessToken }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('stores emails lower-cased and keeps password hashes out of the API', async () => {
    const user = await server.orm.em
      .fork()
      .findOneOrFail(User, { id: Buffer.from(member.user.id, 'base64url').toString().split(':')[1]! });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const sdl = (await import('../../src/graphql/schema.js')).printSchemaSDL(server.server.schema);
    expect(sdl).not.toMatch(/passwordHash/i);
  });
});
