// Operation names are client text: a flood of them from anonymous callers must not grow the
// metrics (one series per label value, kept for the life of the process) or the logs; and
// /metrics can be kept from the public (a token, or a port of its own).
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { startOpsHttp } from '../../src/server/ops-http.js';
import { MAX_LOGGED_OPERATION_NAME } from '../../src/server/operation-plugin.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const METRICS_TOKEN = 'metrics-token-for-the-scraper-0123456789';

/** Every JSON log line the server writes. */
const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let server: TestServer;
let origin: string;

const scrape = (headers: Record<string, string> = {}) => fetch(`${origin}/metrics`, { headers });
const authorized = { authorization: `Bearer ${METRICS_TOKEN}` };

beforeAll(async () => {
  server = await startTestServer({
    env: { METRICS_TOKEN },
    runWorker: false,
    logger: pino({ level: 'info' }, sink),
  });
  origin = new URL(server.url).origin;
});
afterAll(async () => {
  await server?.close();
});

describe('operation names from anonymous callers', () => {
  it('leave the metrics flat: 1,000 unique names and 20 names of 100 KB add no series', async () => {
    const typename = (name: string) => server.gql(`query ${name} { __typename }`);
    await typename('Warmup');
    // Scraped once first, so that the /metrics route's own series exist in both figures.
    await scrape(authorized);
    const before = await (await scrape(authorized)).text();
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => typename(`Unique${batch}_${i}`)));
    }
    await Promise.all(Array.from({ length: 20 }, (_, i) => typename(`Long${i}${'x'.repeat(100_000)}`)));
    const after = await (await scrape(authorized)).text();

    const series = (text: string) =>
      text.split('\n').filter((line) => line.startsWith('graphql_operations_total{'));
    expect(series(before)).toEqual([
      'graphql_operations_total{operation="__typename",type="query",outcome="ok"} 1',
    ]);
    expect(series(after)).toEqual([
      'graphql_operations_total{operation="__typename",type="query",outcome="ok"} 1021',
    ]);
    expect(after).not.toContain('Unique');
    // The same figures, not a byte more per name (counters and histograms may tick over). The
    // runtime's own series (GC kinds, handles) come and go by themselves and are left out.
    const ours = (text: string) =>
      text
        .split('\n')
        .filter((line) => !/^(?:# \w+ )?(?:nodejs|process)_/.test(line))
        .join('\n');
    expect(ours(after).length).toBeLessThan(ours(before).length + 2_000);
  });

  it('are capped in the access log', async () => {
    const name = `Long${'y'.repeat(5_000)}`;
    await server.gql(`query ${name} { __typename }`);
    const logged = lines
      .filter((line) => line.msg === 'request completed' && line.path === '/graphql')
      .at(-1);
    expect(logged?.operation).toBe(`${name.slice(0, MAX_LOGGED_OPERATION_NAME)}…`);
  });

  it('label several root fields as "multiple" and invalid documents as "invalid"', async () => {
    await server.gql('query Two { __typename viewer { id } }');
    await server.gql('query Broken { nope }');
    const text = await (await scrape(authorized)).text();
    expect(text).toMatch(/graphql_operations_total\{operation="multiple",type="query",outcome="ok"\} 1/);
    expect(text).toMatch(/graphql_operations_total\{operation="invalid",type="unknown",outcome="error"\} 1/);
  });
});

describe('/metrics access', () => {
  it('answers 401 without the configured token and 200 with it', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer wrong' })).status).toBe(401);
    const response = await scrape(authorized);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('process_cpu_user_seconds_total');
  });

  it('moves to METRICS_PORT: the API port no longer serves it, the ops port does (with the token)', async () => {
    const separate = await startTestServer({ env: { METRICS_PORT: '1', METRICS_TOKEN }, runWorker: false });
    const ops = await startOpsHttp(0, '127.0.0.1', separate.app.metricsRegistry, METRICS_TOKEN);
    try {
      const apiOrigin = new URL(separate.url).origin;
      expect((await fetch(`${apiOrigin}/metrics`, { headers: authorized })).status).toBe(404);
      const address = ops.address();
      if (!address || typeof address === 'string') throw new Error('no TCP port');
      const opsUrl = `http://127.0.0.1:${address.port}`;
      expect((await fetch(`${opsUrl}/metrics`)).status).toBe(401);
      const metrics = await fetch(`${opsUrl}/metrics`, { headers: authorized });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('http_request_duration_seconds');
      expect((await fetch(`${opsUrl}/healthz`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => ops.close(resolve));
      await separate.close();
    }
  });
});
