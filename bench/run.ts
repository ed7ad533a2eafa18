// `npm run bench`: every benchmark, each figure with its target and a verdict (issue 14).
//   1. the site engine, parse-stall and start-up benches (their own processes, output as they
//      print it; bench/startup.bench.ts: `npm start` to ready on the embedded database);
//   2. the read path side by side: a seeded database (bench/seed.ts), this API, PostGraphile 5
//      and a bare graphql-js + pg server (bench/peers/), each its own process on its own port,
//      loaded in turn by autocannon from another process, interleaved, every body checked
//      against a reference computed from the database; then the API's SQL statements per
//      request for 5, 20 and 100 audits.
// Env: BENCH_ONLY (site-engine,parse-stall,startup,read,create,subscribers), BENCH_SCALE (1), BENCH_DURATION (10 s),
// BENCH_WARMUP (5 s), BENCH_CONNECTIONS (50), BENCH_ROUNDS (3), BENCH_RESEED (1; 0 reuses a
// database seeded at the same scale), BENCH_DATABASE_SERVER_URL, BENCH_DATABASE (aeo_bench),
// BENCH_REDIS_URL (redis://127.0.0.1:6379; empty: none), BENCH_API_LOG_LEVEL (info), BENCH_PRINT_SQL
// (1: print the API's statements per page size).
import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ormOptions } from '../src/infra/database.js';
import { createLogger } from '../src/infra/logger.js';
import { TokenService } from '../src/modules/auth/tokens.js';
import { ENTITIES } from '../src/modules/index.js';
import { apiStartArgs } from './start-command.js';
import { scaleFromEnv, seed, serverUrlFromEnv, sessionIdSql, userIdSql } from './seed.js';
import type { AuditInput, Dialect, Scenario } from './peers/scenarios.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The API's node arguments, as `npm start` has them. */
const API_ARGS = apiStartArgs(ROOT);
const BENCH_DIR = path.join(ROOT, 'bench');
const OUT_DIR = path.join(ROOT, '.data', 'bench');
const scenarios = (await import(
  pathToFileURL(path.join(BENCH_DIR, 'peers', 'scenarios.mjs')).href
)) as typeof import('./peers/scenarios.mjs');

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const numberEnv = (name: string, fallback: number) => {
  const value = Number(env(name, String(fallback)));
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
};
const ONLY = new Set(env('BENCH_ONLY', 'site-engine,parse-stall,startup,read,create,subscribers').split(','));
const DURATION = numberEnv('BENCH_DURATION', 10);
const WARMUP = numberEnv('BENCH_WARMUP', 5);
const CONNECTIONS = numberEnv('BENCH_CONNECTIONS', 50);
const ROUNDS = numberEnv('BENCH_ROUNDS', 3);
const PAGE = 20;
/** The viewer whose dashboard is asked for (user 1: 100 audits in their personal workspace). */
const VIEWER_INDEX = 1;

// ---------------------------------------------------------------------------------------------
// Helpers

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds a process (all its threads) has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function output(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((row) => row.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (i === 0 ? '-' : '').padEnd(w + 1, '-') + (i ? ':' : '-')).join('|')}|`,
  ]
    .concat(cells.slice(1).map(line))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Servers

interface Target {
  name: string;
  dialect: Dialect;
  /** Which server (results, file names): the dialect unless two servers speak one. */
  key: string;
  url: string;
  child: ChildProcess;
  log: string;
}

async function startTarget(
  name: string,
  dialect: Dialect,
  args: string[],
  cwd: string,
  extraEnv: Record<string, string>,
  token: string,
  logName: string = dialect,
  /** Ready once `GET /readyz` answers 200 (a server without the floor query); else the floor query answers. */
  readyz = false,
): Promise<Target> {
  const port = await freePort();
  const log = path.join(OUT_DIR, `${logName}.log`);
  const fd = openSync(log, 'w');
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), ...extraEnv },
    stdio: ['ignore', fd, fd],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  const started = Date.now();
  const state = { exited: null as number | null };
  child.on('exit', (code) => (state.exited = code ?? 1));
  for (;;) {
    if (state.exited !== null)
      throw new Error(`${name} exited with ${state.exited} while starting; see ${log}`);
    if (Date.now() - started > 90_000) throw new Error(`${name} did not start within 90 s; see ${log}`);
    try {
      const response = readyz
        ? await fetch(url.replace(/\/graphql$/, '/readyz'))
        : await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: scenarios.QUERIES.floor[dialect] }),
          });
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { name, dialect, key: logName, url, child, log };
}

async function stopTarget(target: Target): Promise<void> {
  if (target.child.exitCode !== null) return;
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.kill('SIGTERM');
  const timer = setTimeout(() => target.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Load

interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  graphqlErrors: number;
  mismatched: number;
  verified: number;
  sample: { status: number; body: string } | null;
}

interface Job {
  target: Target;
  scenario: Scenario;
  token: string;
  expected: unknown;
}

async function load(
  job: Job,
  duration: number,
  check = false,
): Promise<LoadResult & { cpu: number; verdict?: string; body?: string }> {
  const config = path.join(OUT_DIR, `load-${job.scenario}-${job.target.key}.json`);
  await writeFile(
    config,
    JSON.stringify({
      url: job.target.url,
      token: job.token,
      scenario: job.scenario,
      dialect: job.target.dialect,
      query: scenarios.QUERIES[job.scenario][job.target.dialect],
      variables: job.scenario === 'dashboard' ? { n: PAGE } : {},
      expected: job.expected,
      connections: CONNECTIONS,
      duration,
      check,
    }),
  );
  const pid = job.target.child.pid!;
  const before = cpuSeconds(pid);
  const text = await output(process.execPath, [path.join('peers', 'load.mjs'), config], BENCH_DIR);
  const cpu = cpuSeconds(pid) - before;
  const lines = text.trim().split('\n');
  return { ...(JSON.parse(lines[lines.length - 1]!) as LoadResult), cpu };
}

// ---------------------------------------------------------------------------------------------
// The reference answers, from the database itself

async function references(url: string, viewerId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      id: string;
      url: string;
      kind: string;
      status: string;
      score: number | null;
      grade: string | null;
      created_at: Date;
      owner_id: string;
      email: string;
      total: number;
      items: { id: string; severity: string; title: string }[] | null;
    }>(
      `select a.id, a.url, a.kind, a.status, a.score, a.grade, a.created_at, u.id as owner_id, u.email,
              (select count(*)::int from findings f where f.audit_id = a.id) as total,
              (select json_agg(json_build_object('id', f.id, 'severity', f.severity, 'title', f.title)
                               order by f.rank, f.id)
                 from (select * from findings f where f.audit_id = a.id order by f.rank, f.id limit $3) f) as items
         from audits a join users u on u.id = a.owner_id
        where a.workspace_id in (select m.workspace_id from workspace_members m where m.user_id = $1)
        order by a.created_at desc, a.id desc
        limit $2`,
      [viewerId, PAGE, scenarios.FINDINGS_PER_AUDIT_IN_QUERY],
    );
    const audits = rows.map((row) =>
      scenarios.canonicalAudit({
        id: row.id,
        url: row.url,
        kind: row.kind,
        status: row.status,
        score: row.score,
        grade: row.grade,
        createdAt: row.created_at,
        owner: { id: row.owner_id, email: row.email },
        findings: { totalCount: row.total, items: row.items ?? [] },
      } satisfies AuditInput),
    );
    if (audits.length !== PAGE) throw new Error(`the viewer has ${audits.length} audits, expected ${PAGE}+`);
    return { dashboard: { audits }, floor: { viewer: { id: viewerId } } };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// SQL statements per request (the API in this process, counting through MikroORM's query log)

/** This API in the runner's process, its SQL statements counted (and printed while `printing`). */
async function withInProcessApi<T>(
  databaseUrl: string,
  apiEnv: Record<string, string>,
  work: (url: string, sql: { count: number; printing: boolean }) => Promise<T>,
): Promise<T> {
  const sql = { count: 0, printing: false };
  const orm = await MikroORM.init(
    ormOptions(databaseUrl, {
      entities: ENTITIES,
      onQuery: (statement) => {
        sql.count++;
        if (sql.printing) console.log(`    ${statement}`);
      },
      poolMax: 10,
    }),
  );
  const config = loadConfig({ ...apiEnv, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const composed = await createApp(config, {
    logger: createLogger({ level: 'silent' }),
    api: true,
    runWorker: false,
    database: { orm, url: databaseUrl },
  });
  const { app } = composed.server!;
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    return await work(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`, sql);
  } finally {
    await composed.close();
    await orm.close(true);
  }
}

/** POSTs one GraphQL request; throws unless it answered 2xx without errors. */
async function ask(url: string, token: string, query: string, variables: object = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`${response.status} ${JSON.stringify(body)}`);
  return body.data!;
}

async function statementsPerRequest(databaseUrl: string, apiEnv: Record<string, string>, token: string) {
  const printSql = process.env.BENCH_PRINT_SQL === '1';
  return withInProcessApi(databaseUrl, apiEnv, async (url, sql) => {
    const counts: Record<number, number> = {};
    for (const n of [5, 20, 100]) {
      await ask(url, token, scenarios.QUERIES.dashboard.api, { n }); // warm: one-off statements (caches) do not count
      sql.count = 0;
      sql.printing = printSql;
      if (printSql) console.log(`  page of ${n}:`);
      await ask(url, token, scenarios.QUERIES.dashboard.api, { n });
      sql.printing = false;
      counts[n] = sql.count;
    }
    return counts;
  });
}

// ---------------------------------------------------------------------------------------------
// The read path

interface Summary {
  reqPerSec: number;
  p50: number;
  p99: number;
  perCpuSecond: number;
  errors: number;
  verified: number;
  requests: number;
  runs: string[];
}

/** What every database scenario shares: the seeded database, the viewer's token, the API's env. */
interface Setup {
  seeded: Awaited<ReturnType<typeof seed>>;
  scale: number;
  secret: string;
  tokens: TokenService;
  viewer: { user_id: string; session_id: string };
  token: string;
  apiEnv: Record<string, string>;
}

let setupDone: Promise<Setup> | undefined;
/** Whether bench/node_modules holds what bench/package-lock.json pins (npm's hidden lockfile agrees). */
function peersInstalled(): boolean {
  const installed = path.join(BENCH_DIR, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return false;
  type Lock = { packages: Record<string, { version?: string }> };
  const versions = (file: string) => {
    const { packages } = JSON.parse(readFileSync(file, 'utf8')) as Lock;
    return Object.entries(packages)
      .filter(([name]) => name !== '')
      .map(([name, entry]) => `${name}@${entry.version}`)
      .sort()
      .join('\n');
  };
  return versions(installed) === versions(path.join(BENCH_DIR, 'package-lock.json'));
}

/** Seeds (once per run) and signs the viewer's token; the scenarios run against this. */
function setup(): Promise<Setup> {
  return (setupDone ??= (async () => {
    await mkdir(OUT_DIR, { recursive: true });
    if (!peersInstalled()) {
      console.log('installing the peers (npm ci --prefix bench) …');
      if ((await run('npm', ['ci', '--prefix', BENCH_DIR, '--no-audit', '--no-fund'])) !== 0)
        throw new Error('npm ci --prefix bench failed');
    }
    const scale = scaleFromEnv();
    console.log(`\nseeding (scale ${scale}) …`);
    const seeded = await seed({
      serverUrl: serverUrlFromEnv(),
      database: env('BENCH_DATABASE', 'aeo_bench'),
      scale,
      reuse: env('BENCH_RESEED', '1') === '0',
      log: console.log,
    });
    console.log(
      `database: ${fmt(seeded.users)} users, ${fmt(seeded.audits)} audits, ${fmt(seeded.findings)} findings` +
        (seeded.reused ? ' (reused)' : `, seeded in ${seeded.seconds.toFixed(1)} s`),
    );
    const [viewer] = await sessionsOf([VIEWER_INDEX], seeded.url);
    const secret = randomBytes(48).toString('base64url');
    // Signed as the app signs them; valid a day so that a long run does not outlive it.
    const tokens = new TokenService(secret, 24 * 3600);
    const { token } = await tokens.signAccessToken({
      userId: viewer!.user_id,
      sessionId: viewer!.session_id,
    });
    const redisUrl = env('BENCH_REDIS_URL', 'redis://127.0.0.1:6379');
    const apiEnv: Record<string, string> = {
      DATABASE_URL: seeded.url,
      JWT_SECRET: secret,
      HOST: '127.0.0.1',
      LOG_LEVEL: env('BENCH_API_LOG_LEVEL', 'info'),
      WORKER_IN_PROCESS: 'false',
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      RATE_LIMIT_KEY_PREFIX: `bench-${process.pid}-${Date.now()}:`,
      // Measure the server, not the per-caller budgets.
      RATE_LIMIT_DEFAULT_PER_MINUTE: '1000000000',
      HTTP_BUDGET_PER_MINUTE: '1000000000',
      HTTP_BUDGET_ANONYMOUS_PER_MINUTE: '1000000000',
    };
    return { seeded, scale, secret, tokens, viewer: viewer!, token, apiEnv };
  })());
}

/** The seeded users' ids and their live sessions, by 1-based index. */
async function sessionsOf(indexes: number[], url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ user_id: string; session_id: string }>(
      `select ${userIdSql('i')} as user_id, ${sessionIdSql('i')} as session_id
         from unnest($1::int[]) with ordinality as x(i, n) order by n`,
      [indexes],
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** `a ÷ b` (0 when `b` is not positive), and the same printed as a ratio (`1.23×`). */
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const times = (a: number, b: number) => `${ratio(a, b).toFixed(2)}×`;

async function readPath(): Promise<boolean> {
  const { seeded, scale, secret, viewer, token, apiEnv } = await setup();
  console.log('\nRead path side by side …');
  const reference = await references(seeded.url, viewer.user_id);

  const peerEnv = { DATABASE_URL: seeded.url, JWT_SECRET: secret };
  const targets: Target[] = [];
  const results = new Map<string, Summary>();
  try {
    console.log('starting the servers …');
    targets.push(
      await startTarget('this API', 'api', API_ARGS, ROOT, apiEnv, token),
      await startTarget(
        'PostGraphile 5 (Amber, RLS)',
        'postgraphile',
        ['peers/postgraphile.mjs'],
        BENCH_DIR,
        peerEnv,
        token,
      ),
      await startTarget('graphql-js + pg (bare)', 'bare', ['peers/bare.mjs'], BENCH_DIR, peerEnv, token),
      // The bare server's schema and SQL behind Apollo Server 5 on Fastify: the same dialect.
      await startTarget(
        'Apollo 5 + Fastify, same SQL',
        'bare',
        ['peers/apollo-fastify.mjs'],
        BENCH_DIR,
        peerEnv,
        token,
        'apollo-fastify',
      ),
    );
    const jobs: Job[] = (['dashboard', 'floor'] as const).flatMap((scenario) =>
      targets.map((target) => ({ target, scenario, token, expected: reference[scenario] })),
    );
    for (const job of jobs) {
      const checked = await load(job, 1, true);
      if (checked.verdict !== 'ok')
        console.log(`WARNING ${job.target.name} ${job.scenario}: ${checked.verdict}\n${checked.body}`);
    }
    for (const scenario of ['dashboard', 'floor'] as const) {
      const scenarioJobs = jobs.filter((job) => job.scenario === scenario);
      console.log(
        `\n${scenario}: warm-up ${WARMUP} s each, then ${ROUNDS} interleaved rounds of ${DURATION} s …`,
      );
      for (const job of scenarioJobs) await load(job, WARMUP);
      const runs = new Map<Job, Awaited<ReturnType<typeof load>>[]>();
      for (let round = 1; round <= ROUNDS; round++) {
        for (const job of scenarioJobs) {
          const result = await load(job, DURATION);
          runs.set(job, [...(runs.get(job) ?? []), result]);
          const errors =
            result.non2xx + result.socketErrors + result.timeouts + result.graphqlErrors + result.mismatched;
          console.log(
            `  round ${round} ${job.target.name.padEnd(28)} ${fmt(result.reqPerSec, 1).padStart(8)} req/s` +
              `  p50 ${fmt(result.p50)} ms  p99 ${fmt(result.p99)} ms  cpu ${result.cpu.toFixed(1)} s  errors ${errors}`,
          );
          if (result.sample) console.log(`    e.g. ${result.sample.status} ${result.sample.body}`);
        }
      }
      for (const [job, list] of runs) {
        const requests = list.reduce((sum, r) => sum + r.requests, 0);
        const cpu = list.reduce((sum, r) => sum + r.cpu, 0);
        results.set(`${scenario}:${job.target.key}`, {
          reqPerSec: median(list.map((r) => r.reqPerSec)),
          p50: median(list.map((r) => r.p50)),
          p99: median(list.map((r) => r.p99)),
          perCpuSecond: cpu > 0 ? requests / cpu : 0,
          errors: list.reduce(
            (sum, r) => sum + r.non2xx + r.socketErrors + r.timeouts + r.graphqlErrors + r.mismatched,
            0,
          ),
          verified: list.reduce((sum, r) => sum + r.verified, 0),
          requests,
          runs: list.map((r) => fmt(r.reqPerSec)),
        });
      }
    }
  } finally {
    for (const target of targets) await stopTarget(target);
  }
  console.log(
    '\nSQL statements per dashboard request (the API in-process, counted by MikroORM’s query log) …',
  );
  const statements = await statementsPerRequest(seeded.url, apiEnv, token);

  // ------------------------------------------------------------------------------------------
  // Report
  const names: Record<string, string> = {
    api: 'this API',
    postgraphile: 'PostGraphile 5 (Amber)',
    bare: 'graphql-js + pg',
    'apollo-fastify': 'Apollo 5 + Fastify, same SQL',
  };
  let allPass = true;
  const verdict = (pass: boolean) => {
    allPass &&= pass;
    return pass ? 'PASS' : 'FAIL';
  };
  for (const scenario of ['dashboard', 'floor'] as const) {
    const title =
      scenario === 'dashboard'
        ? `Dashboard: audits(first: ${PAGE}) × owner + findings(first: 5) with totalCount`
        : 'Framework floor: { viewer { id } }';
    console.log(
      `\n${title} — scale ${scale}, ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION} s interleaved, medians`,
    );
    console.log(
      table(
        ['server', 'req/s', 'runs (req/s)', 'p50 ms', 'p99 ms', 'req per CPU-s', 'errors', 'bodies checked'],
        Object.keys(names).map((key) => {
          const r = results.get(`${scenario}:${key}`)!;
          return [
            names[key]!,
            fmt(r.reqPerSec, 1),
            r.runs.join(' / '),
            fmt(r.p50),
            fmt(r.p99),
            fmt(r.perCpuSecond),
            r.errors,
            `${fmt(r.verified)} of ${fmt(r.requests)}`,
          ];
        }),
      ),
    );
  }
  const get = (key: string) => results.get(key)!;
  const dashboardRps = ratio(get('dashboard:api').reqPerSec, get('dashboard:postgraphile').reqPerSec);
  const dashboardP99 = ratio(get('dashboard:api').p99, get('dashboard:postgraphile').p99);
  const floorRps = ratio(get('floor:api').reqPerSec, get('floor:bare').reqPerSec);
  const errors = [...results.values()].reduce((sum, r) => sum + r.errors, 0);
  const constant = statements[5] === statements[20] && statements[20] === statements[100];
  console.log('\nTargets (issue 14)');
  console.log(
    table(
      ['figure', 'measured', 'target', 'ratio', 'verdict'],
      [
        [
          'dashboard req/s, API vs PostGraphile',
          `${fmt(get('dashboard:api').reqPerSec, 1)} vs ${fmt(get('dashboard:postgraphile').reqPerSec, 1)}`,
          '≥ 1.0×',
          `${dashboardRps.toFixed(2)}×`,
          verdict(dashboardRps >= 1),
        ],
        [
          'dashboard p99, API vs PostGraphile',
          `${fmt(get('dashboard:api').p99)} vs ${fmt(get('dashboard:postgraphile').p99)} ms`,
          '≤ 1.0×',
          `${dashboardP99.toFixed(2)}×`,
          verdict(dashboardP99 <= 1),
        ],
        [
          'floor req/s, API vs bare graphql-js',
          `${fmt(get('floor:api').reqPerSec, 1)} vs ${fmt(get('floor:bare').reqPerSec, 1)}`,
          '≥ 0.8×',
          `${floorRps.toFixed(2)}×`,
          verdict(floorRps >= 0.8),
        ],
        [
          'SQL statements per request, 5 / 20 / 100 audits',
          `${statements[5]} / ${statements[20]} / ${statements[100]}`,
          'constant',
          times(statements[100]!, statements[5]!),
          verdict(constant),
        ],
        [
          'dashboard req/s, API vs Apollo 5 + Fastify, same SQL',
          `${fmt(get('dashboard:api').reqPerSec, 1)} vs ${fmt(get('dashboard:apollo-fastify').reqPerSec, 1)}`,
          '—',
          times(get('dashboard:api').reqPerSec, get('dashboard:apollo-fastify').reqPerSec),
          '—',
        ],
        [
          'floor req/s, API vs Apollo 5 + Fastify, same SQL',
          `${fmt(get('floor:api').reqPerSec, 1)} vs ${fmt(get('floor:apollo-fastify').reqPerSec, 1)}`,
          '—',
          times(get('floor:api').reqPerSec, get('floor:apollo-fastify').reqPerSec),
          '—',
        ],
        [
          'responses equal to the reference (every server)',
          `${errors} errors`,
          '0',
          '—',
          verdict(errors === 0),
        ],
      ],
    ),
  );
  console.log(
    '\nFor reference: dashboard req/s PostGraphile vs bare ' +
      `${times(get('dashboard:postgraphile').reqPerSec, get('dashboard:bare').reqPerSec)}, API vs bare ` +
      `${times(get('dashboard:api').reqPerSec, get('dashboard:bare').reqPerSec)}; req per CPU-s API vs PostGraphile ` +
      `${times(get('dashboard:api').perCpuSecond, get('dashboard:postgraphile').perCpuSecond)}; ` +
      'Apollo 5 + Fastify over the bare SQL vs bare: dashboard ' +
      `${times(get('dashboard:apollo-fastify').reqPerSec, get('dashboard:bare').reqPerSec)}, floor ` +
      `${times(get('floor:apollo-fastify').reqPerSec, get('floor:bare').reqPerSec)} req/s, ` +
      `${times(get('floor:apollo-fastify').perCpuSecond, get('floor:bare').perCpuSecond)} req per CPU-s (floor). ` +
      `Server logs: ${path.relative(ROOT, OUT_DIR)}/.`,
  );
  return allPass;
}

// ---------------------------------------------------------------------------------------------
// createAudit across users: the audit and its pg-boss job in one transaction

const CREATE_AUDIT =
  'mutation { createAudit(input: { kind: SITE, url: "https://example.com/" }) { id status } }';

interface CreateResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  socketErrors: number;
  timeouts: number;
  created: number;
  rateLimited: number;
  quota: number;
  otherError: number;
  non2xx: number;
  sample: { status: number; body: string } | null;
}

/** Requests of the exactness run (BENCH_CREATE_EXACT). */
const EXACT_REQUESTS = numberEnv('BENCH_CREATE_EXACT', 2000);

async function createAudits(): Promise<void> {
  const { seeded, tokens, token, secret, apiEnv } = await setup();
  const userCount = Math.min(seeded.users, numberEnv('BENCH_CREATE_USERS', 1000));
  console.log(`\ncreateAudit across ${fmt(userCount)} users …`);
  const sessions = await sessionsOf(
    Array.from({ length: userCount }, (_, i) => i + 1),
    seeded.url,
  );
  const signed = await Promise.all(
    sessions.map(
      async (s) => (await tokens.signAccessToken({ userId: s.user_id, sessionId: s.session_id })).token,
    ),
  );
  const env: Record<string, string> = {
    ...apiEnv,
    // Every seeded workspace is FREE: its quotas (and the person's) must not refuse the load.
    PLAN_FREE_AUDITS_PER_DAY: '1000000000',
    PLAN_FREE_CONCURRENT_AUDITS: '1000000000',
    RATE_LIMIT_KEY_PREFIX: `bench-create-${process.pid}-${Date.now()}:`,
  };
  const db = new pg.Client({ connectionString: seeded.url });
  await db.connect();
  const results: CreateResult[] = [];
  const bareResults: CreateResult[] = [];
  let cpu = 0;
  let bareCpu = 0;
  let exactSince: Date;
  let exact: CreateResult | undefined;
  try {
    const { rows } = await db.query<{ now: Date }>('select now()');
    const since = rows[0]!.now;
    // The API and the bare peer with the same statements (peers/hand-written-create.mjs), rounds
    // interleaved; only the API runs the exactness check.
    const peerEnv = { DATABASE_URL: seeded.url, JWT_SECRET: secret };
    const api = await startTarget('this API', 'api', API_ARGS, ROOT, env, token, 'api-create');
    let bare: Target | undefined;
    try {
      bare = await startTarget(
        'graphql-js + pg (bare)',
        'bare',
        ['peers/bare.mjs'],
        BENCH_DIR,
        peerEnv,
        token,
        'bare-create',
      );
      const config = path.join(OUT_DIR, 'load-create.json');
      const once = async (target: Target, duration: number, amount?: number) => {
        await writeFile(
          config,
          JSON.stringify({
            url: target.url,
            tokens: signed,
            query: CREATE_AUDIT,
            connections: CONNECTIONS,
            duration,
            amount,
          }),
        );
        const before = cpuSeconds(target.child.pid!);
        const text = await output(process.execPath, [path.join('peers', 'create.mjs'), config], BENCH_DIR);
        const lines = text.trim().split('\n');
        const result = JSON.parse(lines[lines.length - 1]!) as CreateResult;
        return { result, cpu: cpuSeconds(target.child.pid!) - before };
      };
      for (const target of [api, bare]) await once(target, WARMUP);
      for (let round = 1; round <= ROUNDS; round++) {
        for (const target of [api, bare]) {
          const { result, cpu: used } = await once(target, DURATION);
          if (target === api) {
            results.push(result);
            cpu += used;
          } else {
            bareResults.push(result);
            bareCpu += used;
          }
          console.log(
            `  round ${round} ${target.name.padEnd(24)} ${fmt(result.reqPerSec, 1).padStart(8)} req/s  p50 ${fmt(result.p50)} ms  p99 ${fmt(result.p99)} ms` +
              `  created ${fmt(result.created)}  rate-limited ${fmt(result.rateLimited)}  quota ${result.quota}` +
              `  errors ${result.otherError + result.non2xx + result.socketErrors + result.timeouts}  cpu ${used.toFixed(1)} s`,
          );
          if (result.sample) console.log(`    e.g. ${result.sample.status} ${result.sample.body}`);
        }
      }
      // Timed runs stop with requests in flight (answered by the server, not counted): the
      // count is checked on a run of a fixed number of requests, each awaited.
      // First let the requests still in flight from the timed runs commit.
      for (let last = -1; ;) {
        const { rows: counted } = await db.query<{ n: number }>(
          'select count(*)::int as n from audits where created_at >= $1',
          [since],
        );
        if (counted[0]!.n === last) break;
        last = counted[0]!.n;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      exactSince = (await db.query<{ now: Date }>('select now()')).rows[0]!.now;
      exact = (await once(api, DURATION, EXACT_REQUESTS)).result;
    } finally {
      await stopTarget(api);
      if (bare) await stopTarget(bare);
    }
    // Every created answer is an audit, and every audit has its job (same transaction).
    const { rows: check } = await db.query<{ audits: number; jobs: number; queued: number; exact: number }>(
      `select count(*)::int as audits, count(j.id)::int as jobs,
              count(*) filter (where a.status = 'QUEUED')::int as queued,
              count(*) filter (where a.created_at >= $2)::int as exact
         from audits a
         left join pgboss.job j on j.id = a.job_id and j.name = 'audit-run' and j.data->>'auditId' = a.id::text
        where a.created_at >= $1`,
      [since, exactSince],
    );
    const statements = await withInProcessApi(seeded.url, env, async (url, sql) => {
      await ask(url, signed[0]!, CREATE_AUDIT); // warm
      sql.count = 0;
      sql.printing = process.env.BENCH_PRINT_SQL === '1';
      await ask(url, signed[0]!, CREATE_AUDIT);
      sql.printing = false;
      return sql.count;
    });
    // Leave a reused database as seeded: the bench's audits, their jobs and quota rows go.
    await db.query(
      `delete from pgboss.job where name = 'audit-run' and id in (select job_id from audits where created_at >= $1)`,
      [since],
    );
    await db.query('delete from audits where created_at >= $1', [since]);
    await db.query('delete from audit_quota_usage where created_at >= $1', [since]);
    // Their dead rows vacuumed too: the next run on a reused database starts where this one did.
    for (const table of ['audits', 'audit_quota_usage', 'pgboss.job'])
      await db.query(`vacuum analyze ${table}`);

    const { audits, jobs, queued, exact: exactAudits } = check[0]!;
    const created = exact.created;
    const rps = median(results.map((r) => r.reqPerSec));
    const p99 = median(results.map((r) => r.p99));
    const requests = results.reduce((sum, r) => sum + r.requests, 0);
    const limited = results.reduce((sum, r) => sum + r.rateLimited, 0);
    const failures = (r: CreateResult) => r.otherError + r.quota + r.non2xx + r.socketErrors + r.timeouts;
    const errors = results.reduce((sum, r) => sum + failures(r), 0);
    const bareRps = median(bareResults.map((r) => r.reqPerSec));
    const bareP99 = median(bareResults.map((r) => r.p99));
    const bareRequests = bareResults.reduce((sum, r) => sum + r.requests, 0);
    const bareErrors = bareResults.reduce((sum, r) => sum + failures(r) + r.rateLimited, 0);
    console.log(
      `\ncreateAudit — ${fmt(userCount)} users round robin, ${CONNECTIONS} connections, ` +
        `${ROUNDS} × ${DURATION} s after ${WARMUP} s warm-up, medians; no worker (jobs stay queued)`,
    );
    console.log(
      table(
        ['figure', 'measured', 'target', 'verdict'],
        [
          [
            'req/s (created audits)',
            `${fmt(rps, 1)} (runs ${results.map((r) => fmt(r.reqPerSec)).join(' / ')})`,
            '≥ 500',
            rps >= 500 ? 'PASS' : 'FAIL',
          ],
          [
            'p99',
            `${fmt(p99)} ms (p50 ${fmt(median(results.map((r) => r.p50)))} ms)`,
            '< 150 ms',
            p99 < 150 ? 'PASS' : 'FAIL',
          ],
          [
            `audits in the database = created answers (run of ${fmt(EXACT_REQUESTS)} requests)`,
            `${fmt(exactAudits)} = ${fmt(created)}`,
            'equal',
            exactAudits === created && created > 0 ? 'PASS' : 'FAIL',
          ],
          [
            'audits with their pg-boss job (audit-run), every run',
            `${fmt(jobs)} of ${fmt(audits)} (${fmt(queued)} QUEUED)`,
            'all',
            jobs === audits ? 'PASS' : 'FAIL',
          ],
          [
            'answers other than created',
            `${fmt(errors)} errors, ${fmt(limited)} rate-limited of ${fmt(requests)}`,
            '0',
            errors + limited === 0 ? 'PASS' : 'FAIL',
          ],
          ['SQL statements per createAudit (in-process, MikroORM query log)', String(statements), '—', '—'],
          ['requests per API CPU-second', fmt(cpu > 0 ? requests / cpu : 0), '—', '—'],
          [
            'bare graphql-js + pg, same statements: req/s, p99',
            `${fmt(bareRps, 1)} (runs ${bareResults.map((r) => fmt(r.reqPerSec)).join(' / ')}), ${fmt(bareP99)} ms`,
            '—',
            '—',
          ],
          ['req/s, API vs bare', times(rps, bareRps), '—', '—'],
          ['requests per CPU-second, API vs bare', times(requests / cpu, bareRequests / bareCpu), '—', '—'],
          ['bare answers other than created', fmt(bareErrors), '0', bareErrors === 0 ? 'PASS' : 'FAIL'],
        ],
      ),
    );
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------------------------
// auditProgress subscribers: fan-out of events published to Redis as the worker publishes them

/** The resident memory of a process, in KiB (VmRSS). */
function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

interface FanOut {
  processes: number;
  /** The bare WebSocket peer (peers/bare-ws.mjs) instead of the API. */
  bare: boolean;
  connected: number;
  failed: number;
  firstError: string | null;
  deadline: boolean;
  connectSeconds: number;
  kibPerConnection: number;
  received: number;
  expected: number;
  lost: number;
  duplicates: number;
  wrong: number;
  outOfOrder: number;
  firstWrong: string | null;
  p50: number;
  p99: number;
  max: number;
  cpu: number;
}

/** The published events' progress: PROGRESS_FROM + PROGRESS_SPAN × seq / events. */
const PROGRESS_FROM = 0.1;
const PROGRESS_SPAN = 0.8;

/** API CPU time per event delivered to one subscriber, in µs. */
const microsPerDelivery = (cpuSeconds: number, deliveries: number) =>
  deliveries ? (cpuSeconds * 1e6) / deliveries : 0;

/** How long the subscribers process keeps opening connections (BENCH_SUBSCRIBER_CONNECT_SECONDS). */
const CONNECT_SECONDS = numberEnv('BENCH_SUBSCRIBER_CONNECT_SECONDS', 120);

async function subscriberFanOut(): Promise<void> {
  const { seeded, token, secret, apiEnv } = await setup();
  if (!apiEnv.REDIS_URL) {
    console.log('skipped: the subscriber scenarios publish through Redis (BENCH_REDIS_URL is empty)');
    return;
  }
  const subscribers = numberEnv('BENCH_SUBSCRIBERS', 10_000);
  const events = numberEnv('BENCH_SUBSCRIBER_EVENTS', 100);
  const perSecond = 10;
  const env: Record<string, string> = {
    ...apiEnv,
    // Every subscriber connects from 127.0.0.1 (the default allows 20 per address).
    WS_MAX_CONNECTIONS_PER_ADDRESS: '1000000000',
    RATE_LIMIT_KEY_PREFIX: `bench-subscribers-${process.pid}-${Date.now()}:`,
  };
  const db = new pg.Client({ connectionString: seeded.url });
  await db.connect();
  // The viewer's first audit, RUNNING for the bench (a finished one ends its stream), its stored
  // state an hour old so that every live event is newer; restored afterwards.
  const { rows } = await db.query<{ id: string; saved: Record<string, unknown> }>(
    `select a.id, to_jsonb(a) as saved from audits a where a.id = md5('bench-audit:1')::uuid`,
  );
  const audit = rows[0]!;
  const globalId = Buffer.from(`Audit:${audit.id}`, 'utf8').toString('base64url');
  const topic = `audit-progress:${audit.id}`;
  const redis = new Redis(apiEnv.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const results: FanOut[] = [];
  try {
    await db.query(
      `update audits set status = 'RUNNING', progress = 0.1, stage = 'crawl', message = null, finished_at = null,
              updated_at = now() - interval '1 hour' where id = $1`,
      [audit.id],
    );
    // The API on one process, on two through Redis, then the bare peer on one: the machine's floor.
    for (const { processes, bare } of [
      { processes: 1, bare: false },
      { processes: 2, bare: false },
      { processes: 1, bare: true },
    ]) {
      console.log(
        `\n${fmt(subscribers)} subscribers on ${fanOutServer({ processes, bare })}, ${events} events at ${perSecond}/s …`,
      );
      const targets: Target[] = [];
      try {
        if (bare) {
          const peerEnv = { DATABASE_URL: seeded.url, REDIS_URL: apiEnv.REDIS_URL, JWT_SECRET: secret };
          targets.push(
            await startTarget(
              'bare ws peer',
              'bare',
              ['peers/bare-ws.mjs'],
              BENCH_DIR,
              peerEnv,
              token,
              'bare-ws',
              true,
            ),
          );
        }
        for (let k = 1; !bare && k <= processes; k++) {
          targets.push(
            await startTarget(
              `this API #${k}`,
              'api',
              API_ARGS,
              ROOT,
              env,
              token,
              `api-subscribers-${processes}-${k}`,
            ),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const before = targets.map((t) => rssKiB(t.child.pid!));
        const config = path.join(OUT_DIR, `subscribers-${processes}.json`);
        await writeFile(
          config,
          JSON.stringify({
            urls: targets.map((t) => t.url.replace(/^http/, 'ws')),
            token,
            auditId: globalId,
            subscribers,
            events,
            openAtOnce: 100,
            drainSeconds: 10,
            connectSeconds: CONNECT_SECONDS,
            progressFrom: PROGRESS_FROM,
            progressSpan: PROGRESS_SPAN,
          }),
        );
        const peer = spawn(process.execPath, [path.join('peers', 'subscribers.mjs'), config], {
          cwd: BENCH_DIR,
          stdio: ['pipe', 'pipe', 'inherit'],
        });
        const lines = createInterface({ input: peer.stdout })[Symbol.asyncIterator]();
        const nextLine = async () => {
          const { value, done } = await lines.next();
          if (done) throw new Error('the subscribers process ended early');
          return JSON.parse(value) as Record<string, unknown>;
        };
        const connected = (await nextLine()) as {
          connected: number;
          failed: number;
          firstError: string | null;
          seconds: number;
          deadline: boolean;
        };
        console.log(
          `  ${fmt(connected.connected)} subscribed in ${connected.seconds.toFixed(1)} s` +
            (connected.failed ? `, ${fmt(connected.failed)} failed: ${connected.firstError}` : '') +
            (connected.deadline ? ` (stopped opening at the ${CONNECT_SECONDS} s deadline)` : ''),
        );
        await new Promise((resolve) => setTimeout(resolve, 3000)); // idle, settled
        const after = targets.map((t) => rssKiB(t.child.pid!));
        const cpuBefore = targets.map((t) => cpuSeconds(t.child.pid!));
        const started = performance.now();
        for (let seq = 0; seq < events; seq++) {
          const due = started + (seq * 1000) / perSecond;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
          const sent = performance.timeOrigin + performance.now();
          // What publishProgress sends through graphql-redis-subscriptions: the event as JSON.
          await redis.publish(
            topic,
            JSON.stringify({
              auditId: audit.id,
              status: 'RUNNING',
              progress: PROGRESS_FROM + (PROGRESS_SPAN * seq) / events,
              stage: 'crawl',
              message: `bench:${seq}:${sent}`,
              // The subscribers check every event's content: its time is the publish time.
              at: new Date(sent).toISOString(),
            }),
          );
        }
        peer.stdin.write('report\n');
        const report = (await nextLine()) as {
          received: number;
          expected: number;
          lost: number;
          duplicates: number;
          wrong: number;
          outOfOrder: number;
          firstWrong: string | null;
          p50: number;
          p99: number;
          max: number;
        };
        const cpu = targets.reduce((sum, t, k) => sum + cpuSeconds(t.child.pid!) - cpuBefore[k]!, 0);
        await new Promise((resolve) => peer.once('exit', resolve));
        const grown = after.reduce((sum, kib, k) => sum + kib - before[k]!, 0);
        const result: FanOut = {
          processes,
          bare,
          connected: connected.connected,
          failed: connected.failed,
          firstError: connected.firstError,
          deadline: connected.deadline,
          connectSeconds: connected.seconds,
          kibPerConnection: connected.connected ? grown / connected.connected : 0,
          ...report,
          cpu,
        };
        results.push(result);
        console.log(
          `  received ${fmt(report.received)} of ${fmt(report.expected)} (lost ${fmt(report.lost)})` +
            `  p50 ${fmt(report.p50, 1)} ms  p99 ${fmt(report.p99, 1)} ms  max ${fmt(report.max, 1)} ms` +
            `  RSS ${before.map((kib) => fmt(kib / 1024)).join('+')} → ${after.map((kib) => fmt(kib / 1024)).join('+')} MiB` +
            `  server CPU ${cpu.toFixed(1)} s (${fmt(microsPerDelivery(cpu, report.received), 1)} µs per delivery)` +
            (report.wrong || report.outOfOrder
              ? `  ${fmt(report.wrong)} wrong, ${fmt(report.outOfOrder)} out of order: ${report.firstWrong ?? ''}`
              : ''),
        );
      } finally {
        for (const target of targets) await stopTarget(target);
      }
    }
  } finally {
    await db.query(
      `update audits a set status = s.status, progress = s.progress, stage = s.stage, message = s.message,
              finished_at = s.finished_at, updated_at = s.updated_at
         from jsonb_populate_record(null::audits, $2::jsonb) s where a.id = $1`,
      [audit.id, JSON.stringify(audit.saved)],
    );
    redis.disconnect();
    await db.end();
  }
  for (const r of results) {
    // The peer's figures are the floor to read the API's against: no targets of its own.
    const verdict = (met: boolean) => (r.bare ? '—' : met ? 'PASS' : 'FAIL');
    console.log(
      `\nauditProgress fan-out — ${fmt(subscribers)} subscribers (separate process) on ${fanOutServer(r)}, ` +
        `${events} events at ${perSecond}/s published to Redis`,
    );
    console.log(
      table(
        ['figure', 'measured', 'target', 'verdict'],
        [
          [
            'subscribers connected',
            `${fmt(r.connected)} of ${fmt(subscribers)} in ${r.connectSeconds.toFixed(1)} s` +
              (r.failed ? ` (${r.firstError?.slice(0, 60)})` : '') +
              (r.deadline ? ` (${CONNECT_SECONDS} s deadline)` : ''),
            fmt(subscribers),
            verdict(r.connected === subscribers),
          ],
          [
            'publish → receive p99',
            `${fmt(r.p99, 1)} ms (p50 ${fmt(r.p50, 1)}, max ${fmt(r.max, 1)})`,
            '< 100 ms',
            verdict(r.p99 < 100),
          ],
          [
            'lost events',
            `${fmt(r.lost)} of ${fmt(r.expected)}${r.duplicates ? `, ${fmt(r.duplicates)} duplicates` : ''}`,
            '0',
            verdict(r.lost === 0 && r.duplicates === 0),
          ],
          [
            'events in order, content as published',
            `${fmt(r.wrong)} wrong, ${fmt(r.outOfOrder)} out of order of ${fmt(r.received)}`,
            '0',
            verdict(r.wrong === 0 && r.outOfOrder === 0),
          ],
          [
            'memory per idle connection (Δ VmRSS / N)',
            `${fmt(r.kibPerConnection, 1)} KiB`,
            '< 40 KB',
            verdict(r.kibPerConnection * 1.024 < 40),
          ],
          ['server CPU while publishing', `${r.cpu.toFixed(1)} s over ${events / perSecond} s`, '—', '—'],
          ['server CPU per delivery', `${fmt(microsPerDelivery(r.cpu, r.received), 1)} µs`, '—', '—'],
        ],
      ),
    );
  }
  const floor = results.find((r) => r.bare);
  if (floor) {
    const perDelivery = (r: FanOut) => microsPerDelivery(r.cpu, r.received);
    console.log(
      `\nAgainst the bare ws peer on one process (p99 ${fmt(floor.p99, 1)} ms, ${fmt(perDelivery(floor), 1)} µs per delivery): ` +
        results
          .filter((r) => !r.bare)
          .map(
            (r) =>
              `${fanOutServer(r)} p99 ${times(r.p99, floor.p99)}, CPU per delivery ${times(perDelivery(r), perDelivery(floor))}`,
          )
          .join('; ') +
        '.',
    );
  }
}

function fanOutServer({ processes, bare }: Pick<FanOut, 'processes' | 'bare'>): string {
  if (bare) return 'the bare ws peer (one process)';
  return processes === 1 ? 'one API process' : `${processes} API processes through Redis`;
}

// ---------------------------------------------------------------------------------------------

let broken = false;
for (const bench of ['site-engine', 'parse-stall', 'startup']) {
  if (!ONLY.has(bench)) continue;
  console.log(`\n== ${bench} ==`);
  const code = await run(process.execPath, [fileURLToPath(new URL(`./${bench}.bench.js`, import.meta.url))]);
  if (code !== 0) {
    console.log(`${bench} bench exited with ${code}`);
    broken = true;
  }
}
const DATABASE_SCENARIOS: Array<[string, string, () => Promise<unknown>]> = [
  ['read', 'read path', readPath],
  ['create', 'createAudit', createAudits],
  ['subscribers', 'auditProgress subscribers', subscriberFanOut],
];
for (const [name, title, scenario] of DATABASE_SCENARIOS) {
  if (!ONLY.has(name)) continue;
  console.log(`\n== ${title} ==`);
  try {
    await scenario();
  } catch (error) {
    console.error(error);
    broken = true;
  }
}
// Missed targets are figures, not failures of the bench: only a broken run exits non-zero.
process.exit(broken ? 1 : 0);
