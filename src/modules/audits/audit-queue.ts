// What the audits module needs of the job queue, as a port: jobs/queue.ts implements it, so
// this module never imports the queue wiring.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface AuditQueue {
  /**
   * Enqueues the audit's job inside `em`'s current transaction; returns the job id (`jobId`
   * when given: the audit row can then name its job before the job exists).
   */
  enqueueAudit(em: EntityManager, auditId: string, jobId?: string): Promise<string>;
  cancelJob(jobId: string): Promise<void>;
}
