// Trusted documents mode against the real server: only the manifest's operations run, by hash
// (Apollo's APQ extension) or by text, over HTTP and WebSocket alike; anything else is refused
// with OPERATION_NOT_TRUSTED before it is validated, and nothing new can be registered by hash.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RegisterDocument } from '../../client/generated/graphql.js';
import { register, type Account } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const ME = 'query Me { viewer { id email } }';
const PROGRESS = 'subscription Progress($id: ID!) { auditProgress(id: $id) { __typename } }';
// The helpers' sign-up is one of the clients' operations too.
const REGISTER = RegisterDocument.toString();
const MANIFEST = { [sha256(ME)]: ME, [sha256(PROGRESS)]: PROGRESS, [sha256(REGISTER)]: REGISTER };

let dir: string;
let server: TestServer;
let alice: Account;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trusted-'));
  const manifest = path.join(dir, 'persisted-documents.json');
  await writeFile(manifest, JSON.stringify(MANIFEST));
  server = await startTestServer({
    runWorker: false,
    env: { TRUSTED_DOCUMENTS_MANIFEST: manifest, TRUSTED_DOCUMENTS_ALLOW_INTROSPECTION: 'true' },
  });
  alice = await register(server);
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.accessToken}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
const me = () => ({ data: { viewer: { id: alice.user.id, email: alice.user.email } } });

describe('over HTTP', () => {
  it('runs a trusted operation by its text, however it is spaced', async () => {
    expect((await post({ query: ME })).body).toEqual(me());
    expect((await post({ query: 'query Me {\n  viewer { id, email }\n}' })).body).toEqual(me());
  });

  it('runs a trusted operation by its hash alone, POST and GET', async () => {
    expect((await post({ extensions: persisted(sha256(ME)) })).body).toEqual(me());
    const extensions = encodeURIComponent(JSON.stringify(persisted(sha256(ME))));
    const response = await fetch(`${server.url}?extensions=${extensions}`, {
      headers: { authorization: `Bearer ${alice.accessToken}`, 'apollo-require-preflight': 'true' },
    });
    expect(await response.json()).toEqual(me());
  });

  it('refuses any other operation with OPERATION_NOT_TRUSTED (400 with graphql-response+json)', async () => {
    const refused = await post({ query: 'query Me { viewer { id email role } }' });
    expect(refused.status).toBe(200);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      {
        message: expect.stringMatching(/^This server runs only the operations its clients were built with/),
        extensions: { code: 'OPERATION_NOT_TRUSTED' },
      },
    ]);
    const strict = await post(
      { query: '{ viewer { id } }' },
      { accept: 'application/graphql-response+json' },
    );
    expect([strict.status, strict.body.errors[0].extensions.code]).toEqual([400, 'OPERATION_NOT_TRUSTED']);
    // Mutations too: nothing runs, not even a failed login.
    const mutation = await post({ query: 'mutation { logout(refreshToken: "x") }' });
    expect(mutation.body.errors[0].extensions.code).toBe('OPERATION_NOT_TRUSTED');
  });

  it('refuses it on every spelling of the path the router accepts (percent-encoded too)', async () => {
    // The router decodes the path, so /%67raphql is /graphql: the checks must follow the route.
    const origin = new URL(server.url).origin;
    for (const path of ['/%67raphql', '/graphq%6C']) {
      const response = await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.accessToken}` },
        body: JSON.stringify({ query: 'query Me { viewer { id email role } }' }),
      });
      const body = (await response.json()) as Record<string, any>;
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED');
    }
  });

  it('registers nothing by hash: an unknown hash stays unknown after its text was sent', async () => {
    const query = `query Mine_${randomUUID().replaceAll('-', '')} { viewer { id } }`;
    const hash = sha256(query);
    expect((await post({ extensions: persisted(hash) })).body.errors[0].extensions.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    const registration = await post({ query, extensions: persisted(hash) });
    expect(registration.body.errors[0].extensions.code).toBe('OPERATION_NOT_TRUSTED');
    expect((await post({ extensions: persisted(hash) })).body.errors[0].extensions.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    // A trusted text with its hash (what an APQ client sends after a miss) runs.
    expect((await post({ query: ME, extensions: persisted(sha256(ME)) })).body).toEqual(me());
  });

  it('runs introspection alone when TRUSTED_DOCUMENTS_ALLOW_INTROSPECTION is set', async () => {
    const answer = await post({ query: '{ __schema { queryType { name } } }' });
    expect(answer.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

/** The first result (or errors) of an operation over WebSocket, on a connection of its own. */
function first(payload: {
  query: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}) {
  return new Promise<{
    data?: unknown;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  }>((resolve, reject) => {
    const client = server.wsClient({ authorization: `Bearer ${alice.accessToken}` });
    const unsubscribe = client.subscribe(payload, {
      next: (result) => {
        resolve(result as never);
        unsubscribe();
      },
      error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error as Error)),
      complete: () => undefined,
    });
  });
}

describe('over WebSocket', () => {
  it('runs a trusted query by text or by hash, and refuses any other', async () => {
    expect(await first({ query: ME })).toEqual(me());
    expect(await first({ query: '', extensions: persisted(sha256(ME)) })).toEqual(me());
    const unknown = await first({ query: '', extensions: persisted(sha256('{ viewer { id } }')) });
    expect(unknown.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const refused = await first({ query: '{ viewer { id } }' });
    expect(refused.errors).toEqual([
      { message: expect.stringMatching(/trusted documents/), extensions: { code: 'OPERATION_NOT_TRUSTED' } },
    ]);
  });

  it('subscribes to a trusted subscription and refuses an untrusted one', async () => {
    // Trusted: it runs, and answers as the subscription does for an audit that does not exist.
    const trusted = await first({ query: PROGRESS, variables: { id: randomUUID() } });
    expect(trusted.errors![0]!.extensions!.code).not.toBe('OPERATION_NOT_TRUSTED');
    expect(trusted.errors![0]!.extensions!.code).toMatch(/^(NOT_FOUND|BAD_USER_INPUT)$/);
    const untrusted = await first({
      query: 'subscription { auditProgress(id: "x") { __typename status } }',
    });
    expect(untrusted.errors![0]!.extensions!.code).toBe('OPERATION_NOT_TRUSTED');
  });
});
