// Shared steps for the API-key, quota and security-log tests.
import { expect } from '@jest/globals';
import { fromGlobalId } from '../../src/graphql/relay/global-id.js';
import { promoteUserByEmail } from '../../src/modules/users/user.service.js';
import type { TestServer } from '../helpers/test-server.js';

export const PASSWORD = 'correct horse battery staple';
let counter = 0;

export interface Account {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string };
  /** The database id behind the global id. */
  userId: string;
}

export async function registerUser(server: TestServer, prefix = 'user'): Promise<Account> {
  const email = `${prefix}${++counter}-${Date.now()}@example.com`;
  const response = await server.gql(
    `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id email } } }`,
    { input: { email, password: PASSWORD } },
  );
  expect(response.errors).toBeUndefined();
  const account = response.data!.register as Omit<Account, 'userId'>;
  return { ...account, userId: fromGlobalId(account.user.id, 'User').id };
}

export async function registerAdmin(server: TestServer): Promise<Account> {
  const account = await registerUser(server, 'admin');
  await promoteUserByEmail(server.orm.em.fork(), account.user.email);
  return account;
}

export const CREATE_API_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name prefix scopes expiresAt lastUsedAt createdAt revokedAt } }
}`;

export async function createApiKey(
  server: TestServer,
  token: string,
  input: { name?: string; scopes: string[]; expiresAt?: string },
): Promise<{ secret: string; apiKey: Record<string, any> & { id: string } }> {
  const response = await server.gql(CREATE_API_KEY, { input: { name: 'partner', ...input } }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.createApiKey;
}

export const SITE_AUDIT = { kind: 'SITE', url: 'https://example.com' };

export const CREATE_AUDIT = `mutation($input: CreateAuditInput!) { createAudit(input: $input) { id status } }`;

/** A GraphQL call authenticated with an API key in `x-api-key`. */
export function withKey(secret: string) {
  return { headers: { 'x-api-key': secret } };
}
