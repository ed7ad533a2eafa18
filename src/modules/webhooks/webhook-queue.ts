// What the webhooks module needs of the job queue, as a port: jobs/queue.ts implements it.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface WebhookQueue {
  /** An attempt of the delivery: in `em`'s transaction when it has one, else after `delaySeconds`. */
  enqueueWebhook(em: EntityManager | null, deliveryId: string, delaySeconds?: number): Promise<void>;
}
