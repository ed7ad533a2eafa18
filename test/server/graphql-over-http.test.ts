// GraphQL over HTTP compliance: graphql-http's audits of the spec against the real server, then
// the transport details they leave open (status by media type, CSRF prevention, GET rules).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serverAudits, type AuditFail, type AuditResult } from 'graphql-http';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ runWorker: false });
});
afterAll(async () => {
  await server?.close();
});

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const APPLICATION_JSON = 'application/json; charset=utf-8';

async function audit(fetchFn: typeof fetch): Promise<AuditResult[]> {
  const results = await Promise.all(serverAudits({ url: server.url, fetchFn }).map((one) => one.fn()));
  const count = (status: AuditResult['status']) =>
    results.filter((result) => result.status === status).length;
  console.log(
    `${results.length} audits: ${count('ok')} ok, ${count('notice')} notice, ${count('warn')} warn, ${count('error')} error`,
  );
  return results;
}

/** What failed, readable in a failing assertion: id, status, reason. */
const failures = (results: AuditResult[]) =>
  results
    .filter((result) => result.status !== 'ok')
    .map((result) => `${result.id} ${result.status}: ${result.reason}`);

/** A client that identifies itself as not a browser form: what every non-browser client should send. */
const preflighted: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('apollo-require-preflight', 'true');
  return fetch(input, { ...init, headers });
};

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as any,
  };
}

describe("graphql-http's server audits", () => {
  it('all pass for a client sending the preflight header: no warning, no error, no notice', async () => {
    const results = await audit(preflighted);
    expect(results.length).toBeGreaterThanOrEqual(61);
    expect(failures(results)).toEqual([]);
  });

  it('without it, only the optional GETs are refused (CSRF prevention), saying which header to add', async () => {
    const results = await audit(fetch);
    expect(results.filter((result) => result.status === 'warn' || result.status === 'error')).toEqual([]);
    const refused = results.filter((result): result is AuditFail => result.status !== 'ok');
    expect(refused.map((result) => result.id).sort()).toEqual(['5A70', '6A70', 'D6D5']);
    for (const result of refused) {
      expect(result.status).toBe('notice');
      expect(result.name).toMatch(/^MAY .*GET/);
      expect(result.response.status).toBe(400);
      const body = (await result.response.clone().json()) as { errors: { message: string }[] };
      expect(body.errors[0]!.message).toContain('apollo-require-preflight: true');
    }
  });
});

describe('status codes follow the media type', () => {
  const requestErrors: [string, Record<string, unknown>][] = [
    ['a syntax error', { query: '{ viewer { ' }],
    ['an unknown field', { query: '{ viewer { nope } }' }],
    [
      'a variable of the wrong type',
      { query: 'query Q($n: Int) { audits(first: $n) { totalCount } }', variables: { n: 'x' } },
    ],
    ['an unknown operation name', { query: 'query A { viewer { id } }', operationName: 'B' }],
    [
      'a query over the depth limit (checked before Apollo)',
      { query: `{ ${'viewer { '.repeat(30)}${'}'.repeat(30)} }` },
    ],
  ];

  it.each(requestErrors)(
    '%s: 200 with application/json (or no Accept), 400 with graphql-response+json',
    async (_name, body) => {
      for (const accept of [undefined, 'application/json', '*/*']) {
        const answer = await post(body, accept ? { accept } : {});
        expect([answer.status, answer.type]).toEqual([200, APPLICATION_JSON]);
        expect(answer.body.data).toBeUndefined();
        expect(answer.body.errors[0].extensions.code).toMatch(/^(BAD_USER_INPUT|QUERY_TOO_COMPLEX)$/);
      }
      const strict = await post(body, { accept: 'application/graphql-response+json' });
      expect([strict.status, strict.type]).toEqual([400, GRAPHQL_RESPONSE_JSON]);
      expect(strict.body.data).toBeUndefined();
      // Preference by quality, as Apollo negotiates the successful responses.
      const preferred = await post(body, {
        accept: 'application/json;q=0.5, application/graphql-response+json',
      });
      expect([preferred.status, preferred.type]).toEqual([400, GRAPHQL_RESPONSE_JSON]);
    },
  );

  it('answers a successful operation in the negotiated type', async () => {
    const answer = await post(
      { query: '{ viewer { id } }' },
      { accept: 'application/graphql-response+json' },
    );
    expect([answer.status, answer.type, answer.body]).toEqual([
      200,
      GRAPHQL_RESPONSE_JSON,
      { data: { viewer: null } },
    ]);
  });

  it.each([
    ['no query', { variables: {} }],
    ['a query that is not a string', { query: { kind: 'Document' } }],
    ['variables that are not an object', { query: '{ viewer { id } }', variables: 'x' }],
    ['extensions that are not an object', { query: '{ viewer { id } }', extensions: ['x'] }],
    ['a body that is not an object', ['{ viewer { id } }']],
  ])('refuses a malformed request (%s) with 400 whatever the Accept', async (_name, body) => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const answer = await post(body, { accept });
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses JSON that does not parse with 400', async () => {
    expect((await post('{"query": ')).status).toBe(400);
  });

  it('answers 406 to an Accept with neither JSON type', async () => {
    const answer = await post({ query: '{ viewer { nope } }' }, { accept: 'text/csv' });
    expect(answer.status).toBe(406);
    // The early refusals (CSRF prevention, the cheap bounds) negotiate the same way as Apollo.
    const refused = await fetch(`${server.url}?query=${encodeURIComponent('{ viewer { id } }')}`, {
      headers: { accept: 'text/csv' },
    });
    expect(refused.status).toBe(406);
    const tooDeep = await post(
      { query: `{ ${'viewer { '.repeat(60)}id${' }'.repeat(60)} }` },
      { accept: 'text/csv' },
    );
    expect(tooDeep.status).toBe(406);
  });
});

describe('request bodies', () => {
  const send = (body: Buffer | string, contentType: string) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('reads UTF-8, with or without the charset parameter', async () => {
    const body = JSON.stringify({ query: '# Ünïcödé ✓\n{ viewer { id } }' });
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
    ]) {
      const response = await send(Buffer.from(body, 'utf8'), type);
      expect([response.status, await response.json()]).toEqual([200, { data: { viewer: null } }]);
    }
  });

  it('refuses invalid UTF-8 with 400 and another charset with 415, as GraphQL errors', async () => {
    const invalid = Buffer.concat([
      Buffer.from('{"query":"{ viewer { id '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' } }"}'),
    ]);
    const broken = await send(invalid, 'application/json');
    expect([broken.status, await broken.json()]).toEqual([
      400,
      { errors: [{ message: 'The body is not valid UTF-8', extensions: { code: 'BAD_USER_INPUT' } }] },
    ]);
    const latin1 = await send(
      Buffer.from('{"query":"{ viewer { id } }"}', 'latin1'),
      'application/json; charset=iso-8859-1',
    );
    expect(latin1.status).toBe(415);
    expect(((await latin1.json()) as any).errors[0].message).toBe(
      'Unsupported charset "iso-8859-1": send the body as UTF-8 (charset=utf-8, or no charset)',
    );
  });

  it('says what is wrong with a body that is empty or not JSON', async () => {
    for (const body of ['', '{"query": ']) {
      const response = await send(body, 'application/json');
      expect(response.status).toBe(400);
      const answer = (await response.json()) as any;
      expect(answer.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(answer.errors[0].message).toMatch(/empty|not valid JSON/);
    }
  });
});

describe('GET', () => {
  const get = (query: string, headers: Record<string, string> = {}, extra = '') =>
    fetch(`${server.url}?query=${encodeURIComponent(query)}${extra}`, { headers });

  it('runs a query with either preflight header, variables as URL-encoded JSON', async () => {
    const preflightHeaders: Record<string, string>[] = [
      { 'apollo-require-preflight': 'true' },
      { 'x-apollo-operation-name': 'Q' },
    ];
    for (const headers of preflightHeaders) {
      const response = await get(
        'query Q($n: Int) { audits(first: $n) { totalCount } }',
        headers,
        `&variables=${encodeURIComponent('{"n":1}')}`,
      );
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a GET without a preflight header, naming the header to add', async () => {
    const response = await get('{ viewer { id } }');
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors[0].message).toBe(
      'GET /graphql needs the header "apollo-require-preflight: true" (or "x-apollo-operation-name: <operation name>"): ' +
        'a browser sends neither cross-site without a CORS preflight, which keeps other sites from forging requests. ' +
        'Or POST the operation as application/json.',
    );
    expect(body.errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      requiredHeader: 'apollo-require-preflight',
    });
    // An empty header value is no header.
    expect((await get('{ viewer { id } }', { 'apollo-require-preflight': '' })).status).toBe(400);
  });

  it('refuses a mutation with 405 and Allow: POST', async () => {
    const response = await get('mutation { logout(refreshToken: "x") }', {
      'apollo-require-preflight': 'true',
      accept: 'application/graphql-response+json',
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('refuses a POST of text/plain (what a form can send) and says to send JSON', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { logout(refreshToken: "x") }' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors[0].message).toMatch(
      /^A POST of "text\/plain" is what a form on another site sends: send "content-type: application\/json"/,
    );
  });
});
