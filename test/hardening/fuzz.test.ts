// Property-based fuzzing of documents and variables: whatever arrives, the server answers
// without a 5xx, never shows an unmasked internal error, and stays up.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { register } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ env: { NODE_ENV: 'production' }, runWorker: false });
  token = (await register(server)).accessToken;
});
afterAll(async () => {
  await server?.close();
});

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  ',',
  '...',
  '$v',
  '!',
  '=',
  '@include(if: true)',
  '@skip(if: $v)',
  'query',
  'mutation',
  'subscription',
  'fragment F on User',
  'fragment A on Audit',
  'on',
  '...F',
  '...A',
  'viewer',
  'id',
  'email',
  'role',
  'audits',
  'audit',
  'node',
  'users',
  'findings',
  'edges',
  'node',
  'owner',
  'pageInfo',
  'totalCount',
  'first: 100',
  'first: -1',
  'after: "x"',
  'id: "QXVkaXQ6eA"',
  'input: {}',
  'createAudit',
  'cancelAudit',
  'login',
  'register',
  'kind: SITE',
  'url: "http://169.254.169.254"',
  '"\\u0000"',
  '"unterminated',
  '1e309',
  '__typename',
  '__schema',
  '__type(name: "User")',
  '#',
  '\n',
];

const documents = fc.oneof(
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((tokens) => tokens.join(' ')),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const variables = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 })),
);

async function send(query: string, vars: unknown, authenticated: boolean) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authenticated) headers.authorization = `Bearer ${token}`;
  const response = await fetch(server.url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables: vars }),
  });
  const text = await response.text();
  return { status: response.status, text };
}

describe('fuzzing', () => {
  it('never answers 5xx nor leaks an internal error, for any document and variables', async () => {
    await fc.assert(
      fc.asyncProperty(documents, variables, fc.boolean(), async (query, vars, authenticated) => {
        const { status, text } = await send(query, vars, authenticated);
        expect(status).toBeLessThan(500);
        expect(text).not.toContain('INTERNAL_SERVER_ERROR');
        expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
      }),
      { numRuns: 300 },
    );
    expect((await fetch(`${new URL(server.url).origin}/healthz`)).status).toBe(200);
  }, 120_000);

  it('never answers 5xx to arbitrary raw bodies, and stays healthy', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 500 }), async (bytes) => {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: bytes,
        });
        expect(response.status).toBeLessThan(500);
        await response.arrayBuffer();
      }),
      { numRuns: 150 },
    );
    expect((await fetch(`${new URL(server.url).origin}/healthz`)).status).toBe(200);
  }, 60_000);
});
