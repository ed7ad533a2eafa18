// The durable job queue: pg-boss in the application's own PostgreSQL. Jobs are inserted in the
// caller's transaction, so an audit row never exists without its job or the other way round.
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Transaction } from 'kysely';
import { PgBoss } from 'pg-boss';
import type { Config } from '../config.js';
import type { AppLogger } from '../common/logger.js';
import type { PoolStats } from '../infra/metrics.js';

export const AUDIT_QUEUE = 'audit-run';
/** Jobs whose retries ran out (a worker died every time) land here, to be marked FAILED. */
export const AUDIT_DEAD_LETTER_QUEUE = 'audit-run-dead';

export interface AuditJobData {
  auditId: string;
}

export const MAIL_QUEUE = 'mail-send';
/** Messages whose retries ran out: marked FAILED in the outbox. */
export const MAIL_DEAD_LETTER_QUEUE = 'mail-send-dead';

export interface MailJobData {
  messageId: string;
}

/** A password reset request, handled off the request so that its answer takes the same time for any address. */
export const PASSWORD_RESET_QUEUE = 'password-reset-request';

/** One attempt of a webhook delivery; retries are scheduled by the delivery itself (with backoff). */
export const WEBHOOK_QUEUE = 'webhook-delivery';

export interface WebhookJobData {
  deliveryId: string;
}

export interface PasswordResetJobData {
  email: string;
  origin: { ip: string | null; userAgent: string | null; requestId: string | null };
}

/** SMTP outages are retried with backoff for about an hour (5 s doubling, 10 attempts). */
const MAIL_QUEUE_OPTIONS = {
  retryLimit: 10,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 900,
  expireInSeconds: 120,
  deadLetter: MAIL_DEAD_LETTER_QUEUE,
};

export class JobQueue {
  private constructor(readonly boss: PgBoss) {}

  static async start(databaseUrl: string, config: Config['worker'], log: AppLogger): Promise<JobQueue> {
    const boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      superviseIntervalSeconds: config.superviseIntervalSeconds,
      monitorIntervalSeconds: config.superviseIntervalSeconds,
      max: 4,
    });
    boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
    await boss.start();
    const options = {
      retryLimit: config.retryLimit,
      retryDelay: config.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: config.expireSeconds,
      heartbeatSeconds: config.heartbeatSeconds,
      deadLetter: AUDIT_DEAD_LETTER_QUEUE,
    };
    await boss.createQueue(AUDIT_DEAD_LETTER_QUEUE);
    await boss.createQueue(AUDIT_QUEUE, options);
    // createQueue keeps an existing queue as it is: apply the current settings explicitly.
    const { deadLetter: _deadLetter, ...updatable } = options;
    await boss.updateQueue(AUDIT_QUEUE, updatable);
    await boss.createQueue(MAIL_DEAD_LETTER_QUEUE);
    await boss.createQueue(MAIL_QUEUE, MAIL_QUEUE_OPTIONS);
    await boss.createQueue(PASSWORD_RESET_QUEUE, { retryLimit: 3, retryDelay: 5, retryBackoff: true });
    // A crashed attempt is tried again by pg-boss; failed answers are retried by the delivery.
    await boss.createQueue(WEBHOOK_QUEUE, { retryLimit: 2, retryDelay: 30, expireInSeconds: 60 });
    return new JobQueue(boss);
  }

  /** Enqueues the audit's job inside `em`'s current transaction (as `jobId` when given); returns the job id. */
  enqueueAudit(em: EntityManager, auditId: string, jobId?: string): Promise<string> {
    return this.sendInTransaction(em, AUDIT_QUEUE, { auditId } satisfies AuditJobData, jobId);
  }

  /** Enqueues delivery of an outbox message inside `em`'s current transaction. */
  async enqueueMail(em: EntityManager, messageId: string): Promise<void> {
    await this.sendInTransaction(em, MAIL_QUEUE, { messageId } satisfies MailJobData);
  }

  /**
   * Enqueues an attempt of a webhook delivery: inside `em`'s transaction when it has one (the
   * delivery row and its job commit together), after `delaySeconds` for a retry.
   */
  async enqueueWebhook(em: EntityManager | null, deliveryId: string, delaySeconds = 0): Promise<void> {
    const data = { deliveryId } satisfies WebhookJobData;
    if (em?.getTransactionContext()) await this.sendInTransaction(em, WEBHOOK_QUEUE, data);
    else await this.boss.send(WEBHOOK_QUEUE, data, { startAfter: delaySeconds });
  }

  /** Enqueues a password reset request (its own transaction: there is nothing to join). */
  async enqueuePasswordReset(data: PasswordResetJobData): Promise<void> {
    await this.boss.send(PASSWORD_RESET_QUEUE, data);
  }

  private async sendInTransaction(
    em: EntityManager,
    queue: string,
    data: object,
    id?: string,
  ): Promise<string> {
    const transaction = em.getTransactionContext<Transaction<unknown>>();
    if (!transaction) throw new Error(`jobs of ${queue} must be enqueued inside a transaction`);
    // pg-boss speaks `$1` placeholders: run its SQL natively on our transaction's connection
    // (`send` inserts the job with one statement through the `db` it is given).
    const sent = await this.boss.send(queue, data, {
      ...(id ? { id } : {}),
      db: {
        executeSql: async (text: string, values?: unknown[]) => {
          const result = await transaction.executeQuery(CompiledQuery.raw(text, values ?? []));
          return { rows: result.rows };
        },
      },
    });
    if (!sent) throw new Error(`the job queue did not accept the ${queue} job`);
    return sent;
  }

  /** pg-boss's own connection pool (a pg.Pool inside its database), for metrics; undefined if it is not one. */
  pool(): PoolStats | undefined {
    const pool = (this.boss.getDb() as { pool?: Partial<PoolStats> }).pool;
    return typeof pool?.totalCount === 'number' ? (pool as PoolStats) : undefined;
  }

  async cancelJob(jobId: string): Promise<void> {
    await this.boss.cancel(AUDIT_QUEUE, jobId);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5_000 });
  }
}
