// Shared steps for the API-key, quota and security-log tests (accounts: ../helpers/accounts.ts).
import { expect } from '@jest/globals';
import type { TestServer } from '../helpers/test-server.js';

export const CREATE_API_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name prefix scopes expiresAt lastUsedAt createdAt revokedAt } }
}`;

export async function createApiKey(
  server: TestServer,
  token: string,
  input: { name?: string; scopes: string[]; expiresAt?: string; workspaceId?: string },
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
