// Standalone worker: runs audits only (no HTTP). Needs the shared PostgreSQL and Redis, so
// that API replicas see its progress; `npm start` runs a worker in-process instead.
import 'reflect-metadata';
import type { Server } from 'node:http';
import { startBackend, type Backend } from './backend.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, type Database } from './infra/database.js';
import { createLogger } from './infra/logger.js';
import { startWorkerHttp } from './jobs/worker-http.js';

let database: Database | undefined;
let backend: Backend | undefined;
let http: Server | undefined;
let stopping = false;

/** SIGTERM: stop taking jobs; running audits stop at their next checkpoint and return to the queue. */
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const forceExit = setTimeout(() => process.exit(1), 30_000).unref();
  try {
    http?.close();
    await backend?.close();
    await database?.close();
    clearTimeout(forceExit);
    process.exit(0);
  } catch (error) {
    console.error(`error while stopping after ${signal}:`, error);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  // Installed first: a signal during start-up also ends cleanly.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is required for a standalone worker (it must share the API database)',
    );
  }
  if (!config.redisUrl) {
    throw new ConfigError(
      'REDIS_URL is required for a standalone worker (progress reaches API replicas through Redis)',
    );
  }
  const logger = createLogger(config).child({ role: 'worker' });
  database = await openDatabase(config);
  if (stopping) return;
  backend = await startBackend(config, database, logger, { runWorker: true });
  if (config.worker.httpPort) {
    http = await startWorkerHttp(config.worker.httpPort, config.host, backend.metricsRegistry);
  }
  logger.info(
    { concurrency: config.worker.concurrency, httpPort: config.worker.httpPort || null },
    'worker started',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
