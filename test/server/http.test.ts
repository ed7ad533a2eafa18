import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { register } from '../helpers/accounts.js';
import { startTestServer, errorCode, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let origin: string;

beforeAll(async () => {
  server = await startTestServer();
  origin = new URL(server.url).origin;
});
afterAll(async () => {
  await server?.close();
});

describe('health and metrics', () => {
  it('answers /healthz and /readyz with JSON', async () => {
    const health = await fetch(`${origin}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('serves Prometheus metrics including GraphQL operations', async () => {
    await server.gql('query Probe { viewer { id } }');
    const metrics = await (await fetch(`${origin}/metrics`)).text();
    expect(metrics).toContain('# TYPE http_request_duration_seconds histogram');
    // Labelled by the root field the schema defines, never by the client's operation name.
    expect(metrics).toMatch(/graphql_operations_total\{operation="viewer",type="query",outcome="ok"\} 1/);
    expect(metrics).not.toContain('Probe');
    expect(metrics).toContain('process_cpu_user_seconds_total');
  });
});

describe('GET /', () => {
  it('shows browsers a page linking to the IDE, health checks and metrics', async () => {
    const response = await fetch(`${origin}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    for (const path of ['/graphql', '/healthz', '/readyz', '/metrics'])
      expect(html).toContain(`href="${path}"`);
    expect(html).toContain('GraphQL IDE');
  });

  it('answers scripts with a JSON index of the same links, each of which answers', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    const index = (await response.json()) as { graphql: string; links: { path: string }[] };
    expect(index.graphql).toBe('/graphql');
    const paths = index.links.map((link) => link.path);
    expect(paths).toEqual(['/graphql', '/healthz', '/readyz', '/metrics']);
    for (const path of paths.slice(1)) expect((await fetch(`${origin}${path}`)).status).toBe(200);
    const ide = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(ide.status).toBe(200);
  });
});

describe('request ids', () => {
  it('echoes a sane x-request-id and replaces an insane one', async () => {
    const sane = await fetch(`${origin}/healthz`, { headers: { 'x-request-id': 'abc-123.trace:7' } });
    expect(sane.headers.get('x-request-id')).toBe('abc-123.trace:7');
    const insane = await fetch(`${origin}/healthz`, {
      headers: { 'x-request-id': 'bad id with spaces <script>' },
    });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const none = await fetch(`${origin}/healthz`);
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GraphQL over HTTP', () => {
  it('runs queries over GET and refuses mutations over GET', async () => {
    // CSRF prevention: a GET must carry a header a browser form cannot set.
    const blocked = await fetch(`${server.url}?query=${encodeURIComponent('{ viewer { id } }')}`);
    expect(blocked.status).toBe(400);
    const query = await fetch(`${server.url}?query=${encodeURIComponent('{ viewer { id } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { viewer: null } });
    const mutation = await fetch(
      `${server.url}?query=${encodeURIComponent('mutation { logout(refreshToken: "x") }')}`,
      { headers: { 'apollo-require-preflight': 'true' } },
    );
    expect(mutation.status).toBe(405);
  });

  // A simple (CSRF-able) form post is refused like any other body that is not JSON.
  it.each([
    ['application/xml', '<query>{ viewer { id } }</query>'],
    ['application/x-www-form-urlencoded', 'query=%7B%20viewer%20%7B%20id%20%7D%20%7D'],
  ])('says which content types it accepts when the body is %s', async (type, payload) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': type },
      body: payload,
    });
    expect(response.status).toBe(415);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.message).toBe(
      `Unsupported content type "${type}": send application/json (POST), or GET /graphql?query=… for queries`,
    );
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('maps unknown fields and syntax errors to BAD_USER_INPUT', async () => {
    expect(errorCode(await server.gql('{ viewer { nope } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.gql('{ viewer { '))).toBe('BAD_USER_INPUT');
  });

  it('answers compact JSON that no cache may store', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { id } checks { checkId category } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.text();
    expect(body).toBe(JSON.stringify(JSON.parse(body)));
    expect(body).not.toMatch(/\n/);
    const failed = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { nope } }' }),
    });
    expect(failed.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses bodies over the size limit', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ viewer { id } }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
  });
});

describe('GraphQL IDE', () => {
  it('serves GraphiQL with self-hosted assets only', async () => {
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/')).toBe(true);
      const asset = await fetch(`${origin}${source}`);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('keeps typed headers (tokens) out of the browser storage', async () => {
    const start = await (await fetch(`${origin}/ide/start.js`)).text();
    expect(start).toContain('shouldPersistHeaders: false');
  });

  it('is off in production unless GRAPHQL_IDE=true', async () => {
    const production = await startTestServer({ env: { NODE_ENV: 'production' }, runWorker: false });
    const enabled = await startTestServer({
      env: { NODE_ENV: 'production', GRAPHQL_IDE: 'true' },
      runWorker: false,
    });
    try {
      const off = await fetch(production.url, { headers: { accept: 'text/html' } });
      expect(off.status).toBe(404);
      expect(await off.text()).toContain('not enabled');
      expect((await fetch(`${new URL(production.url).origin}/ide/start.js`)).status).toBe(404);
      expect((await fetch(enabled.url, { headers: { accept: 'text/html' } })).status).toBe(200);
    } finally {
      await production.close();
      await enabled.close();
    }
  });
});

describe('GraphQL over WebSocket', () => {
  it('runs operations for a signed-in viewer', async () => {
    const { accessToken } = await register(server, { email: 'ws@example.com' });
    const client = server.wsClient({ authorization: `Bearer ${accessToken}` });
    const result = await new Promise<any>((resolve, reject) => {
      client.subscribe(
        { query: '{ viewer { email } }' },
        { next: resolve, error: reject, complete: () => undefined },
      );
    });
    expect(result.data.viewer.email).toBe('ws@example.com');
  });

  it('closes the socket with 4401 for a bad credential', async () => {
    const client = server.wsClient({ authorization: 'Bearer not.a.token' });
    const closeCode = await new Promise<number>((resolve) => {
      client.on('closed', (event) => resolve((event as { code: number }).code));
      client.subscribe(
        { query: '{ viewer { id } }' },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
    });
    expect(closeCode).toBe(4401);
  });

  it('applies the same validation as HTTP', async () => {
    const client = server.wsClient();
    const errors = await new Promise<any>((resolve) => {
      client.subscribe(
        { query: '{ viewer { nope } }' },
        { next: () => undefined, error: resolve, complete: () => undefined },
      );
    });
    expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
