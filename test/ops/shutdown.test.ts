// Graceful shutdown, tested by signalling real processes (issue 17, docs/deployment.md
// "Shutdown"): the API under load from keep-alive clients (fast reads and slow argon2 logins)
// and WebSocket subscribers, with an audit running in its in-process worker, gets SIGTERM. Every
// request that started before the signal is answered 200 in full, /readyz answers 503 from the
// signal on, subscribers get 1001, the audit goes back to the queue and the process exits 0.
// A request that never ends is cut so that the rest of the stop still runs; what never closes at
// all (a WebSocket client ignoring the close) makes the hard deadline fire: exit 1, naming it.
// The standalone worker exits 0 on SIGTERM too.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import { fromGlobalId } from '../../src/common/global-id.js';
import { startFixtureServer, type FixtureServer } from '../audit-engine/helpers/fixture-server.js';
import { slowSiteRoutes } from '../audits/helpers.js';
import { createTestDatabase, testRedisUrl } from '../helpers/test-server.js';
import type { TemporaryDatabase } from '../../src/infra/temporary-database.js';
import { post, startLoad, subscribe, type Operation, type Outcome } from './helpers/load.js';
import { freePort, startEntry, type LongRunning } from './helpers/processes.js';

const JWT_SECRET = 'a production secret for the shutdown test, long enough';
const PASSWORD = 'a long passphrase for the shutdown test';
const DRAIN_MS = 2500;
const TIMEOUT_MS = 45_000;
const CLIENTS = 20;
/** Accounts the login clients use in turn, and logins per account before it would be slowed down. */
const LOGIN_ACCOUNTS = 6;
const LOGINS_PER_ACCOUNT = 10;
const SUBSCRIBERS = 5;

const redisUrl = testRedisUrl();

let database: TemporaryDatabase;
let orm: MikroORM;
let site: FixtureServer;

/** The API as production runs it (Apollo's own signal handlers are on outside NODE_ENV=test). */
async function apiEnv(extra: Record<string, string> = {}) {
  const port = await freePort();
  return {
    port,
    env: {
      NODE_ENV: 'production',
      JWT_SECRET,
      DATABASE_URL: database.url,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      HOST: '127.0.0.1',
      PORT: String(port),
      // All load comes from one address: no budget or limit may refuse it.
      HTTP_BUDGET_ANONYMOUS_PER_MINUTE: '1000000',
      HTTP_BUDGET_PER_MINUTE: '1000000',
      RATE_LIMIT_DEFAULT_PER_MINUTE: '1000000',
      RATE_LIMIT_OVERRIDES: JSON.stringify({ 'Mutation.login': '1000000/1m' }),
      RATE_LIMIT_KEY_PREFIX: `rl-shutdown-${process.pid}-${Date.now()}:`,
      WS_MAX_CONNECTIONS_PER_ADDRESS: '100',
      AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      WORKER_CONCURRENCY: '1',
      JOB_SUPERVISE_INTERVAL_SECONDS: '1',
      ...extra,
    },
  };
}

beforeAll(async () => {
  const created = await createTestDatabase();
  database = created.database;
  orm = created.orm;
  // 40 pages of 400 ms each, two at a time: an audit that is still running when the signal comes.
  site = await startFixtureServer(slowSiteRoutes(40, 400));
}, 60_000);

afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
  await site?.close();
}, 60_000);

/** When (performance.now() of this process) the child logged the first line matching `pattern`. */
function logTime(output: string, pattern: RegExp): number {
  const line = output.split('\n').find((text) => pattern.test(text));
  if (!line) throw new Error(`no ${pattern} in the output:\n${output}`);
  return (JSON.parse(line) as { time: number }).time - performance.timeOrigin;
}

/** GET /readyz on a fresh connection: its status, or the transport error. */
function readyz(port: number): Promise<{ startedAt: number; at: number; status?: number; error?: string }> {
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/readyz', agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve({ startedAt, at: performance.now(), status: response.statusCode }));
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ startedAt, at: performance.now(), error: error.code ?? error.message }),
    );
  });
}

describe('the API on SIGTERM under load', () => {
  let api: LongRunning;
  let port: number;
  let graphql: URL;
  let token: string;
  let email: string;
  let auditId: string;

  // A failed assertion must not leave the process behind.
  afterAll(() => void api?.child.kill('SIGKILL'));

  it('answers every request that started before the signal, then exits 0', async () => {
    const started = await apiEnv({
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      SHUTDOWN_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    port = started.port;
    graphql = new URL(`http://127.0.0.1:${port}/graphql`);
    api = startEntry('main.ts', started.env);
    await api.waitFor(/GraphQL API and IDE on/, 90_000);

    const agent = new http.Agent({ keepAlive: false });
    email = `shutdown-${Date.now()}@example.com`;
    const registered = await post(graphql, agent, {
      query: 'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
      variables: { input: { email, password: PASSWORD } },
    });
    expect(registered.body?.errors).toBeUndefined();
    token = (registered.body!.data as { register: { accessToken: string } }).register.accessToken;
    // Logins go round these accounts, at most LOGINS_PER_ACCOUNT each: beyond that the account's
    // logins are slowed down on purpose (up to 8 s each, auth.service.ts), which would hold the
    // shutdown however fast the machine.
    const accounts = [email];
    for (let index = 1; index < LOGIN_ACCOUNTS; index++) {
      const other = `shutdown-${index}-${Date.now()}@example.com`;
      const made = await post(graphql, agent, {
        query: 'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
        variables: { input: { email: other, password: PASSWORD } },
      });
      expect(made.body?.errors).toBeUndefined();
      accounts.push(other);
    }
    const created = await post(graphql, agent, {
      query: 'mutation($input: CreateAuditInput!) { createAudit(input: $input) { id } }',
      variables: { input: { kind: 'SITE', url: site.origin, maxPages: 40 } },
      token,
    });
    expect(created.body?.errors).toBeUndefined();
    auditId = (created.body!.data as { createAudit: { id: string } }).createAudit.id;
    const auditQuery: Operation = {
      query: 'query($id: ID!) { audit(id: $id) { id status progress } }',
      variables: { id: auditId },
      token,
    };
    for (let status = ''; status !== 'RUNNING';) {
      const state = await post(graphql, agent, auditQuery);
      status = (state.body?.data as { audit: { status: string } } | undefined)?.audit.status ?? '';
      expect(['QUEUED', 'RUNNING']).toContain(status);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const subscribers = await Promise.all(
      Array.from({ length: SUBSCRIBERS }, () =>
        subscribe(
          `ws://127.0.0.1:${port}/graphql`,
          token,
          'subscription($id: ID!) { auditProgress(id: $id) { status progress } }',
          { id: auditId },
        ),
      ),
    );
    // Two clients sign in (argon2: slow, a CPU-bound thread-pool task; more of them would starve
    // a small machine), the others read: the viewer and the running audit.
    const viewer: Operation = { query: '{ viewer { id email } }', token };
    let logins = 0;
    const login = (): Operation =>
      logins < LOGIN_ACCOUNTS * LOGINS_PER_ACCOUNT
        ? {
            query: 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
            variables: { input: { email: accounts[logins++ % LOGIN_ACCOUNTS], password: PASSWORD } },
          }
        : viewer;
    const load = startLoad(graphql, CLIENTS, (client, iteration) =>
      client % 10 === 0 ? login() : iteration % 2 ? viewer : auditQuery,
    );
    const probes: Awaited<ReturnType<typeof readyz>>[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const probe = await readyz(port);
        probes.push(probe);
        if (probe.error === 'ECONNREFUSED') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    await new Promise((resolve) => setTimeout(resolve, 3000));
    const exited = new Promise<number | null>((resolve) => api.child.once('exit', resolve));
    const signalAt = performance.now();
    api.child.kill('SIGTERM');
    const code = await exited;
    const exitedAt = performance.now();
    probing = false;
    await Promise.all([load.stop(), prober]);

    const output = api.output();
    expect(code).toBe(0);
    expect(exitedAt - signalAt).toBeGreaterThanOrEqual(DRAIN_MS);
    expect(exitedAt - signalAt).toBeLessThan(TIMEOUT_MS);
    expect(output).toMatch(/stopping \(SIGTERM\)/);
    expect(output).toMatch(/stopped in \d+ ms/);

    const before = load.outcomes.filter((outcome) => outcome.startedAt < signalAt);
    const inFlight = before.filter((outcome) => outcome.endedAt > signalAt);
    const after = load.outcomes.filter((outcome) => outcome.startedAt >= signalAt);
    const summary = (outcomes: Outcome[]) =>
      outcomes.reduce<Record<string, number>>((counts, outcome) => {
        const key = outcome.error
          ? `${outcome.error}${outcome.reused ? ' (reused)' : ''}`
          : `${outcome.status}`;
        counts[key] = (counts[key] ?? 0) + 1;
        return counts;
      }, {});
    console.log(
      `shutdown under load: ${before.length} requests before the signal (${inFlight.length} in flight), ` +
        `${JSON.stringify(summary(after))} after; exit after ${Math.round(exitedAt - signalAt)} ms`,
    );
    // Enough load to mean something: every client had a request in flight at the signal.
    expect(before.length).toBeGreaterThan(CLIENTS);
    expect(inFlight.length).toBe(CLIENTS);
    expect(inFlight.some((outcome) => outcome.client % 10 === 0)).toBe(true);
    // Every request that started before the signal: a complete 200 with data and no errors.
    expect(summary(before)).toEqual({ 200: before.length });
    for (const outcome of before) {
      expect([outcome.body?.errors, outcome.body?.data === undefined]).toEqual([undefined, false]);
    }
    // From the moment the process took the signal (its log line), every response closed its
    // connection, so that no client reuses one, and /readyz said 503.
    const stoppingAt = logTime(output, /stopping \(SIGTERM\)/);
    const answeredWhileStopping = load.outcomes.filter((o) => o.startedAt > stoppingAt && o.status);
    expect(answeredWhileStopping.length).toBeGreaterThan(0);
    for (const outcome of answeredWhileStopping) expect(outcome.connection).toBe('close');
    // After the signal: served during the drain, then refused once nothing listens (or cut off,
    // on a connection just opened whose request the server had not read yet). Never a failure
    // on a kept-alive connection, never a 503.
    expect(answeredWhileStopping.some((outcome) => outcome.status === 200)).toBe(true);
    for (const outcome of after) {
      if (outcome.status === 200) expect(outcome.body?.errors).toBeUndefined();
      else
        expect([outcome.reused, ['ECONNREFUSED', 'ECONNRESET'].includes(outcome.error!)]).toEqual([
          false,
          true,
        ]);
    }

    // Readiness: ready before the signal, 503 as soon as the process took it, until it stopped.
    expect(probes.filter((probe) => probe.at < signalAt).every((probe) => probe.status === 200)).toBe(true);
    const probesWhileStopping = probes.filter((probe) => probe.startedAt > stoppingAt);
    expect(probesWhileStopping.filter((probe) => probe.status === 200)).toHaveLength(0);
    expect(probesWhileStopping.filter((probe) => probe.status === 503).length).toBeGreaterThan(0);

    // WebSocket subscribers: events while it ran, then "going away".
    for (const subscriber of subscribers) {
      expect(await subscriber.closed).toEqual({ code: 1001, reason: 'Going away' });
      expect(subscriber.events.length).toBeGreaterThan(0);
    }

    // The running audit went back to the queue at a checkpoint, for another worker to finish.
    const [audit] = await orm.em
      .getConnection()
      .execute<{ status: string }[]>('select status from audits where id = ?', [
        fromGlobalId(auditId, 'Audit').id,
      ]);
    expect(audit?.status).toBe('QUEUED');
  }, 180_000);
});

/** Sends SIGTERM and waits for the exit: the code and the milliseconds it took. */
async function stop(server: LongRunning): Promise<{ code: number | null; elapsed: number }> {
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
  const signalAt = performance.now();
  server.child.kill('SIGTERM');
  const code = await exited;
  return { code, elapsed: performance.now() - signalAt };
}

/** The first JSON log line whose message contains `text`. */
function logLine(server: LongRunning, text: string): Record<string, any> | undefined {
  const line = server
    .output()
    .split('\n')
    .find((candidate) => candidate.includes(text));
  return line ? JSON.parse(line) : undefined;
}

describe('what does not end by itself', () => {
  let api: LongRunning | undefined;
  afterAll(() => void api?.child.kill('SIGKILL'));

  it('a request that never ends is cut at the HTTP close limit, and the rest of the stop runs', async () => {
    const started = await apiEnv({ SHUTDOWN_DRAIN_MS: '200', SHUTDOWN_TIMEOUT_MS: '4000' });
    const server = startEntry('main.ts', started.env);
    api = server;
    await server.waitFor(/GraphQL API and IDE on/, 90_000);
    // A client that sends half a body and then nothing: its request never ends by itself.
    const stuck = connect(started.port, '127.0.0.1');
    await new Promise<void>((resolve) => stuck.once('connect', resolve));
    stuck.write(
      'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"query":',
    );
    stuck.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { code, elapsed } = await stop(server);
    stuck.destroy();
    // Cut (4000 − 200) / 2 ms after the drain: the job queue, Redis and the database then close.
    expect(code).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(4000);
    expect(logLine(server, 'at the HTTP close limit')).toMatchObject({
      level: 40,
      open: expect.stringMatching(/^1 request in flight \(POST \/graphql for \d+\.\d s\)/),
    });
    expect(logLine(server, 'did not finish')).toBeUndefined();
  }, 120_000);

  it('exits 1 after SHUTDOWN_TIMEOUT_MS, naming what was still open', async () => {
    const started = await apiEnv({ SHUTDOWN_DRAIN_MS: '200', SHUTDOWN_TIMEOUT_MS: '2000' });
    const server = startEntry('main.ts', started.env);
    api = server;
    await server.waitFor(/GraphQL API and IDE on/, 90_000);
    // A WebSocket client that never answers the server's close frame: the server waits 3 s for
    // it, longer than this deadline.
    const silent = connect(started.port, '127.0.0.1');
    await new Promise<void>((resolve) => silent.once('connect', resolve));
    silent.on('error', () => undefined);
    const upgraded = new Promise<void>((resolve) =>
      silent.on('data', (data: Buffer) => {
        if (data.toString('latin1').startsWith('HTTP/1.1 101')) resolve();
      }),
    );
    silent.write(
      'GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
        'Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n',
    );
    await upgraded;
    const { code, elapsed } = await stop(server);
    silent.destroy();
    expect(code).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(6000);
    const line = logLine(server, 'did not finish');
    expect(line).toMatchObject({ level: 50 });
    expect(line!.msg).toMatch(
      /^stop \(SIGTERM\) did not finish within 2000 ms, exiting 1; still open \(closing order\): HTTP server \(no request in flight, 1 WebSocket connection\); .*job queue.*database/,
    );
  }, 120_000);
});

(redisUrl ? describe : describe.skip)('the standalone worker on SIGTERM', () => {
  let worker: LongRunning | undefined;
  afterAll(() => void worker?.child.kill('SIGKILL'));

  it('stops its jobs and pools and exits 0', async () => {
    const httpPort = await freePort();
    worker = startEntry('worker.ts', {
      NODE_ENV: 'production',
      JWT_SECRET,
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl!,
      HOST: '127.0.0.1',
      WORKER_HTTP_PORT: String(httpPort),
      SHUTDOWN_TIMEOUT_MS: '10000',
    });
    await worker.waitFor(/worker started/, 90_000);
    expect((await fetch(`http://127.0.0.1:${httpPort}/healthz`)).status).toBe(200);
    const signalAt = performance.now();
    expect(await worker.stop()).toBe(0);
    expect(performance.now() - signalAt).toBeLessThan(10_000);
    expect(worker.output()).toMatch(/stopped in \d+ ms/);
    expect(worker.output()).not.toMatch(/did not finish|error while stopping/);
  }, 120_000);
});
