// What the API and the standalone worker share: pub/sub, the job queue, the services and,
// where this process runs audits, the worker.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config.js';
import type { AppLogger } from './infra/logger.js';
import { createPubSub, createRedisClient, type PubSub } from './infra/pubsub.js';
import { createRateLimitStore } from './infra/rate-limit/index.js';
import { DatabaseAnswerCache } from './jobs/answer-cache.js';
import { createAuditEngines } from './jobs/audit-engines.js';
import { AuditMetrics } from './jobs/audit-metrics.js';
import { createMetricsRegistry } from './infra/metrics.js';
import type { Registry } from 'prom-client';
import { AuditWorker } from './jobs/audit-worker.js';
import { JobQueue } from './jobs/queue.js';
import type { ReadinessCheck } from './server/health.js';
import { createServices, type Services } from './services.js';

export interface Backend {
  pubsub: PubSub;
  queue: JobQueue;
  services: Services;
  worker: AuditWorker | undefined;
  readinessChecks: Record<string, ReadinessCheck>;
  /** This process's Prometheus metrics (served by the API's /metrics or the worker's port). */
  metricsRegistry: Registry;
  /** Stops the worker first (running audits go back to the queue), then the queue and pub/sub. */
  close(): Promise<void>;
}

export async function startBackend(
  config: Config,
  database: { orm: MikroORM; url: string },
  logger: AppLogger,
  options: { runWorker: boolean },
): Promise<Backend> {
  const pubsub = createPubSub(config.redisUrl);
  // Rate-limit counters live in Redis when there is one, so every replica shares them.
  const redis = config.redisUrl ? createRedisClient(config.redisUrl, 'aeo-commands') : undefined;
  const queue = await JobQueue.start(database.url, config.worker, logger);
  const metricsRegistry = createMetricsRegistry();
  const services = createServices({
    config,
    queue,
    pubsub,
    rateLimits: createRateLimitStore(redis, { prefix: config.rateLimitKeyPrefix }),
  });
  const worker = options.runWorker
    ? new AuditWorker({
        orm: database.orm,
        queue,
        pubsub,
        // Answers are reused by every worker for the configured time: reruns do not pay twice.
        engines: createAuditEngines(config, new DatabaseAnswerCache(database.orm)),
        log: logger,
        config: config.worker,
        metrics: new AuditMetrics(metricsRegistry, queue),
      })
    : undefined;
  await worker?.start();
  return {
    pubsub,
    queue,
    services,
    worker,
    readinessChecks: config.redisUrl ? { redis: () => pubsub.ping() } : {},
    metricsRegistry,
    async close() {
      await worker?.stop();
      await queue.stop();
      await pubsub.close();
      redis?.disconnect();
    },
  };
}
