// What the mail module needs of the job queue, as a port: jobs/queue.ts implements it.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface MailQueue {
  /** Enqueues delivery of the outbox message inside `em`'s current transaction. */
  enqueueMail(em: EntityManager, messageId: string): Promise<void>;
  /** Enqueues a password reset request, handled by AccountRecoveryService.processPasswordReset. */
  enqueuePasswordReset(data: {
    email: string;
    origin: { ip: string | null; userAgent: string | null; requestId: string | null };
  }): Promise<void>;
}
