// Automatic persisted queries (Apollo's APQ protocol): a hash alone is a miss until the text is
// registered with it, then answers as the text would; a hash that is not the text's is refused.
// Kept in Redis when there is one (every replica answers a query registered on another), in a
// bounded LRU in memory otherwise.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryQueryTextCache } from '../../src/server/persisted-queries.js';
import { register, type Account } from '../helpers/accounts.js';
import { startTestServer, testRedisUrl, type TestServer } from '../helpers/test-server.js';

const redisUrl = testRedisUrl();
let memory: TestServer;
let replicas: TestServer[] = [];
let alice: Account;

beforeAll(async () => {
  memory = await startTestServer({ runWorker: false });
  if (redisUrl) {
    const first = await startTestServer({ runWorker: false, env: { REDIS_URL: redisUrl } });
    replicas = [
      first,
      await startTestServer({
        runWorker: false,
        databaseUrl: first.databaseUrl,
        env: { REDIS_URL: redisUrl },
      }),
    ];
  }
  alice = await register(memory);
});
afterAll(async () => {
  await Promise.all([memory, ...replicas].map((server) => server?.close()));
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A query no earlier run registered (the cache is keyed by the text's hash). */
const uniqueQuery = () => `query Mine_${randomUUID().replaceAll('-', '')} { viewer { id email } }`;

async function post(server: TestServer, body: Record<string, unknown>, token?: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('automatic persisted queries', () => {
  it('misses a hash alone, registers hash and text, then answers the hash alone', async () => {
    const query = uniqueQuery();
    const hash = sha256(query);
    const miss = await post(memory, { extensions: persisted(hash) }, alice.accessToken);
    expect(miss.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(miss.body.errors[0].message).toBe('PersistedQueryNotFound');
    const registered = await post(memory, { query, extensions: persisted(hash) }, alice.accessToken);
    expect(registered.body).toEqual({ data: { viewer: { id: alice.user.id, email: alice.user.email } } });
    const hit = await post(memory, { extensions: persisted(hash) }, alice.accessToken);
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual(registered.body);
    // The same auth as with the text: anonymous, the viewer is null.
    expect((await post(memory, { extensions: persisted(hash) })).body).toEqual({ data: { viewer: null } });
  });

  it('refuses a hash that is not the text’s, and registers nothing for it', async () => {
    const query = uniqueQuery();
    const wrong = sha256(`${query} `);
    const refused = await post(memory, { query, extensions: persisted(wrong) }, alice.accessToken);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.body.errors[0].message).toMatch(/does not match/);
    const after = await post(memory, { extensions: persisted(wrong) }, alice.accessToken);
    expect(after.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('keeps the limits: variables too deep for a hash alone, a registered query over the cost', async () => {
    const query = `query Deep_${randomUUID().replaceAll('-', '')}($v: String) { viewer { id } }`;
    const hash = sha256(query);
    await post(memory, { query, extensions: persisted(hash) }, alice.accessToken);
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = { deeper: deep };
    const refused = await post(
      memory,
      { variables: { v: deep }, extensions: persisted(hash) },
      alice.accessToken,
    );
    expect(refused.status).toBe(200); // a request error, with application/json
    expect(refused.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const costly = `query Costly_${randomUUID().replaceAll('-', '')} { audits(first: 100) { edges { node {
      findings(first: 100) { edges { node { title } } } } } } }`;
    const over = await post(
      memory,
      { query: costly, extensions: persisted(sha256(costly)) },
      alice.accessToken,
    );
    expect(over.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    // Refused queries are not registered.
    const again = await post(memory, { extensions: persisted(sha256(costly)) }, alice.accessToken);
    expect(again.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  (redisUrl ? it : it.skip)('shares registrations between replicas through Redis', async () => {
    const [first, second] = replicas as [TestServer, TestServer];
    const account = await register(first);
    const query = uniqueQuery();
    const hash = sha256(query);
    expect(
      (await post(second, { extensions: persisted(hash) }, account.accessToken)).body.errors[0].extensions
        .code,
    ).toBe('PERSISTED_QUERY_NOT_FOUND');
    await post(first, { query, extensions: persisted(hash) }, account.accessToken);
    const hit = await post(second, { extensions: persisted(hash) }, account.accessToken);
    expect(hit.body).toEqual({ data: { viewer: { id: account.user.id, email: account.user.email } } });
  });
});

describe('MemoryQueryTextCache', () => {
  it('keeps at most its size of text, dropping the least recently used, and honours the TTL', async () => {
    let now = 0;
    const cache = new MemoryQueryTextCache(10, () => now);
    await cache.set('a', 'aaaa');
    await cache.set('b', 'bbbb');
    expect(await cache.get('a')).toBe('aaaa');
    await cache.set('c', 'cccc');
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe('aaaa');
    expect(cache.size).toBe(8);
    await cache.set('big', 'x'.repeat(11));
    expect(await cache.get('big')).toBeUndefined();
    await cache.set('t', 'tt', { ttl: 1 });
    now = 999;
    expect(await cache.get('t')).toBe('tt');
    now = 1000;
    expect(await cache.get('t')).toBeUndefined();
  });
});

describe('over WebSocket', () => {
  it('takes the text: a hash alone is PERSISTED_QUERY_NOT_SUPPORTED outside trusted documents mode', async () => {
    const errors = await new Promise<unknown>((resolve, reject) => {
      memory
        .wsClient()
        .subscribe(
          { query: '', extensions: persisted(sha256('{ viewer { id } }')) },
          { next: () => reject(new Error('ran')), error: resolve, complete: () => undefined },
        );
    });
    expect(errors).toEqual([
      { message: 'PersistedQueryNotSupported', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } },
    ]);
  });
});
