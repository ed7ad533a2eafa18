// API throughput: the audits dashboard query (audits with owner and first findings) against a
// real server and database, plus the SQL statements per request for 5 vs 100 audits (the
// DataLoader batching ratio, 1.00 when batching holds).
// Run: npm run bench (uses DATABASE_URL when set, else a throw-away embedded PostgreSQL).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ormOptions } from '../src/infra/database.js';
import { startEmbeddedPostgres } from '../src/infra/embedded-postgres.js';
import { createLogger } from '../src/infra/logger.js';
import { createTemporaryDatabase } from '../src/infra/temporary-database.js';
import { Audit, AuditKind, AuditStatus } from '../src/modules/audits/audit.entity.js';
import { Finding, Severity } from '../src/modules/audits/finding.entity.js';
import { ENTITIES } from '../src/modules/index.js';
import { Workspace } from '../src/modules/workspaces/workspace.entity.js';

const AUDITS = 200;
const FINDINGS_PER_AUDIT = 10;
const REQUESTS = 300;
const CONCURRENCY = 8;
const QUERY = `query Dashboard($n: Int) { audits(first: $n) { totalCount edges { node { id url score grade
  owner { email } findings(first: 5) { totalCount edges { node { title severity } } } } } } }`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const embeddedDir = `.data/bench-postgres-${process.pid}`;
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dir: embeddedDir, port: await freePort(), persistent: false });
  const database = await createTemporaryDatabase(process.env.DATABASE_URL ?? embedded!.url, 'aeo_bench');
  let statements = 0;
  const orm = await MikroORM.init(
    ormOptions(database.url, { entities: ENTITIES, onQuery: () => statements++ }),
  );
  await orm.migrator.up();
  const config = loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET: randomUUID() + randomUUID(),
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    WORKER_IN_PROCESS: 'false',
    // Measure the server, not the per-caller budget.
    RATE_LIMIT_DEFAULT_PER_MINUTE: '1000000',
    HTTP_BUDGET_PER_MINUTE: '1000000',
  });
  const composed = await createApp(config, {
    logger: createLogger({ level: config.logLevel }),
    api: true,
    runWorker: false,
    database: { orm, url: database.url },
  });
  const { app } = composed.server!;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  const post = async (body: object, token?: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as {
      data?: { register: { accessToken: string; user: { id: string } } };
      errors?: unknown[];
    };
  };

  try {
    const registered = await post({
      query:
        'mutation { register(input: { email: "bench@example.com", password: "benchmark passphrase" }) { accessToken user { id } } }',
    });
    const token = registered.data!.register.accessToken;
    const ownerId = Buffer.from(registered.data!.register.user.id, 'base64url').toString().split(':')[1]!;
    const em = orm.em.fork();
    const workspace = (await em.findOneOrFail(Workspace, { personalOwner: ownerId })).id;
    const audits = Array.from({ length: AUDITS }, (_, i) => ({
      id: randomUUID(),
      owner: ownerId,
      workspace,
      kind: AuditKind.SITE,
      url: `https://site${i}.example/`,
      input: { url: `https://site${i}.example/` },
      status: AuditStatus.SUCCEEDED,
      progress: 1,
      score: (i * 37) % 101,
      grade: 'C',
      categories: [],
      attempts: 1,
      createdAt: new Date(Date.now() - i * 1000),
      updatedAt: new Date(),
    }));
    await em.insertMany(Audit, audits);
    await em.insertMany(
      Finding,
      audits.flatMap((audit) =>
        Array.from({ length: FINDINGS_PER_AUDIT }, (_, rank) => ({
          id: randomUUID(),
          audit: audit.id,
          rank,
          checkId: `check.${rank}`,
          category: 'basics',
          severity: Severity.MEDIUM,
          title: `Finding ${rank}`,
          detail: 'detail',
          recommendation: 'fix',
          urls: [audit.url],
          pointsLost: FINDINGS_PER_AUDIT - rank,
        })),
      ),
    );

    const statementsFor = async (n: number) => {
      statements = 0;
      const result = await post({ query: QUERY, variables: { n } }, token);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return statements;
    };
    const small = await statementsFor(5);
    const large = await statementsFor(100);

    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < REQUESTS) {
          const t0 = performance.now();
          const result = await post({ query: QUERY, variables: { n: 20 } }, token);
          if (result.errors) throw new Error(JSON.stringify(result.errors));
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `API dashboard query (20 audits × owner + 5 findings), ${REQUESTS} requests, concurrency ${CONCURRENCY}`,
    );
    console.log(`  throughput        ${(REQUESTS / seconds).toFixed(1)} requests/s`);
    console.log(
      `  latency p50/p95   ${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} ms`,
    );
    console.log(
      `  SQL statements    ${small} for 5 audits, ${large} for 100 audits (ratio ${(large / small).toFixed(2)})`,
    );
  } finally {
    await composed.close();
    await orm.close(true);
    await database.drop();
    await embedded?.stop();
    await rm(embeddedDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
