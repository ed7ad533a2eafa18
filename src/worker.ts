// Standalone worker: runs audits only (no GraphQL). Needs the shared PostgreSQL and Redis, so
// that API replicas see its progress; `npm start` runs a worker in-process instead.
// First: a clear message on a Node.js too old to run the rest (scripts/check-node-version.cjs).
import '#node-version-check';
import 'reflect-metadata';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DatabaseMissingError } from './infra/database.js';
import { EmbeddedPostgresError } from './infra/embedded-postgres.js';
import { describeFailure, Lifecycle } from './infra/lifecycle.js';
import { createLogger } from './infra/logger.js';
import { startOpsHttp } from './server/ops-http.js';

// Installed first: a signal during start-up also ends cleanly. On SIGTERM the worker stops
// taking jobs; running audits stop at their next checkpoint and return to the queue.
const lifecycle = new Lifecycle();
lifecycle.installProcessHandlers();

async function main(): Promise<void> {
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
  const logger = createLogger({ level: config.logLevel }).child({ role: 'worker' });
  lifecycle.useLogger(logger);
  lifecycle.setDeadline(config.shutdown.timeoutMs);
  const app = await createApp(config, { logger, api: false, runWorker: true, closers: lifecycle });
  if (lifecycle.isStopping) return;
  if (config.worker.httpPort) {
    const http = await startOpsHttp(
      config.worker.httpPort,
      config.host,
      app.metricsRegistry,
      config.metrics.token,
    );
    lifecycle.onStop(() => http.close(), 'worker HTTP server');
  }
  logger.info(
    { concurrency: config.worker.concurrency, httpPort: config.worker.httpPort || null },
    'worker started',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else console.error(`Failed to start: ${describeFailure(error, { stack: !explainsItself(error) })}`);
  void lifecycle.stop('start-up failed', 1);
});

/** Failures whose message says what is wrong and what to do: no stack trace needed. */
function explainsItself(error: unknown): boolean {
  return error instanceof DatabaseMissingError || error instanceof EmbeddedPostgresError;
}
