// HTTP (Apollo) and WebSocket (graphql-ws) run one GraphQL pipeline: the same document gets the
// same errors — code, message and measured limits — whichever transport carries it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { register } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

type WireError = { message: string; extensions?: Record<string, unknown> };

/** The measured values and limits errors carry in `extensions`. */
const MEASURES = [
  'limit',
  'depth',
  'aliases',
  'directives',
  'fields',
  'cost',
  'tokens',
  'repeats',
  'variableBytes',
  'variableDepth',
] as const;

/** What a client can rely on: the code, the message, and any measured value and limit. */
function comparable(errors: readonly WireError[] | undefined) {
  return (errors ?? []).map(({ message, extensions = {} }) => ({
    code: extensions.code,
    message,
    ...Object.fromEntries(
      MEASURES.filter((name) => extensions[name] !== undefined).map((name) => [name, extensions[name]]),
    ),
  }));
}

function overWebSocket(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<WireError[] | undefined> {
  return new Promise((resolve, reject) => {
    let errors: WireError[] | undefined;
    client.subscribe(
      { query, variables },
      {
        next: (result) => {
          errors = result.errors as WireError[] | undefined;
        },
        // graphql-ws hands validation failures over as the array of errors.
        error: (error) => (Array.isArray(error) ? resolve(error as WireError[]) : reject(error as Error)),
        complete: () => resolve(errors),
      },
    );
  });
}

/** A document, or a document and its variables. */
const DOCUMENTS: Record<string, string | [string, Record<string, unknown>]> = {
  'a syntax error': '{ viewer { id }',
  'an unknown field (no suggestions in production)': '{ viewer { emial } }',
  'introspection (off in production)': '{ __schema { types { name } } }',
  'too many tokens': `{ viewer { ${'id '.repeat(6000)} } }`,
  'too deep': `{ ${'audits(first: 1) { edges { node { owner { '.repeat(4)}id${' } } } }'.repeat(4)} }`,
  'too many aliases': `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`,
  'too many directives': `{ viewer { ${Array.from({ length: 60 }, () => 'id @include(if: true)').join(' ')} } }`,
  'too costly':
    '{ audits(first: 100) { edges { node { findings(first: 100) { edges { node { title } } } } } } }',
  'a malformed id (an execution error)': '{ audit(id: "not an id") { id } }',
  'an out-of-range page size': '{ audits(first: 101) { totalCount } }',
  // The words of the token-limit error inside a string: a syntax error, not a limit it names.
  'a syntax error quoting the token-limit message':
    '{ "Document contains more than 99999999999999999999 tokens" }',
  'a variable of the wrong type': ['query($n: Int) { audits(first: $n) { totalCount } }', { n: 'x' }],
  'a missing required variable': ['query($id: ID!) { audit(id: $id) { id } }', {}],
  'the same field 400 times (checked before graphql-js compares each pair)': `{ ${'viewer { id } '.repeat(400)} }`,
  'variables nested too deep': [
    'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }',
    { input: { name: 'x', extra: JSON.parse(`${'{"a":'.repeat(20)}1${'}'.repeat(20)}`) } },
  ],
  'variables too large': [
    'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }',
    { input: { name: 'x'.repeat(300_000) } },
  ],
};

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ env: { NODE_ENV: 'production' }, runWorker: false });
  token = (await register(server)).accessToken;
});
afterAll(async () => {
  await server?.close();
});

describe('one pipeline for HTTP and WebSocket', () => {
  for (const [name, document] of Object.entries(DOCUMENTS)) {
    const [query, variables] = typeof document === 'string' ? [document, {}] : document;
    it(`answers ${name} with the same errors on both transports`, async () => {
      const http = await server.gql(query, variables, { token });
      const ws = await overWebSocket(server.wsClient({ authorization: `Bearer ${token}` }), query, variables);
      expect(http.errors?.length).toBeGreaterThan(0);
      expect(comparable(ws)).toEqual(comparable(http.errors));
    });
  }

  it('names no schema value in production: no "Did you mean" in variable-coercion errors either', async () => {
    const query = 'mutation($input: CreateAuditInput!) { createAudit(input: $input) { id } }';
    const variables = { input: { kind: 'SIT', url: 'https://example.com' } };
    const http = await server.gql(query, variables, { token });
    const ws = await overWebSocket(server.wsClient({ authorization: `Bearer ${token}` }), query, variables);
    expect(comparable(http.errors)[0]?.code).toBe('BAD_USER_INPUT');
    expect(comparable(ws)).toEqual(comparable(http.errors));
    expect(JSON.stringify([http.errors, ws])).not.toMatch(/Did you mean|"SITE"/);
  });

  it('refuses an anonymous caller the same way on both transports', async () => {
    const query = '{ audits { totalCount } }';
    const http = await server.gql(query);
    const ws = await overWebSocket(server.wsClient(), query);
    expect(comparable(http.errors)[0]?.code).toBe('UNAUTHENTICATED');
    expect(comparable(ws)).toEqual(comparable(http.errors));
  });
});
