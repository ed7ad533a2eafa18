// API entry point: config → database (embedded when DATABASE_URL is unset) → HTTP server.
import 'reflect-metadata';
import { startBackend } from './backend.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './infra/database.js';
import { Lifecycle } from './infra/lifecycle.js';
import { createLogger } from './infra/logger.js';
import { buildServer } from './server/app.js';

const lifecycle = new Lifecycle();
lifecycle.installProcessHandlers();

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  lifecycle.useLogger(logger);
  const database = await openDatabase(config, (line) =>
    logger.debug({ component: 'embedded-postgres' }, line),
  );
  lifecycle.onStop(() => database.close());
  logger.info(
    { embedded: database.embedded },
    database.embedded ? 'embedded PostgreSQL started' : 'database connected',
  );
  const backend = await startBackend(config, database, logger, { runWorker: config.worker.inProcess });
  // Stopped after the HTTP server: running audits return to the queue at their next checkpoint.
  lifecycle.onStop(() => backend.close());
  const { app } = await buildServer({
    config,
    orm: database.orm,
    logger,
    services: backend.services,
    pubsub: backend.pubsub,
    metricsRegistry: backend.metricsRegistry,
    readinessChecks: backend.readinessChecks,
  });
  lifecycle.onStop(() => app.close());
  if (lifecycle.isStopping) return;
  await app.listen({ port: config.port, host: config.host });
  logger.info(`GraphQL API and IDE on http://localhost:${config.port}/graphql`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else console.error('Failed to start:', error);
  void lifecycle.stop('start-up failed', 1);
});
