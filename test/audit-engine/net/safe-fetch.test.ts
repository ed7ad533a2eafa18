import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createSafeFetcher,
  SafeFetchError,
  type SafeFetcher,
} from '../../../src/audit-engine/net/safe-fetch.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const CHUNK = Buffer.alloc(64 * 1024, 'a');

describe('createSafeFetcher', () => {
  let server: FixtureServer;
  let fetcher: SafeFetcher;
  let chunksSent = 0;
  const methods: string[] = [];

  beforeAll(async () => {
    server = await startFixtureServer({
      '/ok': { body: 'hello', headers: { 'content-type': 'text/plain' } },
      '/to-metadata': { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
      '/to-evil': (origin) => ({
        status: 302,
        headers: { location: `${origin.replace('127.0.0.1', 'evil.test')}/ok` },
      }),
      '/loop-a': { status: 301, headers: { location: '/loop-b' } },
      '/loop-b': { status: 301, headers: { location: '/loop-a' } },
      '/hop/1': { status: 302, headers: { location: '/hop/2' } },
      '/hop/2': { status: 302, headers: { location: '/hop/3' } },
      '/hop/3': { status: 302, headers: { location: '/hop/4' } },
      '/hop/4': { status: 302, headers: { location: '/ok' } },
      '/to-file': { status: 302, headers: { location: 'file:///etc/passwd' } },
      // 50 MB announced, streamed in 64 KiB chunks only as fast as the client reads.
      '/huge': {
        handle: (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
          const write = () => {
            while (chunksSent * CHUNK.length < 50 * 1024 * 1024) {
              chunksSent++;
              if (!res.write(CHUNK)) return void res.once('drain', write);
            }
            res.end();
          };
          write();
        },
      },
      '/hang': { handle: () => undefined },
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
    fetcher = createSafeFetcher({ allowedPrivateHosts: ['127.0.0.1'], timeoutMs: 2000, maxRedirects: 5 });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  const failure = async (promise: Promise<unknown>): Promise<SafeFetchError> => {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SafeFetchError);
    return err as SafeFetchError;
  };

  it('fetches an allowed loopback URL with status, headers, body and timing', async () => {
    const res = await fetcher.fetch(`${server.origin}/ok`);
    expect(res).toMatchObject({ status: 200, body: 'hello', bytes: 5, truncated: false, redirects: [] });
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.ttfbMs).toBeGreaterThanOrEqual(0);
  });

  it('refuses loopback when it is not allowlisted', async () => {
    const strict = createSafeFetcher();
    const err = await failure(strict.fetch(`${server.origin}/ok`));
    expect(err.code).toBe('BLOCKED');
    expect(err.message).toContain('127.0.0.1 is a non-public address (loopback)');
    await strict.close();
  });

  it('refuses a redirect to the cloud metadata address without contacting it', async () => {
    const err = await failure(fetcher.fetch(`${server.origin}/to-metadata`));
    expect(err.code).toBe('BLOCKED');
    expect(err.message).toContain('redirects to http://169.254.169.254/latest/meta-data/');
    expect(err.message).toContain('linkLocal');
  });

  it('checks the connected address: a hostname resolving to 127.0.0.1 is refused', async () => {
    const lookups: string[] = [];
    const strict = createSafeFetcher({
      lookup: async (host) => {
        lookups.push(host);
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    const port = new URL(server.origin).port;
    const err = await failure(strict.fetch(`http://evil.test:${port}/ok`));
    expect(err.code).toBe('BLOCKED');
    expect(err.message).toBe('evil.test does not resolve to a public address');
    expect(err.resolvedAddress).toBe('127.0.0.1');
    expect(lookups).toEqual(['evil.test']);
    await strict.close();
  });

  it('re-checks every redirect hop against the policy', async () => {
    const mixed = createSafeFetcher({
      allowedPrivateHosts: ['127.0.0.1'],
      lookup: async () => [{ address: '10.0.0.1', family: 4 }],
    });
    const err = await failure(mixed.fetch(`${server.origin}/to-evil`));
    expect(err.code).toBe('BLOCKED');
    expect(err.message).toContain('evil.test does not resolve to a public address');
    expect(err.message).not.toContain('10.0.0.1');
    expect(err.resolvedAddress).toBe('10.0.0.1');
    await mixed.close();
  });

  it('refuses a host whose addresses include any private one', async () => {
    const strict = createSafeFetcher({
      lookup: async () => [
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ],
    });
    const err = await failure(strict.fetch('http://mixed.test/'));
    expect(err.message).toBe('mixed.test does not resolve to a public address');
    expect(err.resolvedAddress).toBe('10.0.0.5');
    await strict.close();
  });

  it('holds host:port entries at connect time: the listed port opens, no other port of the host does', async () => {
    const other = await startFixtureServer({ '/ok': { body: 'other port' } });
    const gate = await startFixtureServer({
      '/ok': { body: 'hello' },
      '/jump': {
        status: 302,
        headers: { location: `${other.origin.replace('127.0.0.1', 'intranet.test')}/ok` },
      },
    });
    const port = new URL(gate.origin).port;
    const otherPort = new URL(other.origin).port;
    const byPort = createSafeFetcher({
      allowedPrivateHosts: [`intranet.test:${port}`, `127.0.0.1:${port}`],
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    try {
      expect((await byPort.fetch(`http://intranet.test:${port}/ok`)).body).toBe('hello');
      expect((await byPort.fetch(`http://127.0.0.1:${port}/ok`)).body).toBe('hello');
      const viaName = await failure(byPort.fetch(`http://intranet.test:${otherPort}/ok`));
      expect(viaName.code).toBe('BLOCKED');
      expect(viaName.message).toBe(
        `port ${otherPort} of intranet.test is not in AUDIT_ALLOWED_PRIVATE_HOSTS`,
      );
      const viaIp = await failure(byPort.fetch(`http://127.0.0.1:${otherPort}/ok`));
      expect(viaIp.code).toBe('BLOCKED');
      // A redirect from the allowed port to another port of the same host is refused too.
      const hop = await failure(byPort.fetch(`http://intranet.test:${port}/jump`));
      expect(hop.code).toBe('BLOCKED');
      expect(hop.message).toContain(
        `port ${otherPort} of intranet.test is not in AUDIT_ALLOWED_PRIVATE_HOSTS`,
      );
    } finally {
      await byPort.close();
      await Promise.all([gate.close(), other.close()]);
    }
  });

  it('detects redirect loops and too many redirects', async () => {
    expect((await failure(fetcher.fetch(`${server.origin}/loop-a`))).code).toBe('REDIRECT_LOOP');
    const short = createSafeFetcher({ allowedPrivateHosts: ['127.0.0.1'], maxRedirects: 2 });
    expect((await failure(short.fetch(`${server.origin}/hop/1`))).code).toBe('TOO_MANY_REDIRECTS');
    await short.close();
    const res = await fetcher.fetch(`${server.origin}/hop/1`);
    expect(res.redirects.map((r) => new URL(r.url).pathname)).toEqual([
      '/hop/1',
      '/hop/2',
      '/hop/3',
      '/hop/4',
    ]);
    expect(res.url).toBe(`${server.origin}/ok`);
  });

  it('refuses non-http schemes, also as redirect targets, and credentials', async () => {
    expect((await failure(fetcher.fetch('file:///etc/passwd'))).code).toBe('INVALID_URL');
    expect((await failure(fetcher.fetch(`${server.origin}/to-file`))).code).toBe('INVALID_URL');
    expect(
      (await failure(fetcher.fetch(`http://user:pw@127.0.0.1:${new URL(server.origin).port}/ok`))).code,
    ).toBe('INVALID_URL');
  });

  it('cuts a 50 MB body at maxBytes without reading it all', async () => {
    const res = await fetcher.fetch(`${server.origin}/huge`, { maxBytes: 256 * 1024 });
    expect(res.bytes).toBe(256 * 1024);
    expect(res.truncated).toBe(true);
    expect(res.body.length).toBe(256 * 1024);
    expect(chunksSent * CHUNK.length).toBeLessThan(20 * 1024 * 1024);
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

  it('times out on a server that never answers', async () => {
    const started = Date.now();
    const err = await failure(fetcher.fetch(`${server.origin}/hang`, { timeoutMs: 300 }));
    expect(err.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rejects with the caller’s abort reason', async () => {
    const controller = new AbortController();
    const pending = fetcher.fetch(`${server.origin}/hang`, { signal: controller.signal });
    controller.abort(new Error('stop now'));
    await expect(pending).rejects.toThrow('stop now');
  });
});
