// A per-address budget at the HTTP layer, before any GraphQL work: anonymous requests get the
// smallest, so an anonymous flood cannot crowd out signed-in users.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { register } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  // No trusted proxy: every request comes from this one loopback address.
  server = await startTestServer({
    runWorker: false,
    env: { TRUSTED_PROXIES: '', HTTP_BUDGET_ANONYMOUS_PER_MINUTE: '5', HTTP_BUDGET_PER_MINUTE: '8' },
  });
});
afterAll(async () => {
  await server?.close();
});

describe('the per-address request budget', () => {
  it('refuses anonymous requests past their budget with 429 and Retry-After, and keeps signed-in ones going', async () => {
    const { accessToken: token } = await register(server); // anonymous request 1
    for (let i = 2; i <= 5; i++) expect((await server.gql('{ __typename }')).errors).toBeUndefined();
    const refused = await server.gql('{ __typename }');
    expect(refused.status).toBe(429);
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.errors![0]!.extensions).toMatchObject({ limit: 5, window: '1m' });

    // Signed-in requests from the same address have a budget of their own.
    for (let i = 1; i <= 8; i++) {
      expect((await server.gql('{ viewer { id } }', {}, { token })).errors).toBeUndefined();
    }
    expect((await server.gql('{ viewer { id } }', {}, { token })).status).toBe(429);
  });
});
