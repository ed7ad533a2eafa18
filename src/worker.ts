// Standalone worker: runs audits only (no HTTP). Needs the shared PostgreSQL and Redis, so
// that API replicas see its progress; `npm start` runs a worker in-process instead.
import 'reflect-metadata';
import { startBackend } from './backend.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './infra/database.js';
import { createLogger } from './infra/logger.js';

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
  const logger = createLogger(config).child({ role: 'worker' });
  const database = await openDatabase(config);
  const backend = await startBackend(config, database, logger, { runWorker: true });
  logger.info({ concurrency: config.worker.concurrency }, 'worker started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping: running audits return to the queue');
    const forceExit = setTimeout(() => process.exit(1), 30_000).unref();
    try {
      await backend.close();
      await database.close();
      clearTimeout(forceExit);
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
