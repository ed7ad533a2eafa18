import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSafeFetcher, type SafeFetcher } from '../../../src/audit-engine/net/safe-fetch.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

describe('createSafeFetcher (review fixes)', () => {
  let server: FixtureServer;
  let fetcher: SafeFetcher;
  const methods: string[] = [];

  beforeAll(async () => {
    server = await startFixtureServer({
      '/see-other': { status: 303, headers: { location: '/method' } },
      '/method': {
        handle: (req, res) => {
          methods.push(req.method ?? '');
          res.writeHead(200, { 'content-type': 'text/plain', 'x-method': req.method ?? '' });
          res.end(req.method === 'HEAD' ? undefined : 'body');
        },
      },
      '/bytes': {
        handle: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          res.end(Buffer.from([0x1f, 0x8b, 0xff, 0x00, 0x41, 0x42]));
        },
      },
    });
    fetcher = createSafeFetcher({ allowedPrivateHosts: ['127.0.0.1'], timeoutMs: 2000 });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  it('keeps HEAD a HEAD after a 303, and turns other methods into GET', async () => {
    methods.length = 0;
    const head = await fetcher.fetch(`${server.origin}/see-other`, { method: 'HEAD' });
    expect(head.headers['x-method']).toBe('HEAD');
    const get = await fetcher.fetch(`${server.origin}/see-other`);
    expect(get.body).toBe('body');
    expect(methods).toEqual(['HEAD', 'GET']);
  });

  it('returns the raw bytes on request, still capped at maxBytes', async () => {
    const full = await fetcher.fetch(`${server.origin}/bytes`, { raw: true });
    expect([...(full.raw ?? [])]).toEqual([0x1f, 0x8b, 0xff, 0x00, 0x41, 0x42]);
    const cut = await fetcher.fetch(`${server.origin}/bytes`, { raw: true, maxBytes: 3 });
    expect(cut).toMatchObject({ truncated: true, bytes: 3 });
    expect([...(cut.raw ?? [])]).toEqual([0x1f, 0x8b, 0xff]);
    expect((await fetcher.fetch(`${server.origin}/bytes`)).raw).toBeUndefined();
  });
});
