// A caller's mistakes are answered as such (BAD_USER_INPUT, UNAUTHENTICATED), never as an
// internal error: they are not our failures, and must not page anyone.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { register, TEST_PASSWORD } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ env: { NODE_ENV: 'production' }, runWorker: false });
  token = (await register(server)).accessToken;
});
afterAll(async () => {
  await server?.close();
});

/** A cursor in our envelope for the default audits ordering, around forged keys. */
const forgedCursor = (keys: unknown) =>
  Buffer.from(
    JSON.stringify({
      o: 'createdAt:desc,id:desc',
      k: Buffer.from(JSON.stringify(keys)).toString('base64url'),
    }),
  ).toString('base64url');

describe('mistakes answered as the caller’s', () => {
  it('asks for sign-in when an anonymous login payload selects the viewer-only User.audits', async () => {
    const account = await register(server);
    const response = await server.gql(
      'mutation($input: LoginInput!) { login(input: $input) { user { audits { totalCount } } } }',
      { input: { email: account.user.email, password: TEST_PASSWORD } },
    );
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
  });

  it('refuses NUL characters in variables and in string literals with BAD_USER_INPUT', async () => {
    const inVariable = await server.gql(
      'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }',
      { input: { name: 'a\u0000b' } },
      { token },
    );
    expect(errorCode(inVariable)).toBe('BAD_USER_INPUT');
    expect(inVariable.errors![0]!.message).toContain('NUL');
    const inLiteral = await server.gql(
      '{ audits(filter: { search: "a\\u0000b" }) { totalCount } }',
      {},
      { token },
    );
    expect(errorCode(inLiteral)).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['keys of the wrong types', [{ a: 1 }, 'x']],
    ['a timestamp that is no date', ['not a date', '00000000-0000-4000-8000-000000000000']],
    ['an id that is no uuid', [new Date().toISOString(), 'not-a-uuid']],
    ['too few keys', [new Date().toISOString()]],
  ])('refuses a forged cursor with %s as BAD_USER_INPUT', async (_name, keys) => {
    const response = await server.gql(
      'query($after: String) { audits(after: $after) { totalCount } }',
      { after: forgedCursor(keys) },
      { token },
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toContain('Invalid cursor');
  });
  // The cursors the API hands out still page: test/audits/access.test.ts pages every ordering.
});
