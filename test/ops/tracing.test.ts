// OpenTelemetry for real: the API runs as `npm start` runs it (src/instrument.ts preloaded) with
// OTEL_EXPORTER_OTLP_ENDPOINT pointing at a local HTTP server that reads the OTLP/JSON exports.
// One request makes one trace: the HTTP server span, the GraphQL operation under it, the SQL and
// Redis under that; the request's log line carries the same trace id, and so does a Sentry event
// (a fake DSN beside it). Without the variable nothing is exported and no line has trace fields.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase } from '../helpers/test-server.js';
import { errorEvents, fakeSentry } from './helpers/fake-sentry.js';
import { loopbackSink } from './helpers/loopback-sink.js';
import { freePort, runEntry, startEntry, type LongRunning } from './helpers/processes.js';

interface ExportedSpan {
  scope: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
  status?: { code?: number };
}

/** OTLP attribute values ({ stringValue }, { intValue }, …) as plain values. */
const plain = (value: Record<string, unknown>): unknown => Object.values(value)[0];

/** Keeps every span POSTed to /v1/traces (JSON, as @opentelemetry/exporter-trace-otlp-http sends). */
async function fakeCollector(): Promise<{
  server: Server;
  url: string;
  spans: ExportedSpan[];
  raw: string[];
}> {
  const spans: ExportedSpan[] = [];
  const raw: string[] = [];
  const { server, origin } = await loopbackSink((request, text) => {
    if (request.method !== 'POST' || request.url !== '/v1/traces') return;
    raw.push(text);
    const parsed = JSON.parse(text) as { resourceSpans: any[] };
    for (const resourceSpans of parsed.resourceSpans) {
      for (const scopeSpans of resourceSpans.scopeSpans) {
        for (const span of scopeSpans.spans) {
          spans.push({
            scope: scopeSpans.scope.name,
            name: span.name,
            kind: span.kind,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || undefined,
            attributes: Object.fromEntries(
              (span.attributes ?? []).map((a: { key: string; value: Record<string, unknown> }) => [
                a.key,
                plain(a.value),
              ]),
            ),
            status: span.status,
          });
        }
      }
    }
  });
  return { server, url: origin, spans, raw };
}

/**
 * The API as `npm start` runs it (src/instrument.ts preloaded), on a fresh database, with `env`
 * on top of what every test here needs; resolves once it serves. `close` stops it and drops
 * the database.
 */
async function startApi(env: Record<string, string>) {
  const created = await createTestDatabase();
  await created.orm.close(true);
  const port = await freePort();
  const api = startEntry(
    'main.ts',
    {
      NODE_ENV: 'production',
      JWT_SECRET,
      DATABASE_URL: created.database.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    ['./src/instrument.ts'],
  );
  const close = async () => {
    await api.stop();
    await created.database.drop();
  };
  try {
    await api.waitFor(/GraphQL API and IDE on/, 90_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { api, url: `http://127.0.0.1:${port}`, databaseUrl: created.database.url, close };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** The JSON log lines a process printed. */
const logLines = (output: string): Record<string, any>[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);

const PASSWORD = 'a long passphrase for tracing';
const JWT_SECRET = 'tracing-test-secret-0123456789-0123456789-0123456789';
const SERVER = 2;
const CONSUMER = 5;
const CLIENT = 3;

/** What an internet client sends to steer our traces: its own, sampled, trace id and baggage. */
const CLIENT_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CLIENT_CONTEXT = {
  traceparent: `00-${CLIENT_TRACE_ID}-b7ad6b7169203331-01`,
  baggage: 'tenant=client-baggage-7',
};

describe('tracing, against a local OTLP/HTTP collector', () => {
  let collector: Awaited<ReturnType<typeof fakeCollector>>;
  let sentry: Awaited<ReturnType<typeof fakeSentry>>;
  let started: Awaited<ReturnType<typeof startApi>>;
  let api: LongRunning;
  let url: string;
  const email = `tracing-${Date.now()}@example.com`;
  let token: string;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  /** The access log line of the request with this id, once it is written. */
  const accessLine = (requestId: string) =>
    until(() =>
      logLines(api.output()).find((line) => line.reqId === requestId && line.msg === 'request completed'),
    );

  const traceOf = (traceId: string) => collector.spans.filter((span) => span.traceId === traceId);

  beforeAll(async () => {
    [collector, sentry] = await Promise.all([fakeCollector(), fakeSentry()]);
    started = await startApi({
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      SENTRY_DSN: sentry.dsn,
      // The audited site below listens on the loopback interface.
      AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'aeo-tracing-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    ({ api, url } = started);
  }, 120_000);

  afterAll(async () => {
    await started?.close();
    await Promise.all([
      new Promise((resolve) => collector?.server.close(resolve)),
      new Promise((resolve) => sentry?.server.close(resolve)),
    ]);
  }, 60_000);

  describe('one GraphQL request', () => {
    const requestId = `trace-${randomUUID()}`;
    let traceId: string;
    let spans: ExportedSpan[];
    let server: ExportedSpan;
    let operation: ExportedSpan;

    beforeAll(async () => {
      const response = await post(
        {
          query: 'mutation Register($input: RegisterInput!) { register(input: $input) { accessToken } }',
          variables: { input: { email, password: PASSWORD } },
        },
        { 'x-request-id': requestId, ...CLIENT_CONTEXT },
      );
      const body = (await response.json()) as { data?: any; errors?: unknown };
      expect(body.errors).toBeUndefined();
      token = body.data.register.accessToken;
      const line = await accessLine(requestId);
      traceId = line.traceId;
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      server = await until(() => traceOf(traceId).find((span) => span.kind === SERVER));
      operation = await until(() => traceOf(traceId).find((span) => span.name === 'mutation register'));
      await until(() => traceOf(traceId).some((span) => span.scope === '@opentelemetry/instrumentation-pg'));
      await sleep(500); // the rest of the batch
      spans = traceOf(traceId);
    }, 60_000);

    it('has an HTTP server span named by its route, the root of the trace', () => {
      expect(server.name).toBe('POST /graphql');
      expect(server.parentSpanId).toBeUndefined();
      expect(server.attributes).toMatchObject({
        'http.request.method': 'POST',
        'http.route': '/graphql',
        'http.response.status_code': 200,
      });
    });

    it('starts a trace of its own, whatever trace context the client sent', () => {
      expect(traceId).not.toBe(CLIENT_TRACE_ID);
      expect(server.parentSpanId).toBeUndefined();
      expect(collector.spans.some((span) => span.traceId === CLIENT_TRACE_ID)).toBe(false);
      expect(collector.raw.join('\n')).not.toContain('client-baggage-7');
    });

    it('has the GraphQL operation span under it, named by type and root field', () => {
      expect(operation.parentSpanId).toBe(server.spanId);
      expect(operation.attributes).toMatchObject({
        'graphql.operation.type': 'mutation',
        'graphql.operation.root_field': 'register',
        'graphql.operation.name': 'Register',
      });
    });

    it('has the SQL of the operation under the operation span, without parameters', () => {
      const sql = spans.filter((span) => span.scope === '@opentelemetry/instrumentation-pg');
      expect(sql.length).toBeGreaterThan(0);
      expect(sql.map((span) => span.parentSpanId)).toContain(operation.spanId);
      expect(sql.some((span) => /insert into "users"/i.test(String(span.attributes['db.query.text'])))).toBe(
        true,
      );
      expect(sql[0]!.attributes['db.system.name']).toBe('postgresql');
    });

    (process.env.REDIS_URL ? it : it.skip)('has its Redis commands, by name only', () => {
      const redis = spans.filter((span) => span.scope === '@opentelemetry/instrumentation-ioredis');
      expect(redis.length).toBeGreaterThan(0);
      for (const span of redis) {
        expect(String(span.attributes['db.query.text'])).toMatch(/^[a-z]+$/);
      }
    });

    it("is the trace id and span id of the request's log line", async () => {
      const line = await accessLine(requestId);
      expect(line.traceId).toBe(server.traceId);
      expect(line.spanId).toBe(server.spanId);
    });

    it('sends no password, email or token', () => {
      const everything = collector.raw.join('\n');
      for (const secret of [PASSWORD, email, token, JWT_SECRET]) expect(everything).not.toContain(secret);
    });

    it('names the service as configured', () => {
      expect(collector.raw[0]).toContain('"aeo-tracing-test"');
    });
  });

  it('runs a job inside a span named after its queue, with the job id', async () => {
    // Registering queued a verification email: the mail worker picked it up.
    const job = await until(() => collector.spans.find((span) => span.name === 'mail-send'), 30_000);
    expect(job.kind).toBe(CONSUMER);
    expect(job.attributes).toMatchObject({
      'messaging.system': 'pg-boss',
      'messaging.destination.name': 'mail-send',
      'messaging.message.id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const sql = await until(() =>
      collector.spans.filter((span) => span.traceId === job.traceId && span.parentSpanId === job.spanId)
        .length
        ? true
        : null,
    );
    expect(sql).toBe(true);
  }, 60_000);

  it('runs an audit attempt in a span, with the fetches of the crawler under it', async () => {
    const received: Record<string, string | string[] | undefined>[] = [];
    // A webhook-style secret in the path: Slack's /services/T…/B…/<secret>.
    const pagePath = '/services/T0001/B0002/path-secret-77';
    const site = createServer((request, response) => {
      received.push(request.headers);
      if (request.url?.split('?')[0] !== pagePath) return void response.writeHead(404).end();
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<!doctype html><html lang="en"><head><title>Traced</title></head><body><h1>Traced</h1></body></html>',
        );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const port = (site.address() as AddressInfo).port;
      // A credential in the audited URL's query string is never exported.
      const siteUrl = `http://127.0.0.1:${port}${pagePath}?token=crawl-secret-9&page=crawl-query-3`;
      const response = await post(
        {
          query: 'mutation($input: CreateAuditInput!) { createAudit(input: $input) { id } }',
          variables: { input: { kind: 'SITE', url: siteUrl } },
        },
        { authorization: `Bearer ${token}`, ...CLIENT_CONTEXT },
      );
      const body = (await response.json()) as { data?: any; errors?: unknown };
      expect(body.errors).toBeUndefined();
      const audit = await until(
        () =>
          collector.spans.find((span) => span.name === 'audit.run' && span.attributes['aeo.audit.outcome']),
        60_000,
      );
      expect(audit.attributes).toMatchObject({ 'aeo.audit.kind': 'SITE', 'aeo.audit.attempt': 1 });
      const job = collector.spans.find((span) => span.spanId === audit.parentSpanId);
      expect(job).toMatchObject({ name: 'audit-run', kind: CONSUMER });
      const fetches = await until(() => {
        const found = traceOf(audit.traceId).filter(
          (span) =>
            span.scope === '@opentelemetry/instrumentation-undici' &&
            span.attributes['server.port'] === port &&
            span.attributes['http.response.status_code'] === 200,
        );
        return found.length ? found : null;
      });
      // A client span keeps the origin of its URL only: no path, no query.
      const everything = collector.raw.join('\n');
      for (const secret of ['crawl-secret-9', 'path-secret-77', 'crawl-query-3', 'client-baggage-7']) {
        expect(everything).not.toContain(secret);
      }
      expect(fetches[0]!.kind).toBe(CLIENT);
      expect(fetches[0]!.attributes['url.full']).toBe(`http://127.0.0.1:${port}`);
      for (const span of collector.spans.filter((span) => span.kind === CLIENT)) {
        expect(span.attributes).not.toHaveProperty('url.path');
        expect(span.attributes).not.toHaveProperty('url.query');
        expect(span.attributes).not.toHaveProperty('http.target');
      }
      // The site, a third party, learns nothing of our traces nor of the client's baggage.
      expect(received.length).toBeGreaterThan(0);
      for (const headers of received) {
        expect(headers).not.toHaveProperty('traceparent');
        expect(headers).not.toHaveProperty('tracestate');
        expect(headers).not.toHaveProperty('baggage');
        expect(headers).not.toHaveProperty('sentry-trace');
      }
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
  }, 90_000);

  it('redacts a token in a query string and makes no span for health probes', async () => {
    const requestId = `trace-${randomUUID()}`;
    await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}&token=share-secret-123`, {
      headers: { 'x-request-id': requestId, 'apollo-require-preflight': 'true' },
    });
    const healthId = `trace-${randomUUID()}`;
    await fetch(`${url}/healthz`, { headers: { 'x-request-id': healthId } });
    const { traceId } = await accessLine(requestId);
    const server = await until(() => traceOf(traceId).find((span) => span.kind === SERVER));
    expect(String(server.attributes['url.query'])).toContain('token=REDACTED');
    expect(collector.raw.join('\n')).not.toContain('share-secret-123');
    const health = await accessLine(healthId);
    expect(health.traceId).toBeUndefined();
    expect(collector.spans.some((span) => span.attributes['url.path'] === '/healthz')).toBe(false);
  }, 30_000);

  it('gives a Sentry event the trace id of the request that failed', async () => {
    const admin = new pg.Client({ connectionString: started.databaseUrl });
    await admin.connect();
    const requestId = `trace-${randomUUID()}`;
    try {
      await admin.query('alter table projects rename to projects_gone');
      const response = await post(
        { query: 'query DashboardProjects { projects(first: 5) { totalCount } }' },
        { authorization: `Bearer ${token}`, 'x-request-id': requestId },
      );
      const body = (await response.json()) as { errors?: any[] };
      expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await admin.query('alter table projects_gone rename to projects');
      await admin.end();
    }
    const { traceId } = await accessLine(requestId);
    const event = await until(
      () => errorEvents(sentry.envelopes).find(({ event }) => event.tags?.request_id === requestId)?.event,
    );
    expect(event.contexts.trace.trace_id).toBe(traceId);
    // The failed SQL is in the trace, marked as an error.
    const failed = await until(() =>
      traceOf(traceId).find(
        (span) => span.scope === '@opentelemetry/instrumentation-pg' && span.status?.code === 2,
      ),
    );
    expect(String(failed.attributes['db.query.text'])).toMatch(/projects/);
  }, 60_000);
});

describe('a ratio sampler at 0, against a client that asks for sampling', () => {
  // A parent-based sampler trusts a remote parent's sampled flag: were the context extracted,
  // `-01` would force the export. It is not: the root sampler decides, and at 0 exports nothing.
  it.each(['parentbased_traceidratio', 'traceidratio'])(
    'exports nothing with OTEL_TRACES_SAMPLER=%s',
    async (sampler) => {
      const collector = await fakeCollector();
      const { api, url, close } = await startApi({
        ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_TRACES_SAMPLER: sampler,
        OTEL_TRACES_SAMPLER_ARG: '0',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      });
      try {
        const requestId = `trace-${randomUUID()}`;
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...CLIENT_CONTEXT },
          body: JSON.stringify({ query: '{ viewer { id } }' }),
        });
        expect(response.status).toBe(200);
        const line = await until(() =>
          logLines(api.output()).find(
            (entry) => entry.reqId === requestId && entry.msg === 'request completed',
          ),
        );
        // Not sampled: the log line names no trace, the collector receives nothing.
        expect(line.traceId).toBeUndefined();
        await sleep(1000);
        expect(collector.raw).toEqual([]);
      } finally {
        await close();
        await new Promise((resolve) => collector.server.close(resolve));
      }
    },
    120_000,
  );
});

describe('tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('exports nothing and logs no trace fields', async () => {
    const collector = await fakeCollector();
    const { api, url, close } = await startApi({
      // Read only with the endpoint set: alone they turn nothing on.
      OTEL_SERVICE_NAME: 'aeo-tracing-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    try {
      const requestId = `trace-${randomUUID()}`;
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ query: '{ viewer { id } }' }),
      });
      expect(response.status).toBe(200);
      await until(() => logLines(api.output()).find((line) => line.reqId === requestId));
      await sleep(1000);
      const lines = logLines(api.output());
      expect(lines.length).toBeGreaterThan(3);
      expect(lines.filter((line) => 'traceId' in line || 'spanId' in line)).toEqual([]);
      expect(collector.raw).toEqual([]);
    } finally {
      await close();
      await new Promise((resolve) => collector.server.close(resolve));
    }
  }, 120_000);

  it('refuses a start with a sampler it does not know, naming the variable', async () => {
    const result = await runEntry(
      'main.ts',
      [],
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_TRACES_SAMPLER: 'sometimes' },
      ['./src/instrument.ts'],
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Configuration error: OTEL_TRACES_SAMPLER "sometimes" is not supported/);
  }, 60_000);

  it('refuses an endpoint that is no http(s) URL', async () => {
    const result = await runEntry('main.ts', [], { OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4317' }, [
      './src/instrument.ts',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Configuration error: OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/,
    );
  }, 60_000);
});
