// Many subscribers of one audit: one subscription per topic on the broker, the event answered
// once per distinct (document, variables, viewer) and written to each, and every subscriber's
// own access still decides what it receives. Then the same across two replicas through Redis.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { fromGlobalId } from '../../src/common/global-id.js';
import { register, registerAdmin, signIn } from '../helpers/accounts.js';
import { startTestServer, testRedisUrl, type TestServer } from '../helpers/test-server.js';
import { createAudit } from './helpers.js';

const PROGRESS =
  'subscription($id: ID!) { auditProgress(id: $id) { status stage audit { id owner { email } } } }';

/** Follows an audit's progress; resolves with the raw results once the stream ends. */
function follow(client: Client, id: string) {
  const results: Array<{ data?: any; errors?: unknown[] }> = [];
  let opened!: () => void;
  const firstEvent = new Promise<void>((resolve) => (opened = resolve));
  const ended = new Promise<{ error: unknown }>((resolve) => {
    client.subscribe(
      { query: PROGRESS, variables: { id } },
      {
        next: (result) => {
          results.push(result as never);
          opened();
        },
        error: (error) => resolve({ error }),
        complete: () => resolve({ error: null }),
      },
    );
  });
  return { results, firstEvent, ended };
}

describe('fan-out on one process', () => {
  let server: TestServer;
  const statements: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ runWorker: false, onQuery: (sql) => statements.push(sql) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers an event once for subscribers who would get the same answer, apart for others', async () => {
    const owner = await register(server);
    const admin = await registerAdmin(server);
    const audit = await createAudit(server, owner.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const ownerClients = Array.from({ length: 3 }, () =>
      server.wsClient({ authorization: `Bearer ${owner.accessToken}` }),
    );
    const streams = ownerClients.flatMap((client) =>
      Array.from({ length: 5 }, () => follow(client, audit.id)),
    );
    const adminStream = follow(server.wsClient({ authorization: `Bearer ${admin.accessToken}` }), audit.id);
    await Promise.all([...streams, adminStream].map((stream) => stream.firstEvent));

    statements.length = 0;
    const cancel = await server.gql(
      'mutation($id: ID!) { cancelAudit(id: $id) { id } }',
      { id: audit.id },
      {
        token: owner.accessToken,
      },
    );
    expect(cancel.errors).toBeUndefined();
    const ends = await Promise.all([...streams, adminStream].map((stream) => stream.ended));
    expect(ends.every((end) => end.error === null)).toBe(true);

    const last = (stream: { results: Array<{ data?: any }> }) => stream.results.at(-1)!.data.auditProgress;
    for (const stream of [...streams, adminStream]) {
      expect(stream.results).toHaveLength(2);
      expect(last(stream)).toEqual({
        status: 'CANCELLED',
        stage: 'Cancelled',
        audit: { id: audit.id, owner: { email: owner.user.email } },
      });
    }
    // The audit field read the audit for the owner's 15 streams once and for the admin once
    // (besides the mutation's own reads), not 16 times.
    const auditReads = statements.filter((text) => /from "audits"/.test(text));
    expect(auditReads.length).toBeLessThan(8);
    await Promise.all(ownerClients.map(async (client) => client.dispose()));
  });

  it('still ends the stream of a subscriber whose access went, while the others carry on', async () => {
    const owner = await register(server);
    const second = await signIn(server, owner.user.email);
    const audit = await createAudit(server, owner.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const staying = follow(server.wsClient({ authorization: `Bearer ${owner.accessToken}` }), audit.id);
    const leaving = follow(server.wsClient({ authorization: `Bearer ${second.accessToken}` }), audit.id);
    await Promise.all([staying.firstEvent, leaving.firstEvent]);
    const logout = await server.gql('mutation($token: String!) { logout(refreshToken: $token) }', {
      token: second.refreshToken,
    });
    expect(logout.data?.logout).toBe(true);
    expect(JSON.stringify((await leaving.ended).error)).toContain('UNAUTHENTICATED');
    await server.gql(
      'mutation($id: ID!) { cancelAudit(id: $id) { id } }',
      { id: audit.id },
      { token: owner.accessToken },
    );
    expect((await staying.ended).error).toBeNull();
    expect(staying.results.map((result) => result.data.auditProgress.status)).toEqual([
      'QUEUED',
      'CANCELLED',
    ]);
    expect(leaving.results).toHaveLength(1);
  });

  it('answers someone else’s audit NOT_FOUND, exactly like a missing one', async () => {
    const owner = await register(server);
    const other = await register(server);
    const audit = await createAudit(server, owner.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const stream = follow(server.wsClient({ authorization: `Bearer ${other.accessToken}` }), audit.id);
    await stream.ended;
    expect(JSON.stringify(stream.results[0]!.errors)).toContain('NOT_FOUND');
  });
});

const redisUrl = testRedisUrl();
const describeWithRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.warn('REDIS_URL is not set: two-replica fan-out test skipped');

describeWithRedis('fan-out across two replicas through Redis', () => {
  let a: TestServer;
  let b: TestServer;
  let redis: Redis;

  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl! };
    a = await startTestServer({ env, runWorker: false });
    b = await startTestServer({ env, runWorker: false, databaseUrl: a.databaseUrl });
    redis = new Redis(redisUrl!);
  });
  afterAll(async () => {
    redis?.disconnect();
    await b?.close();
    await a?.close();
  });

  it('delivers one replica’s event to the subscribers of both, one Redis subscription each', async () => {
    const owner = await register(a);
    const audit = await createAudit(a, owner.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const topic = `audit-progress:${fromGlobalId(audit.id, 'Audit').id}`;
    const clients = [a, b, a, b].map((server) =>
      server.wsClient({ authorization: `Bearer ${owner.accessToken}` }),
    );
    const streams = clients.flatMap((client) => Array.from({ length: 4 }, () => follow(client, audit.id)));
    await Promise.all(streams.map((stream) => stream.firstEvent));
    // Each replica's subscriber connection listens once to the audit's topic, for its 8 streams.
    const [, listeners] = (await redis.pubsub('NUMSUB', topic)) as [string, number];
    expect(listeners).toBe(2);

    await b.gql(
      'mutation($id: ID!) { cancelAudit(id: $id) { id } }',
      { id: audit.id },
      {
        token: owner.accessToken,
      },
    );
    await Promise.all(streams.map((stream) => stream.ended));
    for (const stream of streams) {
      expect(stream.results.map((result) => result.data.auditProgress.status)).toEqual([
        'QUEUED',
        'CANCELLED',
      ]);
    }
    // The last stream to leave unsubscribed its replica.
    const deadline = Date.now() + 2_000;
    while (((await redis.pubsub('NUMSUB', topic)) as [string, number])[1] > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(((await redis.pubsub('NUMSUB', topic)) as [string, number])[1]).toBe(0);
    await Promise.all(clients.map(async (client) => client.dispose()));
  });
});
