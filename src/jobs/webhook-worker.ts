// Delivers webhook events: one pg-boss job per attempt (the delivery schedules its own retries
// with backoff, so the log shows every attempt and the webhook can be disabled after failures).
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppLogger } from '../common/logger.js';
import type { WebhookService } from '../modules/webhooks/webhook.service.js';
import { reportingFailures } from './job-failures.js';
import { tracedJob } from './job-span.js';
import { WEBHOOK_QUEUE, type JobQueue, type WebhookJobData } from './queue.js';

export async function startWebhookWorker(
  queue: JobQueue,
  orm: MikroORM,
  webhooks: WebhookService,
  log: AppLogger,
): Promise<{ stop(): Promise<void> }> {
  const { boss } = queue;
  await boss.work<WebhookJobData>(
    WEBHOOK_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    tracedJob(
      WEBHOOK_QUEUE,
      reportingFailures(WEBHOOK_QUEUE, log, async ([job]) => {
        if (job) await webhooks.attempt(orm.em.fork(), job.data.deliveryId);
      }),
    ),
  );
  return { stop: () => boss.offWork(WEBHOOK_QUEUE) };
}
