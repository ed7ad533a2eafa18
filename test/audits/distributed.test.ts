// Several processes around one PostgreSQL and one Redis: what production runs.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFixtureServer, type FixtureServer } from '../audit-engine/helpers/fixture-server.js';
import { goodSiteRoutes } from '../audit-engine/helpers/good-site.js';
import { register, uniqueEmail } from '../helpers/accounts.js';
import { startTestServer, testRedisUrl, type TestServer } from '../helpers/test-server.js';
import { collectProgress, createAudit, slowSiteRoutes, waitForAudit } from './helpers.js';

const redisUrl = testRedisUrl();
const describeWithRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.warn('REDIS_URL is not set: multi-process audit tests skipped');

describeWithRedis('two API instances on one Redis', () => {
  let a: TestServer;
  let b: TestServer;
  let site: FixtureServer;

  beforeAll(async () => {
    site = await startFixtureServer(goodSiteRoutes());
    const env = { REDIS_URL: redisUrl!, AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' };
    a = await startTestServer({ env, runWorker: true });
    b = await startTestServer({ env, runWorker: false, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await site?.close();
  });

  it('delivers progress from a worker beside A to a subscriber on B', async () => {
    const user = await register(b, { email: uniqueEmail('replica') });
    const audit = await createAudit(b, user.accessToken, { kind: 'SITE', url: site.origin, maxPages: 5 });
    const events = await collectProgress(
      b.wsClient({ authorization: `Bearer ${user.accessToken}` }),
      audit.id,
    ).done;
    expect(events.at(-1)!.status).toBe('SUCCEEDED');
    expect(events.some((event) => event.status === 'RUNNING')).toBe(true);
  });
});

describeWithRedis('a worker killed mid-audit', () => {
  let api: TestServer;
  let slowSite: FixtureServer;
  const workers: ChildProcess[] = [];

  let nextHttpPort = 20_000 + Math.floor(Math.random() * 20_000);

  function startWorker(httpPort = 0): ChildProcess {
    const child = spawn(process.execPath, ['dist/src/worker.js'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: api.databaseUrl,
        REDIS_URL: redisUrl,
        AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
        JOB_SUPERVISE_INTERVAL_SECONDS: '1',
        AUDIT_JOB_HEARTBEAT_SECONDS: '10',
        AUDIT_JOB_RETRY_DELAY_SECONDS: '0',
        WORKER_CONCURRENCY: '1',
        WORKER_HTTP_PORT: String(httpPort),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    workers.push(child);
    return child;
  }

  beforeAll(async () => {
    // The worker runs as its own process from the compiled output (incremental: fast when current).
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
      stdio: 'inherit',
    });
    expect(existsSync('dist/src/worker.js')).toBe(true);
    slowSite = await startFixtureServer(slowSiteRoutes(24, 300));
    api = await startTestServer({
      env: { REDIS_URL: redisUrl!, AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' },
      runWorker: false,
    });
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await api?.close();
    await slowSite?.close();
  });

  it('is retried by another worker and the audit ends SUCCEEDED, never stuck RUNNING', async () => {
    const user = await register(api, { email: uniqueEmail('crash') });
    const first = startWorker();
    const audit = await createAudit(api, user.accessToken, {
      kind: 'SITE',
      url: slowSite.origin,
      maxPages: 24,
    });
    await waitForAudit(
      api,
      user.accessToken,
      audit.id,
      (state) => state.status === 'RUNNING' && state.progress > 0.1,
      30_000,
    );
    first.kill('SIGKILL');
    const httpPort = nextHttpPort++;
    startWorker(httpPort);
    const done = await waitForAudit(api, user.accessToken, audit.id, undefined, 90_000);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.attempts).toBe(2);
    expect(done.score).not.toBeNull();
    // The standalone worker's own endpoints report it alive and count what it finished.
    expect((await fetch(`http://127.0.0.1:${httpPort}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    expect(metrics).toContain('audits_finished_total{kind="SITE",status="SUCCEEDED"} 1');
  }, 120_000);

  it('stops taking jobs on SIGTERM and hands a running audit back to the queue', async () => {
    for (const previous of workers) previous.kill('SIGKILL');
    const user = await register(api, { email: uniqueEmail('deploy') });
    const worker = startWorker();
    const audit = await createAudit(api, user.accessToken, {
      kind: 'SITE',
      url: slowSite.origin,
      maxPages: 24,
    });
    await waitForAudit(
      api,
      user.accessToken,
      audit.id,
      (state) => state.status === 'RUNNING' && state.progress > 0.1,
      30_000,
    );
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    const released = await waitForAudit(
      api,
      user.accessToken,
      audit.id,
      (state) => state.status !== 'RUNNING',
      10_000,
    );
    expect(released.status).toBe('QUEUED');
    startWorker();
    const done = await waitForAudit(api, user.accessToken, audit.id, undefined, 90_000);
    expect(done.status).toBe('SUCCEEDED');
  }, 120_000);
});
