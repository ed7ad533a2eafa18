import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, decodeJwt } from 'jose';
import {
  LoginDocument,
  LogoutDocument,
  RefreshSessionDocument,
  RegisterDocument,
  ViewerDocument,
} from '../../client/generated/graphql.js';
import { register, signIn, TEST_PASSWORD, uniqueEmail, type Account } from '../helpers/accounts.js';
import { startTestServer, errorCode, TEST_JWT_SECRET, type TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('register, login, refresh rotation, logout', () => {
  it('runs the whole session lifecycle', async () => {
    const email = uniqueEmail();
    const registered = await register(server, { email, name: 'Test User' });
    expect(registered.user).toMatchObject({ email, name: 'Test User', role: 'USER' });
    expect(registered.refreshToken).toMatch(/^rt_/);

    const login = await server.gql(LoginDocument, {
      input: { email: email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(login.errors).toBeUndefined();
    const { accessToken, refreshToken } = login.data!.login;

    const viewer = await server.gql(ViewerDocument, {}, { token: accessToken });
    expect(viewer.data!.viewer).toMatchObject({
      id: registered.user.id,
      email,
      role: 'USER',
      isActive: true,
    });

    // Rotation: a new pair, and the old refresh token is dead.
    const refreshed = await server.gql(RefreshSessionDocument, { refreshToken: refreshToken });
    expect(refreshed.errors).toBeUndefined();
    const next = refreshed.data!.refreshSession;
    expect(next.refreshToken).not.toBe(refreshToken);
    expect((await server.gql(ViewerDocument, {}, { token: next.accessToken })).data!.viewer!.email).toBe(
      email,
    );

    // Reusing the rotated token revokes the whole family: the newer tokens die too.
    const reuse = await server.gql(RefreshSessionDocument, { refreshToken: refreshToken });
    expect(errorCode(reuse)).toBe('UNAUTHENTICATED');
    expect(reuse.errors![0]!.message).toMatch(/already used/);
    expect(errorCode(await server.gql(RefreshSessionDocument, { refreshToken: next.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await server.gql(ViewerDocument, {}, { token: next.accessToken }))).toBe(
      'UNAUTHENTICATED',
    );

    // The registration's own session is a different family and still alive; logout ends it.
    expect(
      (await server.gql(ViewerDocument, {}, { token: registered.accessToken })).data!.viewer!.email,
    ).toBe(email);
    const logout = await server.gql(LogoutDocument, { refreshToken: registered.refreshToken });
    expect(logout.data!.logout).toBe(true);
    expect(errorCode(await server.gql(ViewerDocument, {}, { token: registered.accessToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      errorCode(await server.gql(RefreshSessionDocument, { refreshToken: registered.refreshToken })),
    ).toBe('UNAUTHENTICATED');
  });

  it('lets exactly one of two concurrent refreshes with the same token win', async () => {
    const { refreshToken } = await register(server);
    const results = await Promise.all([
      server.gql(RefreshSessionDocument, { refreshToken: refreshToken }),
      server.gql(RefreshSessionDocument, { refreshToken: refreshToken }),
    ]);
    const winners = results.filter((result) => !result.errors);
    expect(winners.length).toBeLessThanOrEqual(1);
    expect(results.filter((result) => errorCode(result) === 'UNAUTHENTICATED').length).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('answers viewer: null for anonymous callers', async () => {
    const response = await server.gql(ViewerDocument);
    expect(response.errors).toBeUndefined();
    expect(response.data!.viewer).toBeNull();
  });

  it('refuses a wrong password and an unknown email the same way', async () => {
    const email = uniqueEmail();
    await register(server, { email });
    const wrong = await server.gql(LoginDocument, { input: { email, password: 'not the password at all' } });
    const unknown = await server.gql(LoginDocument, {
      input: { email: uniqueEmail(), password: TEST_PASSWORD },
    });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0]!.message).toBe(unknown.errors![0]!.message);
  });

  it('refuses a duplicate email, whatever its case, with CONFLICT', async () => {
    const email = uniqueEmail();
    await register(server, { email });
    const again = await server.gql(RegisterDocument, {
      input: { email: email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('names the invalid fields with BAD_USER_INPUT', async () => {
    const badEmail = await server.gql(RegisterDocument, {
      input: { email: 'not-an-email', password: TEST_PASSWORD },
    });
    expect(errorCode(badEmail)).toBe('BAD_USER_INPUT');
    expect(badEmail.errors![0]!.extensions!.fields).toEqual([
      { field: 'email', messages: ['email must be a valid email address'] },
    ]);
    const shortPassword = await server.gql(RegisterDocument, {
      input: { email: uniqueEmail(), password: 'short' },
    });
    expect(errorCode(shortPassword)).toBe('BAD_USER_INPUT');
    expect(shortPassword.errors![0]!.extensions!.fields).toEqual([
      { field: 'password', messages: ['password must be 10 to 128 characters'] },
    ]);
    expect(shortPassword.errors![0]!.message).toContain('password must be 10 to 128 characters');
  });

  it('rejects a missing required argument and a wrongly typed variable with BAD_USER_INPUT', async () => {
    expect(errorCode(await server.gql('mutation { register { accessToken } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.gql(String(RegisterDocument), { input: { email: 42 } }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('access tokens that must not work', () => {
  let session: Account;
  let claims: { sub: string; sid: string };

  beforeAll(async () => {
    session = await register(server);
    const payload = decodeJwt(session.accessToken);
    claims = { sub: payload.sub!, sid: payload.sid as string };
  });

  const sign = (key: string, expiresAt: number) =>
    new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer('aeo-audit-api')
      .setAudience('aeo-audit-api')
      .setIssuedAt(expiresAt - 900)
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(key));

  const expectRefused = async (token: string) => {
    const response = await server.gql(ViewerDocument, {}, { token });
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
  };

  it('accepts the genuine token (control)', async () => {
    const response = await server.gql(ViewerDocument, {}, { token: session.accessToken });
    expect(response.data!.viewer!.id).toBe(session.user.id);
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = session.accessToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...decodeJwt(session.accessToken), sub: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    await expectRefused(`${header}.${forged}.${signature}`);
  });

  it('refuses an expired token', async () => {
    await expectRefused(await sign(TEST_JWT_SECRET, Math.floor(Date.now() / 1000) - 60));
  });

  it('refuses alg: none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(decodeJwt(session.accessToken))).toString('base64url');
    await expectRefused(`${header}.${payload}.`);
  });

  it('refuses a token signed with another key', async () => {
    await expectRefused(
      await sign('another-secret-of-sufficient-length-0123456789', Math.floor(Date.now() / 1000) + 600),
    );
  });

  it('refuses a well-signed token whose ids are not ids (no database lookup, no 500)', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 600;
    const token = await new SignJWT({ sid: "' or 1=1 --" })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('not-a-uuid')
      .setIssuer('aeo-audit-api')
      .setAudience('aeo-audit-api')
      .setIssuedAt(expiresAt - 900)
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    await expectRefused(token);
  });

  it('refuses garbage credentials', async () => {
    await expectRefused('definitely-not-a-token');
  });
});

describe('password change', () => {
  it('ends the other sessions but keeps the current one', async () => {
    const email = uniqueEmail();
    const first = await register(server, { email });
    const second = await signIn(server, email);
    const change = await server.gql(
      `mutation { changePassword(input: { currentPassword: "${TEST_PASSWORD}", newPassword: "a brand new passphrase" }) }`,
      {},
      { token: second.accessToken },
    );
    expect(change.errors).toBeUndefined();
    expect(errorCode(await server.gql(ViewerDocument, {}, { token: first.accessToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await server.gql(RefreshSessionDocument, { refreshToken: first.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect((await server.gql(ViewerDocument, {}, { token: second.accessToken })).data!.viewer!.email).toBe(
      email,
    );
    expect(errorCode(await server.gql(LoginDocument, { input: { email, password: TEST_PASSWORD } }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      (await server.gql(LoginDocument, { input: { email, password: 'a brand new passphrase' } })).errors,
    ).toBeUndefined();
  });

  it('refuses a wrong current password', async () => {
    const { accessToken } = await register(server);
    const change = await server.gql(
      `mutation { changePassword(input: { currentPassword: "wrong wrong wrong", newPassword: "a brand new passphrase" }) }`,
      {},
      { token: accessToken },
    );
    expect(errorCode(change)).toBe('UNAUTHENTICATED');
  });

  it('updates the profile; a taken email answers like a free one (the email to it says why)', async () => {
    const other = await register(server);
    const { accessToken, user } = await register(server);
    const update = await server.gql(
      `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { name email } }`,
      { input: { name: '  New Name ' } },
      { token: accessToken },
    );
    expect(update.data!.updateProfile.name).toBe('New Name');
    const taken = await server.gql(
      `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { email pendingEmail } }`,
      { input: { email: other.user.email, currentPassword: TEST_PASSWORD } },
      { token: accessToken },
    );
    expect(taken.errors).toBeUndefined();
    expect(taken.data!.updateProfile).toEqual({ email: user.email, pendingEmail: other.user.email });
  });
});

describe('signed-in sessions', () => {
  it('lists the viewer’s sessions and signs one out', async () => {
    const email = uniqueEmail();
    const laptop = await register(server, { email });
    const phone = await signIn(server, email, { headers: { 'user-agent': 'Phone/1.0' } });
    const SESSIONS = '{ viewer { sessions { id current userAgent lastUsedAt expiresAt } } }';
    const listed = (await server.gql(SESSIONS, {}, { token: laptop.accessToken })).data!.viewer!.sessions;
    expect(listed).toHaveLength(2);
    expect(listed.filter((session: any) => session.current)).toHaveLength(1);
    const phoneSession = listed.find((session: any) => session.userAgent === 'Phone/1.0');
    expect(phoneSession.current).toBe(false);

    const revoked = await server.gql(
      'mutation($id: ID!) { revokeSession(id: $id) }',
      { id: phoneSession.id },
      { token: laptop.accessToken },
    );
    expect(revoked.data!.revokeSession).toBe(true);
    expect(errorCode(await server.gql(ViewerDocument, {}, { token: phone.accessToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await server.gql(RefreshSessionDocument, { refreshToken: phone.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      (await server.gql(SESSIONS, {}, { token: laptop.accessToken })).data!.viewer!.sessions,
    ).toHaveLength(1);

    // Another user's session does not exist for you.
    const stranger = await register(server);
    const steal = await server.gql(
      'mutation($id: ID!) { revokeSession(id: $id) }',
      { id: listed.find((s: any) => s.current).id },
      { token: stranger.accessToken },
    );
    expect(errorCode(steal)).toBe('NOT_FOUND');
  });
});
