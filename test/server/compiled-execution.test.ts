// The same answers from compiled execution (graphql-jit) as from graphql-js, through the whole
// server: data, auth refusals, another user's objects, masked errors, bad variables, limits.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { register, type Account } from '../helpers/accounts.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';

let compiled: TestServer;
let interpreted: TestServer;
let alice: Account;
let bob: Account;
let aliceAudit: string;

const CREATE = 'mutation($url: String!) { createAudit(input: { kind: SITE, url: $url }) { id } }';

beforeAll(async () => {
  compiled = await startTestServer({ runWorker: false, env: { GRAPHQL_JIT: 'true' } });
  interpreted = await startTestServer({
    runWorker: false,
    databaseUrl: compiled.databaseUrl,
    env: { GRAPHQL_JIT: 'false' },
  });
  alice = await register(compiled);
  bob = await register(compiled);
  for (const url of ['https://a.example/', 'https://b.example/', 'https://c.example/']) {
    const created = await compiled.gql(CREATE, { url }, { token: alice.accessToken });
    expect(created.errors).toBeUndefined();
    aliceAudit ??= created.data!.createAudit.id;
  }
});
afterAll(async () => {
  await interpreted?.close();
  await compiled?.close();
});

const DASHBOARD = `query Dashboard($n: Int!) { audits(first: $n) { totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id url kind status score grade createdAt owner { id email }
  findings(first: 5) { totalCount edges { node { id severity title } } } } } } }`;

/** Status, data and errors without the request ids masked errors carry (they differ per request). */
function comparable(response: GraphQLResponse) {
  const errors = response.errors?.map(({ extensions, ...error }) => {
    const { requestId: _requestId, ...rest } = extensions ?? {};
    return { ...error, extensions: rest };
  });
  return { status: response.status, data: response.data, errors };
}

async function both(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const [a, b] = await Promise.all(
    [compiled, interpreted].map((server) => server.gql(query, variables, token ? { token } : {})),
  );
  expect(comparable(a!)).toEqual(comparable(b!));
  return a!;
}

describe('compiled execution', () => {
  it('answers the dashboard and the floor as graphql-js does, compiled once per document', async () => {
    const before = compiled.server.pipeline.compiled!.size;
    const dashboard = await both(DASHBOARD, { n: 2 }, alice.accessToken);
    expect(dashboard.data!.audits.edges).toHaveLength(2);
    expect(dashboard.data!.audits.totalCount).toBe(3);
    await both(DASHBOARD, { n: 20 }, alice.accessToken);
    await both('{ viewer { id email } }', {}, alice.accessToken);
    await both('{ viewer { id } }');
    expect(compiled.server.pipeline.compiled!.size).toBe(before + 3);
    expect(interpreted.server.pipeline.compiled).toBeNull();
  });

  it('keeps owner isolation, auth on every field and the error codes', async () => {
    const node = 'query($id: ID!) { node(id: $id) { id ... on Audit { url owner { email } } } }';
    expect((await both(node, { id: aliceAudit }, alice.accessToken)).data!.node.id).toBe(aliceAudit);
    const foreign = await both(
      'query($id: ID!) { audit(id: $id) { id url } }',
      { id: aliceAudit },
      bob.accessToken,
    );
    expect(foreign.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await both('{ audits(first: 1) { totalCount } }', {})).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await both('{ users { totalCount } }', {}, alice.accessToken)).errors![0]!.extensions!.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await both('{ audits(first: 101) { totalCount } }', {}, alice.accessToken)).errors![0]!.extensions!
        .code,
    ).toBe('BAD_USER_INPUT');
    expect(bob.user.id).not.toBe(alice.user.id);
  });

  it('refuses bad variables and oversized queries before running anything, with the same answers', async () => {
    // Request errors: 200 with application/json, as GraphQL over HTTP says.
    const wrongType = await both(DASHBOARD, { n: 'twenty' }, alice.accessToken);
    expect(wrongType.status).toBe(200);
    expect(wrongType.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const missing = await both(DASHBOARD, {}, alice.accessToken);
    expect(missing.status).toBe(200);
    const costly = await both(
      '{ audits(first: 100) { edges { node { findings(first: 100) { edges { node { title } } } } } } }',
      {},
      alice.accessToken,
    );
    expect(costly.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    const invalid = await both(
      'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
      { input: { email: 'not an address', password: 'long enough password 1' } },
    );
    expect(invalid.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors![0]!.message).toMatch(/email must be a valid email address/);
  });
});
