// API entry point: config → database (embedded when DATABASE_URL is unset) → HTTP server.
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { startBackend } from './backend.js';
import { openDatabase } from './infra/database.js';
import { createLogger } from './infra/logger.js';
import { buildServer } from './server/app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const database = await openDatabase(config, (line) =>
    logger.debug({ component: 'embedded-postgres' }, line),
  );
  logger.info(
    { embedded: database.embedded },
    database.embedded ? 'embedded PostgreSQL started' : 'database connected',
  );
  const backend = await startBackend(config, database, logger, { runWorker: config.worker.inProcess });
  const { app } = await buildServer({
    config,
    orm: database.orm,
    logger,
    services: backend.services,
    pubsub: backend.pubsub,
    metricsRegistry: backend.metricsRegistry,
    readinessChecks: backend.readinessChecks,
  });
  await app.listen({ port: config.port, host: config.host });
  logger.info(`GraphQL API and IDE on http://localhost:${config.port}/graphql`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const forceExit = setTimeout(() => process.exit(1), 30_000).unref();
    try {
      await app.close();
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
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error('Failed to start:', error);
  }
  process.exit(1);
});
