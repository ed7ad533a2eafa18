import { afterEach, describe, expect, it } from '@jest/globals';
import type { IncomingMessage } from 'node:http';
import { runSiteAudit } from '../../../src/audit-engine/site/index.js';
import { startFixtureServer, type FixtureServer, type Route } from '../helpers/fixture-server.js';
import { page } from '../helpers/html.js';

// Once the signal aborts, the audit starts no request: not in the crawl, the sitemaps, the AI
// user-agent probe or the llms.txt link checks. Each case aborts from inside the server while it
// handles one request, then counts what the server received afterwards.

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const links = (paths: string[]) => paths.map((p) => `<a href="${p}">${p}</a>`).join(' ');
const html = (title: string, body = '') => page({ nav: false, body: `<h1>${title}</h1>${body}` });

interface Abort {
  /** A route that cancels the audit when `when(req)` holds, then answers 200 with `body`. */
  (body: string, contentType?: string, when?: (req: IncomingMessage) => boolean): Route;
}

/** Runs an audit of the routes `build` returns; resolves to the paths requested, and how many before the abort. */
async function cancelledAudit(build: (aborting: Abort) => Record<string, Route>) {
  const controller = new AbortController();
  let requestsAtAbort: number | undefined;
  const aborting: Abort = (body, contentType = 'text/html', when = () => true) => ({
    handle: (req, res) => {
      if (when(req) && !controller.signal.aborted) {
        requestsAtAbort = server?.requests.length;
        controller.abort(new Error('cancelled by the user'));
      }
      res.writeHead(200, { 'content-type': contentType }).end(body);
    },
  });
  server = await startFixtureServer(build(aborting));
  await expect(
    runSiteAudit(`${server.origin}/`, {
      allowedPrivateHosts: ['127.0.0.1'],
      limits: { concurrencyPerHost: 1 },
      signal: controller.signal,
    }),
  ).rejects.toThrow('cancelled by the user');
  // Time for any request the audit (wrongly) still started to arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const paths = server.requests.map((r) => r.path);
  return { paths, requestsAtAbort };
}

describe('no request after cancellation', () => {
  it('in the crawl', async () => {
    const { paths, requestsAtAbort } = await cancelledAudit((aborting) => ({
      '/': { body: html('Home', links(['/a', '/b', '/c'])) },
      '/a': aborting(html('A', links(['/d']))),
      '/b': { body: html('B') },
      '/c': { body: html('C') },
    }));
    expect(requestsAtAbort).toBeDefined();
    expect(paths).toHaveLength(requestsAtAbort ?? -1);
    expect(paths.at(-1)).toBe('/a');
    expect(paths).not.toContain('/b');
    expect(paths).not.toContain('/llms.txt');
  });

  it('in the sitemaps', async () => {
    const { paths, requestsAtAbort } = await cancelledAudit((aborting) => ({
      '/': { body: html('Home') },
      '/robots.txt': (origin) => ({
        headers: { 'content-type': 'text/plain' },
        body: `User-agent: *\nAllow: /\nSitemap: ${origin}/one.xml\nSitemap: ${origin}/two.xml\n`,
      }),
      '/one.xml': aborting('<urlset><url><loc>/x</loc></url></urlset>', 'application/xml'),
      '/two.xml': { headers: { 'content-type': 'application/xml' }, body: '<urlset></urlset>' },
    }));
    expect(paths).toEqual(['/robots.txt', '/', '/one.xml']);
    expect(requestsAtAbort).toBe(3);
  });

  it('in the AI user-agent probe', async () => {
    let homeRequests = 0;
    const { paths, requestsAtAbort } = await cancelledAudit((aborting) => ({
      // The second request of the home page is the probe's baseline, with our own user agent.
      '/': aborting(html('Home'), 'text/html', () => ++homeRequests === 2),
    }));
    expect(paths.filter((p) => p === '/')).toHaveLength(2);
    expect(paths).toHaveLength(requestsAtAbort ?? -1);
    expect(server?.requests.some((r) => /GPTBot|ClaudeBot|PerplexityBot/.test(r.userAgent))).toBe(false);
    expect(paths).not.toContain('/llms.txt');
  });

  it('in the llms.txt link checks', async () => {
    const { paths, requestsAtAbort } = await cancelledAudit((aborting) => ({
      '/': { body: html('Home') },
      '/llms.txt': {
        headers: { 'content-type': 'text/markdown' },
        body: '# Site\n\n> Summary.\n\n## Docs\n\n- [One](/l1): first\n- [Two](/l2): second\n- [Three](/l3): third\n',
      },
      '/l1': aborting('ok', 'text/plain'),
      '/l2': { body: 'ok' },
    }));
    expect(paths.at(-1)).toBe('/l1');
    expect(paths).toHaveLength(requestsAtAbort ?? -1);
    expect(paths).not.toContain('/l2');
    expect(paths).not.toContain('/llms-full.txt');
  });
});
