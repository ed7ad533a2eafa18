// The composition root: config → infra → services → schema → server, in one place. The API
// (main.ts), the standalone worker (worker.ts), the tests and the benchmarks all build the app
// here, so they run the same wiring. Nothing listens here: callers decide the port.
import { setTimeout as sleep } from 'node:timers/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Registry } from 'prom-client';
import { createAnalysisPool } from './audit-engine/site/analysis-pool.js';
import type { AppLogger } from './common/logger.js';
import type { Config } from './config.js';
import { openDatabase } from './infra/database.js';
import { Closers, type StopRegistry } from './infra/lifecycle.js';
import { createMetricsRegistry, registerPoolMetrics, registerRedisMetrics } from './infra/metrics.js';
import { createPubSub, type PubSub } from './infra/pubsub.js';
import { createRedisClient, isRedisReady, whenRedisReady } from './infra/redis.js';
import { createRateLimitStore } from './infra/rate-limit/index.js';
import { AuditWorker } from './jobs/audit-worker.js';
import { registerQueueMetrics } from './jobs/queue-metrics.js';
import { startMailWorker } from './jobs/mail-worker.js';
import { JobQueue } from './jobs/queue.js';
import { startProjectScheduler } from './jobs/project-scheduler.js';
import { startWebhookWorker } from './jobs/webhook-worker.js';
import { startAuditEndedSweep } from './jobs/audit-ended-sweep.js';
import { startSecurityLogRetention } from './jobs/security-log-retention.js';
import { DatabaseAnswerCache } from './modules/audits/answer-cache.js';
import { createAuditEngines } from './modules/audits/audit-engines.js';
import { AuditLifecycle } from './modules/audits/audit-lifecycle.js';
import { AuditMetrics } from './modules/audits/audit-metrics.js';
import { AuditRunner } from './modules/audits/audit-runner.js';
import { ENTITIES } from './modules/index.js';
import { createServices, type Services } from './modules/services.js';
import { buildServer, type AppServer } from './server/app.js';

/** How long start-up waits for Redis before starting degraded. */
const REDIS_START_WAIT_MS = 3_000;

export interface AppOptions {
  logger: AppLogger;
  /** Run audits in this process. */
  runWorker: boolean;
  /** Build the API's HTTP and WebSocket server (a standalone worker has none). */
  api: boolean;
  /** An ORM over an already migrated database (tests, benchmarks); default: opened from config. */
  database?: { orm: MikroORM; url: string };
  /**
   * Where the app registers its close, before opening anything (the process lifecycle, so that
   * a signal during start-up closes what is already open, and what opens after it).
   */
  closers?: StopRegistry;
}

export interface App {
  config: Config;
  orm: MikroORM;
  databaseUrl: string;
  /** True when this process started the embedded PostgreSQL. */
  embeddedDatabase: boolean;
  pubsub: PubSub;
  queue: JobQueue;
  services: Services;
  /** The one owner of audits' state (the worker and the services end audits through it). */
  lifecycle: AuditLifecycle;
  worker: AuditWorker | undefined;
  /** This process's Prometheus metrics (served by the API's /metrics or the worker's port). */
  metricsRegistry: Registry;
  server: AppServer | undefined;
  /**
   * Closes in reverse order of opening: the HTTP server, the worker (running audits go back to
   * the queue), the queue, pub/sub and Redis, the database when it was opened here.
   */
  close(): Promise<void>;
}

export async function createApp(config: Config, options: AppOptions): Promise<App> {
  // Everything opened here closes with the app; a process lifecycle closes the app as one piece.
  const closers = new Closers();
  options.closers?.onStop(
    () => closers.close(),
    () => closers.stillOpen().join('; '),
  );
  const { logger } = options;
  try {
    const database = options.database
      ? { ...options.database, embedded: false }
      : await openDatabase({ ...config, entities: ENTITIES }, (line) =>
          logger.debug({ component: 'embedded-postgres' }, line),
        );
    if ('close' in database) closers.onStop(() => database.close(), 'database');

    const metricsRegistry = createMetricsRegistry();
    const pubsub = createPubSub(config.redisUrl, logger);
    closers.onStop(() => pubsub.close(), 'pub/sub');
    // Rate-limit counters live in Redis when there is one, so every replica shares them.
    const redis = config.redisUrl ? createRedisClient(config.redisUrl, 'aeo-commands', logger) : undefined;
    if (redis) closers.onStop(() => redis.disconnect(), 'Redis');
    // Starts without Redis too (degraded: per-process limits, progress from the database).
    const redisReady = await Promise.all([
      pubsub.whenReady(REDIS_START_WAIT_MS),
      redis && whenRedisReady(redis, REDIS_START_WAIT_MS),
    ]);
    if (redisReady.includes(false)) logger.warn('Redis is unreachable: starting degraded');
    const queue = await JobQueue.start(database.url, config.worker, logger);
    closers.onStop(() => queue.stop(), 'job queue');
    // Connection pools and Redis connections, read when /metrics is scraped.
    const queuePool = queue.pool();
    registerPoolMetrics(metricsRegistry, {
      orm: await database.orm.em.getConnection().getNativeClient(),
      ...(queuePool ? { queue: queuePool } : {}),
    });
    if (redis) {
      registerRedisMetrics(metricsRegistry, {
        commands: { up: () => isRedisReady(redis), pending: () => redis.commandQueue.length },
        pubsub: { up: () => pubsub.healthy() },
      });
    }

    const lifecycle = new AuditLifecycle(queue, pubsub, logger);
    const services = createServices({
      config,
      lifecycle,
      mailQueue: queue,
      webhookQueue: queue,
      pubsub,
      rateLimits: createRateLimitStore(
        redis,
        {
          prefix: config.rateLimitKeyPrefix,
          maxLease: config.rateLimitLease.max,
          holdMs: config.rateLimitLease.holdMs,
        },
        metricsRegistry,
      ),
      log: logger,
      metrics: metricsRegistry,
    });

    closers.onStop(() => services.webhooks.close());
    // After the server (its streams end with it), before the database: no re-check runs late.
    closers.onStop(() => services.audits.closeStreams());
    let worker: AuditWorker | undefined;
    if (options.runWorker) {
      // Pages are parsed in worker threads; closed once the audit worker has stopped.
      const analysis = createAnalysisPool();
      closers.onStop(() => analysis.close());
      const runner = new AuditRunner({
        orm: database.orm,
        lifecycle,
        // Answers are reused by every worker for the configured time: reruns do not pay twice.
        engines: createAuditEngines(config, new DatabaseAnswerCache(database.orm), analysis),
        log: logger,
        metrics: new AuditMetrics(metricsRegistry),
      });
      worker = new AuditWorker(queue, runner, config.worker.concurrency);
      // The backlog is the workers' figure: API-only replicas do not query the queue per scrape.
      registerQueueMetrics(metricsRegistry, queue);
      const retention = await startSecurityLogRetention(
        queue,
        database.orm,
        config.securityLogRetentionDays,
        logger,
      );
      closers.onStop(() => retention.stop());
      const mailWorker = await startMailWorker(queue, database.orm, services.mail, services.recovery, logger);
      closers.onStop(() => mailWorker.stop());
      const scheduler = await startProjectScheduler(queue, database.orm, services.projects, logger);
      closers.onStop(() => scheduler.stop());
      const webhookWorker = await startWebhookWorker(queue, database.orm, services.webhooks, logger);
      closers.onStop(() => webhookWorker.stop());
      const sweep = await startAuditEndedSweep(
        queue,
        database.orm,
        lifecycle,
        [(em) => services.outcomes.missed(em), (em) => services.webhooks.missed(em)],
        logger,
      );
      closers.onStop(() => sweep.stop());
      await worker.start();
      // Stopped after the HTTP server: running audits return to the queue at their next checkpoint.
      closers.onStop(() => worker?.stop(), 'audit worker (running audits go back to the queue)');
    }

    let server: AppServer | undefined;
    if (options.api) {
      server = await buildServer({
        config,
        orm: database.orm,
        logger,
        services,
        pubsub,
        metricsRegistry,
        redis,
        readinessChecks: redis
          ? {
              redis: async () => {
                await Promise.all([pubsub.ping(), redis.ping()]);
              },
            }
          : {},
      });
      const { app, drain, describeOpen } = server;
      // Readiness off at once; still serving for the drain, then Fastify's close: no new
      // connections, in-flight requests answered, WebSockets closed with 1001 (docs/deployment.md).
      closers.onStop(
        async () => {
          drain.begin();
          if (config.shutdown.drainMs) await sleep(config.shutdown.drainMs);
          // In-flight requests get half of what is left of the deadline; then their connections
          // are cut, so that the worker hands its audits back and the pools close in time.
          const cutOff = setTimeout(
            () => {
              logger.warn({ open: describeOpen() }, 'requests still in flight at the HTTP close limit: cut');
              app.server.closeAllConnections();
            },
            (config.shutdown.timeoutMs - config.shutdown.drainMs) / 2,
          );
          try {
            await app.close();
          } finally {
            clearTimeout(cutOff);
          }
        },
        () => `HTTP server (${describeOpen()})`,
      );
    }

    return {
      config,
      orm: database.orm,
      databaseUrl: database.url,
      embeddedDatabase: database.embedded,
      pubsub,
      queue,
      services,
      lifecycle,
      worker,
      metricsRegistry,
      server,
      close: () => closers.close(),
    };
  } catch (error) {
    await closers.close().catch(() => undefined);
    throw error;
  }
}
