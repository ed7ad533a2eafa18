// What a stolen access token cannot do: guess the password at speed, or move the account to
// another email; and what deactivation ends for good: the account's API keys.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiKey, withKey } from '../api-keys/helpers.js';
import { register, registerAdmin, TEST_PASSWORD, uniqueEmail, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let admin: Account;

beforeAll(async () => {
  server = await startTestServer({ runWorker: false });
  admin = await registerAdmin(server);
});
afterAll(async () => {
  await server?.close();
});

const CHANGE_PASSWORD = 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }';
const UPDATE_PROFILE =
  'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { email pendingEmail } }';

describe('account protection', () => {
  it('allows 5 password-change attempts per 15 minutes per caller, then RATE_LIMITED', async () => {
    const { accessToken: token } = await register(server);
    const attempt = (guess: string) =>
      server.gql(
        CHANGE_PASSWORD,
        { input: { currentPassword: guess, newPassword: 'a brand new passphrase' } },
        { token },
      );
    for (let i = 0; i < 5; i++) expect(errorCode(await attempt(`guess number ${i}`))).toBe('UNAUTHENTICATED');
    expect(errorCode(await attempt(TEST_PASSWORD))).toBe('RATE_LIMITED');
  });

  it('starts an email change only with the current password', async () => {
    const { accessToken: token, user } = await register(server);
    const email = uniqueEmail('moved');
    const without = await server.gql(UPDATE_PROFILE, { input: { email } }, { token });
    expect(errorCode(without)).toBe('BAD_USER_INPUT');
    expect(without.errors![0]!.extensions!.fields).toEqual([
      { field: 'currentPassword', messages: ['is required to change the email'] },
    ]);
    const wrong = await server.gql(
      UPDATE_PROFILE,
      { input: { email, currentPassword: 'not it at all' } },
      { token },
    );
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    const right = await server.gql(
      UPDATE_PROFILE,
      { input: { email, currentPassword: TEST_PASSWORD } },
      { token },
    );
    // Changed once the new address confirms (test/auth/account-recovery.test.ts).
    expect(right.data?.updateProfile).toEqual({ email: user.email, pendingEmail: email });
  });

  it('revokes the API keys of a deactivated account: reactivation does not bring them back', async () => {
    const owner = await register(server);
    const key = await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_READ'] });
    const viewerWithKey = () => server.gql('{ viewer { id } }', {}, withKey(key.secret));
    expect((await viewerWithKey()).errors).toBeUndefined();
    const setActive = (mutation: string) =>
      server.gql(
        `mutation($id: ID!) { ${mutation}(id: $id) { isActive } }`,
        { id: owner.user.id },
        { token: admin.accessToken },
      );
    expect((await setActive('deactivateUser')).errors).toBeUndefined();
    expect((await setActive('reactivateUser')).errors).toBeUndefined();
    expect(errorCode(await viewerWithKey())).toBe('UNAUTHENTICATED');
  });
});
