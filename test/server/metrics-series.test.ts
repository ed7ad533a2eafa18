// /metrics after real work: a SITE audit of a local site, a VISIBILITY audit against local
// stand-ins of the engines (one of them down), a webhook delivery and an open WebSocket
// subscription. Every series the dashboards and alerts need is there with figures that follow
// from what happened; and every metric deploy/grafana and deploy/prometheus name is one the
// app really exposes (so a renamed metric cannot leave a dashboard or an alert silently empty).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { parse as parseYaml } from 'yaml';
import { startFixtureServer, type FixtureServer } from '../audit-engine/helpers/fixture-server.js';
import { goodSiteRoutes } from '../audit-engine/helpers/good-site.js';
import { FakeProviders, KEYS } from '../audit-engine/visibility/fake-providers.js';
import { collectProgress, createAudit, waitForAudit } from '../audits/helpers.js';
import { markEmailVerified, register, type Account } from '../helpers/accounts.js';
import { startTestServer, testRedisUrl, type TestServer } from '../helpers/test-server.js';

/** One sample of a scrape: metric name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Scrape {
  /** Metric families by name (`# TYPE` lines): counters with their `_total`, histograms without suffix. */
  families: Map<string, string>;
  samples: Sample[];
}

function parseScrape(text: string): Scrape {
  const families = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) families.set(type[1]!, type[2]!);
    if (!line || line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not a Prometheus sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[key!] = value!;
    samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
  }
  return { families, samples };
}

/** The value of the one sample with exactly these labels among the given ones. */
function value(scrape: Scrape, name: string, labels: Record<string, string> = {}): number | undefined {
  return scrape.samples.find(
    (sample) =>
      sample.name === name &&
      Object.keys(sample.labels).length === Object.keys(labels).length &&
      Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted),
  )?.value;
}

/** Every series name a scrape can answer (histograms' _bucket, _sum and _count included). */
function seriesNames(scrape: Scrape): Set<string> {
  const names = new Set(scrape.samples.map((sample) => sample.name));
  for (const [family, type] of scrape.families) {
    names.add(family);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(family + suffix);
  }
  return names;
}

const PROMQL_KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/** Metric names a PromQL expression reads (functions, keywords, labels and Grafana variables left out). */
function metricNamesIn(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\$\{[^}]*\}|\$\w+/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const names = [...stripped.matchAll(/([a-zA-Z_:][\w:]*)\s*(\()?/g)]
    .filter(([, , call]) => !call)
    .map(([, name]) => name!)
    .filter((name) => !PROMQL_KEYWORDS.has(name.toLowerCase()));
  return [...new Set(names)];
}

/** Series Prometheus (or its blackbox exporter) makes itself, not the app. */
const SCRAPER_SERIES = new Set(['up', 'probe_success', 'probe_duration_seconds']);

let server: TestServer;
let site: FixtureServer;
let hooks: FixtureServer;
let providers: FakeProviders;
let owner: Account;
let clients: Client[] = [];
let scrape: Scrape;

const origin = () => new URL(server.url).origin;
const scrapeNow = async () => parseScrape(await (await fetch(`${origin()}/metrics`)).text());

beforeAll(async () => {
  site = await startFixtureServer(goodSiteRoutes());
  hooks = await startFixtureServer({ '/hook': { status: 200, body: 'ok' } });
  providers = await FakeProviders.start();
  providers.answer = () => ({
    text: 'Acme is the pick for small teams.',
    cited: [{ url: 'https://acme.com/guide' }],
  });
  providers.down('gemini', { status: 503, body: '{"error":{"message":"overloaded"}}' });
  const redisUrl = testRedisUrl();
  server = await startTestServer({
    env: {
      AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      OPENAI_API_KEY: KEYS.openai,
      OPENAI_BASE_URL: `${providers.url}/openai/v1`,
      OPENAI_MODEL: 'gpt-4.1',
      GEMINI_API_KEY: KEYS.gemini,
      GEMINI_BASE_URL: `${providers.url}/gemini`,
      GEMINI_MODEL: 'gemini-2.5-flash',
    },
  });
  owner = await register(server);
  await markEmailVerified(server, owner);
  const token = owner.accessToken;

  const webhook = await server.gql(
    'mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }',
    { input: { url: `${hooks.origin}/hook`, events: ['AUDIT_SUCCEEDED'] } },
    { token },
  );
  expect(webhook.errors).toBeUndefined();

  // A SITE audit followed live over WebSocket to its end.
  const audit = await createAudit(server, token, { kind: 'SITE', url: site.origin, maxPages: 10 });
  const progressClient = server.wsClient({ authorization: `Bearer ${token}` });
  clients.push(progressClient);
  expect((await collectProgress(progressClient, audit.id).done).at(-1)?.status).toBe('SUCCEEDED');

  // A VISIBILITY audit: OpenAI answers both prompts, Gemini is down.
  const visibility = await createAudit(server, token, {
    kind: 'VISIBILITY',
    url: 'https://acme.com',
    brand: 'Acme',
    prompts: ['Best CRM for small teams?', 'Which CRM has the best docs?'],
    engines: ['openai', 'gemini'],
  });
  expect((await waitForAudit(server, token, visibility.id)).status).toBe('SUCCEEDED');

  // A subscription left open while /metrics is read: a project's events.
  const project = await server.gql(
    'mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }',
    { input: { name: 'Metrics', url: site.origin, kinds: ['SITE'] } },
    { token },
  );
  expect(project.errors).toBeUndefined();
  const eventsClient = server.wsClient({ authorization: `Bearer ${token}` });
  clients.push(eventsClient);
  const subscribed = new Promise<void>((resolve, reject) => {
    eventsClient.on('connected', () => setTimeout(resolve, 300));
    eventsClient.subscribe(
      {
        query: 'subscription ($id: ID!) { projectEvents(projectId: $id) { type } }',
        variables: { id: project.data!.createProject.id },
      },
      { next: () => undefined, error: reject, complete: () => undefined },
    );
  });
  await subscribed;

  // A client mistake, and a job nobody works on in a queue of its own (pg-boss's own tables).
  await server.gql('query Broken { nope }');
  const boss = server.app.queue.boss;
  await boss.createQueue('metrics-test-idle');
  await boss.send('metrics-test-idle', {});
  await boss.send('metrics-test-idle', {}, { startAfter: 3600 });
  // The webhook delivery runs on the queue after the audit: wait for its attempt to be counted;
  // and pg-boss completes an audit's job just after the audit's end is stored: wait for that too.
  const deadline = Date.now() + 15_000;
  do {
    await new Promise((resolve) => setTimeout(resolve, 250));
    scrape = await scrapeNow();
  } while (
    (!(value(scrape, 'webhook_delivery_attempts_total', { outcome: 'succeeded' }) ?? 0) ||
      (value(scrape, 'audit_jobs', { state: 'active' }) ?? 0) > 0) &&
    Date.now() < deadline
  );
}, 120_000);

afterAll(async () => {
  for (const client of clients) await client.dispose();
  clients = [];
  await server?.close();
  await site?.close();
  await hooks?.close();
  await providers?.close();
});

describe('/metrics after a real audit', () => {
  it('has HTTP and GraphQL latency by bounded operation, and errors by code', () => {
    expect(
      value(scrape, 'http_request_duration_seconds_count', {
        route: '/graphql',
        method: 'POST',
        status: '200',
      }),
    ).toBeGreaterThan(5);
    const createAudits = value(scrape, 'graphql_operation_duration_seconds_count', {
      operation: 'createAudit',
      type: 'mutation',
      outcome: 'ok',
    });
    expect(createAudits).toBe(2);
    expect(
      value(scrape, 'graphql_operations_total', {
        operation: 'createAudit',
        type: 'mutation',
        outcome: 'ok',
      }),
    ).toBe(2);
    const sum = value(scrape, 'graphql_operation_duration_seconds_sum', {
      operation: 'createAudit',
      type: 'mutation',
      outcome: 'ok',
    });
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(10);
    expect(
      value(scrape, 'graphql_operation_duration_seconds_bucket', {
        operation: 'createAudit',
        type: 'mutation',
        outcome: 'ok',
        le: '+Inf',
      }),
    ).toBe(2);
    expect(value(scrape, 'graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
    // Labels are the schema's root fields and the known codes, never client text.
    const operations = new Set(
      scrape.samples.filter((s) => s.name === 'graphql_operations_total').map((s) => s.labels.operation),
    );
    expect(operations).not.toContain('Broken');
    for (const sample of scrape.samples.filter((s) => s.name === 'graphql_errors_total')) {
      expect(sample.labels.code).toMatch(/^[A-Z_]+$|^other$/);
    }
  });

  it('has audits by kind and status, their durations, pages crawled and engine calls', () => {
    expect(value(scrape, 'audits_finished_total', { kind: 'SITE', status: 'SUCCEEDED' })).toBe(1);
    expect(value(scrape, 'audits_finished_total', { kind: 'VISIBILITY', status: 'SUCCEEDED' })).toBe(1);
    expect(value(scrape, 'audit_duration_seconds_count', { kind: 'SITE', status: 'SUCCEEDED' })).toBe(1);
    // The good site: the start page, /guide, /faq, /about and the rest, all answering 200; its
    // robots.txt disallows /private/, linked from /about.
    expect(value(scrape, 'audit_pages_crawled_total', { outcome: 'fetched' })).toBeGreaterThanOrEqual(4);
    expect(value(scrape, 'audit_pages_crawled_total', { outcome: 'blocked' })).toBeGreaterThanOrEqual(1);
    expect(value(scrape, 'audit_pages_crawled_total', { outcome: 'error' })).toBeDefined();
    expect(value(scrape, 'visibility_engine_calls_total', { engine: 'openai', outcome: 'ok' })).toBe(2);
    const gemini =
      (value(scrape, 'visibility_engine_calls_total', { engine: 'gemini', outcome: 'error' }) ?? 0) +
      (value(scrape, 'visibility_engine_calls_total', { engine: 'gemini', outcome: 'skipped' }) ?? 0);
    expect(
      value(scrape, 'visibility_engine_calls_total', { engine: 'gemini', outcome: 'error' }),
    ).toBeGreaterThanOrEqual(1);
    expect(gemini).toBe(2);
  });

  it('has queue depth and the age of the oldest ready job per queue', () => {
    expect(value(scrape, 'job_queue_depth', { queue: 'audit-run', state: 'ready' })).toBe(0);
    expect(value(scrape, 'job_queue_oldest_ready_seconds', { queue: 'audit-run' })).toBe(0);
    expect(value(scrape, 'job_queue_depth', { queue: 'metrics-test-idle', state: 'ready' })).toBe(1);
    expect(value(scrape, 'job_queue_depth', { queue: 'metrics-test-idle', state: 'deferred' })).toBe(1);
    const age = value(scrape, 'job_queue_oldest_ready_seconds', { queue: 'metrics-test-idle' })!;
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThan(60);
    expect(value(scrape, 'audit_jobs', { state: 'active' })).toBe(0);
  });

  it('has webhook deliveries, WebSocket connections and subscriptions', () => {
    expect(value(scrape, 'webhook_delivery_attempts_total', { outcome: 'succeeded' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(value(scrape, 'webhook_delivery_seconds_count', { outcome: 'succeeded' })).toBeGreaterThanOrEqual(
      1,
    );
    // The progress client closed its socket once its subscription completed (graphql-ws is lazy).
    expect(value(scrape, 'websocket_connections')).toBe(1);
    expect(value(scrape, 'websocket_subscriptions')).toBe(1);
  });

  it('has the DB pools, Redis and the process', () => {
    expect(value(scrape, 'db_pool_max_connections', { pool: 'orm' })).toBe(5);
    expect(value(scrape, 'db_pool_max_connections', { pool: 'queue' })).toBe(4);
    const ormIdle = value(scrape, 'db_pool_connections', { pool: 'orm', state: 'idle' })!;
    const ormActive = value(scrape, 'db_pool_connections', { pool: 'orm', state: 'active' })!;
    expect(ormIdle + ormActive).toBeGreaterThanOrEqual(1);
    expect(ormIdle + ormActive).toBeLessThanOrEqual(5);
    expect(value(scrape, 'db_pool_waiting_requests', { pool: 'orm' })).toBe(0);
    if (testRedisUrl()) {
      expect(value(scrape, 'redis_up', { client: 'commands' })).toBe(1);
      expect(value(scrape, 'redis_up', { client: 'pubsub' })).toBe(1);
      expect(value(scrape, 'redis_commands_pending', { client: 'commands' })).toBeGreaterThanOrEqual(0);
    }
    expect(value(scrape, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(scrape, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(scrape.families.has('nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });

  it('drops a closed subscription and connection from the gauges', async () => {
    const [, eventsClient] = clients;
    await eventsClient!.dispose();
    let after = await scrapeNow();
    for (let i = 0; i < 40 && value(after, 'websocket_connections') !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await scrapeNow();
    }
    expect(value(after, 'websocket_connections')).toBe(0);
    expect(value(after, 'websocket_subscriptions')).toBe(0);
  });
});

describe('the dashboard and the alerts', () => {
  const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

  it('name only metrics a real /metrics scrape has', () => {
    const dashboard = JSON.parse(read('deploy/grafana/aeo-api.json')) as {
      title: string;
      panels: Array<{ title: string; type: string; targets?: Array<{ expr: string }> }>;
    };
    expect(dashboard.title).toBeTruthy();
    const graphs = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(graphs.length).toBeGreaterThanOrEqual(15);
    const alerts = parseYaml(read('deploy/prometheus/alerts.yml')) as {
      groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
    };
    const expressions = [
      ...graphs.flatMap((panel) =>
        (panel.targets ?? []).map((target) => [panel.title, target.expr] as const),
      ),
      ...alerts.groups.flatMap((group) => group.rules.map((rule) => [rule.alert, rule.expr] as const)),
    ];
    const known = seriesNames(scrape);
    const unknown = expressions.flatMap(([where, expression]) =>
      metricNamesIn(expression)
        .filter((name) => !known.has(name) && !SCRAPER_SERIES.has(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(unknown).toEqual([]);
    // Every panel queries something, and every series family of ours is on the dashboard.
    for (const panel of graphs) expect(panel.targets?.length).toBeGreaterThan(0);
    const used = new Set(expressions.flatMap(([, expression]) => metricNamesIn(expression)));
    const ours = [...scrape.families.keys()].filter((name) => !/^(nodejs|process)_/.test(name));
    const family = (name: string) => name.replace(/_(bucket|sum|count)$/, '');
    const shown = new Set([...used].map(family));
    expect(ours.filter((name) => !shown.has(name) && !used.has(name))).toEqual([]);
  });

  it('reads metric names out of PromQL correctly', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (le, operation) (rate(graphql_operation_duration_seconds_bucket{job=~"$job", type!="subscription"}[$__rate_interval]))) > 2',
      ),
    ).toEqual(['graphql_operation_duration_seconds_bucket']);
    expect(
      metricNamesIn(
        'sum(rate(a_total{code="x"}[5m])) / on(job) group_left sum(rate(b_total[5m])) or vector(0)',
      ),
    ).toEqual(['a_total', 'b_total']);
  });
});
