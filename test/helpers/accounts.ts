// Accounts on a TestServer: the one test password, unique emails, register, sign in, admins.
import { expect } from '@jest/globals';
import { fromGlobalId } from '../../src/common/global-id.js';
import { promoteUserByEmail } from '../../src/modules/users/user.service.js';
import {
  LoginDocument,
  RegisterDocument,
  type SessionFieldsFragment,
} from '../../client/generated/graphql.js';
import type { TestServer } from './test-server.js';

/** The password of every account these helpers create. */
export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;

/** An email address no other account of this test file has; `label` says whose it is. */
export function uniqueEmail(label = 'user'): string {
  return `${label}${++counter}-${Date.now()}@example.com`;
}

/** A signed-in session, as register, login and refreshSession answer it. */
export type Account = SessionFieldsFragment & {
  /** The database id behind the global `user.id`. */
  userId: string;
};

function account(payload: SessionFieldsFragment): Account {
  return { ...payload, userId: fromGlobalId(payload.user.id, 'User').id };
}

/** Registers an account (a unique email and TEST_PASSWORD unless overridden); fails the test on errors. */
export async function register(
  server: TestServer,
  overrides: { email?: string; password?: string; name?: string } = {},
): Promise<Account> {
  const input = { email: uniqueEmail(), password: TEST_PASSWORD, ...overrides };
  const response = await server.gql(RegisterDocument, { input });
  expect(response.errors).toBeUndefined();
  return account(response.data!.register);
}

/** Registers an account and makes it an ADMIN the way the CLI does (never via a default password). */
export async function registerAdmin(
  server: TestServer,
  overrides: { email?: string; password?: string; name?: string } = {},
): Promise<Account> {
  const admin = await register(server, { email: uniqueEmail('admin'), ...overrides });
  await promoteUserByEmail(server.orm.em.fork(), admin.user.email);
  return { ...admin, user: { ...admin.user, role: 'ADMIN' } };
}

/** Signs in (a new session of an existing account); fails the test on errors. */
export async function signIn(
  server: TestServer,
  email: string,
  options: { password?: string; headers?: Record<string, string> } = {},
): Promise<Account> {
  const response = await server.gql(
    LoginDocument,
    { input: { email, password: options.password ?? TEST_PASSWORD } },
    { headers: options.headers },
  );
  expect(response.errors).toBeUndefined();
  return account(response.data!.login);
}

/** Marks the account's address verified, as opening the emailed link would. */
export async function markEmailVerified(server: TestServer, account: Account): Promise<void> {
  await server.orm.em
    .fork()
    .getConnection()
    .execute(`update users set email_verified_at = now() where id = ?`, [account.userId]);
}
