// Bounds on WebSocket use: connections per client address, operations per connection.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { register } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { createAudit } from '../audits/helpers.js';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer({
    runWorker: false,
    // No trusted proxy: every connection comes from this one loopback address.
    env: {
      TRUSTED_PROXIES: '',
      WS_MAX_CONNECTIONS_PER_ADDRESS: '3',
      WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
    },
  });
  token = (await register(server)).accessToken;
});
afterAll(async () => {
  await server?.close();
});

/** Opens a raw WebSocket; resolves with it once open, or with the HTTP status it was refused with. */
function open(): Promise<{ socket?: WebSocket; refusedWith?: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => resolve({ refusedWith: response.statusCode }));
    socket.once('error', () => resolve({ refusedWith: 0 }));
  });
}

describe('WebSocket limits', () => {
  it('refuses a fourth connection from one address with 429, and takes one again once another closes', async () => {
    const opened = await Promise.all([open(), open(), open()]);
    expect(opened.every((result) => result.socket)).toBe(true);
    expect((await open()).refusedWith).toBe(429);
    opened[0].socket!.close();
    await new Promise((resolve) => opened[0].socket!.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await open();
    expect(again.socket).toBeDefined();
    for (const result of [...opened.slice(1), again]) result.socket!.close();
  });

  it('refuses a third operation at once on one connection with RATE_LIMITED', async () => {
    const audits = await Promise.all(
      [1, 2, 3].map(() => createAudit(server, token, { kind: 'SITE', url: 'https://example.com' })),
    );
    const client = server.wsClient({ authorization: `Bearer ${token}` });
    const subscribe = (id: string) =>
      new Promise<{ first?: unknown; error?: unknown }>((resolve) => {
        client.subscribe(
          { query: 'subscription($id: ID!) { auditProgress(id: $id) { status } }', variables: { id } },
          {
            next: (first) => resolve({ first }),
            error: (error) => resolve({ error }),
            complete: () => undefined,
          },
        );
      });
    expect((await subscribe(audits[0]!.id)).first).toBeDefined();
    expect((await subscribe(audits[1]!.id)).first).toBeDefined();
    const third = await subscribe(audits[2]!.id);
    expect(JSON.stringify(third.error)).toContain('RATE_LIMITED');
  });
});
