// What a GraphQL security scanner sends, against a production-mode server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { register } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ env: { NODE_ENV: 'production' }, runWorker: false });
  token = (await register(server)).accessToken;
});
afterAll(async () => {
  await server?.close();
});

const post = (
  body: string | Buffer,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => fetch(server.url, { method: 'POST', headers, body });

describe('query shape limits', () => {
  it('refuses 1,000 aliases', async () => {
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    const response = await server.gql(query, {}, { token });
    expect(errorCode(response)).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses 10,000 repeated fields', async () => {
    const response = await server.gql(`{ viewer { ${'id '.repeat(10_000)} } }`, {}, { token });
    expect(errorCode(response)).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses deep nesting with the measured depth', async () => {
    const inner = 'audits(first: 1) { edges { node { owner { '.repeat(8) + 'id' + ' } } } }'.repeat(8);
    const response = await server.gql(`{ ${inner} }`, {}, { token });
    expect(errorCode(response)).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors![0]!.extensions).toMatchObject({ depth: expect.any(Number), limit: 12 });
  });

  it('refuses circular fragments without hanging', async () => {
    const query = `query { viewer { ...A } } fragment A on User { id ...B } fragment B on User { email ...A }`;
    const response = await server.gql(query, {}, { token });
    expect(response.status).toBeLessThan(500);
    expect(['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX']).toContain(errorCode(response));
  });

  it('refuses directive overloading', async () => {
    // 200 repeats of one directive: refused by the directive limit, before graphql-js validates.
    const repeated = await server.gql(
      `{ viewer { id ${'@include(if: true) '.repeat(200)} } }`,
      {},
      { token },
    );
    expect(errorCode(repeated)).toBe('QUERY_TOO_COMPLEX');
    expect(repeated.errors![0]!.extensions).toMatchObject({ directives: 200, limit: 50 });
    const spread = `{ viewer { ${Array.from({ length: 60 }, () => '...on User @include(if: true) { id }').join(' ')} } }`;
    const response = await server.gql(spread, {}, { token });
    expect(errorCode(response)).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors![0]!.extensions).toMatchObject({ directives: 60, limit: 50 });
  });

  it('refuses expensive nested connections with the measured cost', async () => {
    const query = `{ audits(first: 100) { edges { node { findings(first: 100) { edges { node { title } } } } } } }`;
    const response = await server.gql(query, {}, { token });
    expect(errorCode(response)).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors![0]!.extensions).toMatchObject({ cost: expect.any(Number), limit: 2000 });
  });

  it('applies the same limits over WebSocket', async () => {
    const client = server.wsClient({ authorization: `Bearer ${token}` });
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    const errors = await new Promise<any>((resolve) => {
      client.subscribe({ query }, { next: () => undefined, error: resolve, complete: () => undefined });
    });
    expect(errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('transport abuse', () => {
  it('refuses array batching', async () => {
    const response = await post(
      JSON.stringify([{ query: '{ viewer { id } }' }, { query: '{ viewer { id } }' }]),
    );
    expect(response.status).toBe(400);
  });

  it('refuses a mutation over GET', async () => {
    const url = `${server.url}?query=${encodeURIComponent('mutation { logout(refreshToken: "x") }')}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
  });

  it('refuses a form-encoded POST (CSRF)', async () => {
    const response = await post('query=%7Bviewer%7Bid%7D%7D', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('refuses a text/plain POST (CSRF)', async () => {
    const response = await post('{"query":"{ viewer { id } }"}', { 'content-type': 'text/plain' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('refuses a 10 MB body with 413', async () => {
    const response = await post(
      JSON.stringify({ query: '{ viewer { id } }', variables: { x: 'y'.repeat(10 * 1024 * 1024) } }),
    );
    expect(response.status).toBe(413);
  });

  it('refuses invalid UTF-8 and malformed JSON cleanly', async () => {
    const invalid = Buffer.concat([
      Buffer.from('{"query":"{ viewer { id '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' } }"}'),
    ]);
    const response = await post(invalid);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const malformed = await post('{"query": ');
    expect(malformed.status).toBe(400);
  });

  it('refuses huge variables before coercing them, with their size and the limit', async () => {
    const variables = { input: { email: 'x'.repeat(900_000), password: 'p' } };
    const response = await server.gql(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
      variables,
    );
    // A request error: 200 with application/json, as GraphQL over HTTP says (400 with
    // application/graphql-response+json).
    expect(response.status).toBe(200);
    expect(errorCode(response)).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors![0]!.extensions).toMatchObject({
      variableBytes: expect.any(Number),
      limit: 262144,
    });
  });
});

describe('production schema privacy', () => {
  it('turns introspection off', async () => {
    const response = await server.gql('{ __schema { types { name } } }');
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/introspection/i);
  });

  it('turns introspection and suggestions off over WebSocket too', async () => {
    const client = server.wsClient({ authorization: `Bearer ${token}` });
    const run = (query: string) =>
      new Promise<any>((resolve) => {
        client.subscribe({ query }, { next: resolve, error: resolve, complete: () => undefined });
      });
    const introspection = await run('{ __schema { types { name } } }');
    expect(introspection[0].extensions.code).toBe('BAD_USER_INPUT');
    const typo = await run('{ viewer { emial } }');
    expect(typo[0].message).not.toMatch(/Did you mean/);
  });

  it('gives no field suggestions', async () => {
    const response = await server.gql('{ viewer { emial } }', {}, { token });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('sends security headers', async () => {
    const response = await fetch(`${new URL(server.url).origin}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
