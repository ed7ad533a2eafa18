// API entry point: config → the app (embedded PostgreSQL when DATABASE_URL is unset) → listen.
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

const lifecycle = new Lifecycle();
lifecycle.installProcessHandlers();

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  lifecycle.useLogger(logger);
  lifecycle.setDeadline(config.shutdown.timeoutMs);
  const app = await createApp(config, {
    logger,
    api: true,
    runWorker: config.worker.inProcess,
    closers: lifecycle,
  });
  logger.info(
    { embedded: app.embeddedDatabase },
    app.embeddedDatabase ? 'embedded PostgreSQL started' : 'database connected',
  );
  if (lifecycle.isStopping || !app.server) return;
  await app.server.app.listen({ port: config.port, host: config.host });
  logger.info(`GraphQL API and IDE on http://localhost:${config.port}/graphql`);
  if (config.metrics.port) {
    // Metrics (and liveness) apart from the public port, for a scraper on a private network.
    const ops = await startOpsHttp(
      config.metrics.port,
      config.host,
      app.metricsRegistry,
      config.metrics.token,
    );
    lifecycle.onStop(() => ops.close(), 'metrics HTTP server');
    logger.info(`metrics on http://localhost:${config.metrics.port}/metrics`);
  }
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
