// `npm start` to ready on the embedded database (issue 14: < 3 s warm). With no DATABASE_URL and
// no REDIS_URL (the zero-services default), the built start command — `npm start` minus its
// `prestart` build — is spawned BENCH_STARTUP_RUNS times (default 4) on a scratch data directory
// (EMBEDDED_POSTGRES_DIR under .data/bench/, removed first): the first run is cold (initdb and
// every migration), the others warm. Each is timed from spawn until GET /readyz answers 200,
// then sent SIGTERM and timed until it exits.
// Run: npm run build && node dist/bench/startup.bench.js
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiStartArgs } from './start-command.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT_DIR = path.join(ROOT, '.data', 'bench');
const DATA_DIR = path.join(OUT_DIR, 'startup-postgres');
const TARGET_MS = 3000;
const RUNS = Math.max(2, Number(process.env.BENCH_STARTUP_RUNS ?? 4) || 4);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function once(run: number): Promise<{ readyMs: number; stopMs: number; code: number | null }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATABASE_URL_FILE', 'REDIS_URL', 'REDIS_URL_FILE', 'NODE_ENV'])
    delete env[name];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDED_POSTGRES_DIR: DATA_DIR,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    JWT_SECRET: randomBytes(48).toString('base64url'),
    LOG_LEVEL: 'info',
  });
  const log = path.join(OUT_DIR, `startup-${run}.log`);
  const fd = openSync(log, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, apiStartArgs(ROOT), { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  let exited: number | null | undefined;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve(code);
    }),
  );
  let readyMs: number;
  for (;;) {
    if (exited !== undefined) throw new Error(`the API exited with ${exited} while starting; see ${log}`);
    if (performance.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`the API was not ready within 120 s; see ${log}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      await response.arrayBuffer();
      if (response.status === 200) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const stopping = performance.now();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await exit;
  clearTimeout(timer);
  return { readyMs, stopMs: performance.now() - stopping, code };
}

await mkdir(OUT_DIR, { recursive: true });
await rm(DATA_DIR, { recursive: true, force: true });
await rm(`${DATA_DIR}.jwt-secret`, { force: true });
const warm: number[] = [];
for (let run = 1; run <= RUNS; run++) {
  const { readyMs, stopMs, code } = await once(run);
  if (run > 1) warm.push(readyMs);
  console.log(
    `run ${run} (${run === 1 ? 'cold: initdb + migrations' : 'warm'})`.padEnd(36) +
      `ready in ${(readyMs / 1000).toFixed(2)} s, stopped in ${(stopMs / 1000).toFixed(2)} s (exit ${code})`,
  );
}
const sorted = [...warm].sort((a, b) => a - b);
const middle = Math.floor(sorted.length / 2);
const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
console.log(
  `start to ready on the embedded database, warm (median of ${warm.length}): ${(median / 1000).toFixed(2)} s ` +
    `(target < ${TARGET_MS / 1000} s: ${median < TARGET_MS ? 'PASS' : 'FAIL'})`,
);
await rm(DATA_DIR, { recursive: true, force: true });
await rm(`${DATA_DIR}.jwt-secret`, { force: true });
