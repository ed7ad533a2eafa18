// Live progress streams do not outlive the access they were opened with: a logout, a revoked
// API key or a demotion on another replica ends them within 2 s, and no event after it carries
// what the viewer may no longer see.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { createApiKey } from '../api-keys/helpers.js';
import { register, registerAdmin } from '../helpers/accounts.js';
import { startTestServer, testRedisUrl, type TestServer } from '../helpers/test-server.js';
import { createAudit } from './helpers.js';

const redisUrl = testRedisUrl();
const describeWithRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.warn('REDIS_URL is not set: cross-replica revocation tests skipped');

const PROGRESS =
  'subscription($id: ID!) { auditProgress(id: $id) { status audit { id url owner { email } } } }';

/** Follows an audit's progress; resolves with what arrived and how the stream ended. */
function follow(client: Client, id: string) {
  const results: Array<{ data?: any; errors?: any[] }> = [];
  let opened!: () => void;
  const firstEvent = new Promise<void>((resolve) => (opened = resolve));
  const ended = new Promise<{ error: unknown; at: number }>((resolve) => {
    client.subscribe(
      { query: PROGRESS, variables: { id } },
      {
        next: (result) => {
          results.push(result as never);
          opened();
        },
        error: (error) => resolve({ error, at: Date.now() }),
        complete: () => resolve({ error: null, at: Date.now() }),
      },
    );
  });
  return { results, firstEvent, ended };
}

describeWithRedis('revoked access ends open streams on every replica', () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    // No worker: audits stay QUEUED, so only a revocation can end their streams.
    const env = { REDIS_URL: redisUrl! };
    a = await startTestServer({ env, runWorker: false });
    b = await startTestServer({ env, runWorker: false, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('ends the stream of a demoted admin watching another customer’s audit', async () => {
    const customer = await register(a);
    const audit = await createAudit(a, customer.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const watcher = await registerAdmin(a);
    const granter = await registerAdmin(b);
    const stream = follow(a.wsClient({ authorization: `Bearer ${watcher.accessToken}` }), audit.id);
    await stream.firstEvent;
    expect(stream.results[0]!.data.auditProgress.audit.owner.email).toBe(customer.user.email);

    const demotedAt = Date.now();
    const demotion = await b.gql(
      'mutation($id: ID!) { setUserRole(id: $id, role: USER) { role } }',
      { id: watcher.user.id },
      { token: granter.accessToken },
    );
    expect(demotion.errors).toBeUndefined();
    const { error, at } = await stream.ended;
    expect(at - demotedAt).toBeLessThan(2_000);
    expect(JSON.stringify(error)).toContain('NOT_FOUND');
    // Nothing after the first event showed the audit.
    expect(stream.results).toHaveLength(1);
  });

  it('ends a stream within 2 s of a logout on another replica', async () => {
    const user = await register(a);
    const audit = await createAudit(a, user.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const stream = follow(a.wsClient({ authorization: `Bearer ${user.accessToken}` }), audit.id);
    await stream.firstEvent;
    const loggedOutAt = Date.now();
    const logout = await b.gql('mutation($token: String!) { logout(refreshToken: $token) }', {
      token: user.refreshToken,
    });
    expect(logout.data?.logout).toBe(true);
    const { error, at } = await stream.ended;
    expect(at - loggedOutAt).toBeLessThan(2_000);
    expect(JSON.stringify(error)).toContain('UNAUTHENTICATED');
  });

  it('ends an API key’s stream within 2 s of the key’s revocation on another replica', async () => {
    const owner = await register(a);
    const key = await createApiKey(a, owner.accessToken, { scopes: ['AUDITS_READ', 'AUDITS_WRITE'] });
    const audit = await createAudit(a, owner.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const stream = follow(a.wsClient({ apiKey: key.secret }), audit.id);
    await stream.firstEvent;
    const revokedAt = Date.now();
    const revoke = await b.gql(
      'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: key.apiKey.id },
      { token: owner.accessToken },
    );
    expect(revoke.errors).toBeUndefined();
    const { error, at } = await stream.ended;
    expect(at - revokedAt).toBeLessThan(2_000);
    expect(JSON.stringify(error)).toContain('UNAUTHENTICATED');
  });
});
