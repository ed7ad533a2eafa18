// Delivers outbox messages: one pg-boss job per message, retried with backoff while SMTP fails;
// the dead-letter job marks a message FAILED once its retries ran out. Also handles password
// reset requests, which become outbox messages only for existing accounts.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppLogger } from '../common/logger.js';
import type { AccountRecoveryService } from '../modules/auth/account-recovery.service.js';
import type { MailService } from '../modules/mail/mail.service.js';
import { reportingFailures } from './job-failures.js';
import { tracedJob } from './job-span.js';
import {
  MAIL_DEAD_LETTER_QUEUE,
  MAIL_QUEUE,
  PASSWORD_RESET_QUEUE,
  type JobQueue,
  type MailJobData,
  type PasswordResetJobData,
} from './queue.js';

export async function startMailWorker(
  queue: JobQueue,
  orm: MikroORM,
  mail: MailService,
  recovery: AccountRecoveryService,
  log: AppLogger,
): Promise<{ stop(): Promise<void> }> {
  const { boss } = queue;
  await boss.work<PasswordResetJobData>(
    PASSWORD_RESET_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    tracedJob(
      PASSWORD_RESET_QUEUE,
      reportingFailures(PASSWORD_RESET_QUEUE, log, async ([job]) => {
        if (job) await recovery.processPasswordReset(orm.em.fork(), job.data.email, job.data.origin);
      }),
    ),
  );
  await boss.work<MailJobData>(
    MAIL_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    tracedJob(
      MAIL_QUEUE,
      reportingFailures(MAIL_QUEUE, log, async ([job]) => {
        if (job) await mail.deliver(orm.em.fork(), job.data.messageId, log);
      }),
    ),
  );
  await boss.work<MailJobData>(
    MAIL_DEAD_LETTER_QUEUE,
    { batchSize: 1 },
    tracedJob(
      MAIL_DEAD_LETTER_QUEUE,
      reportingFailures(MAIL_DEAD_LETTER_QUEUE, log, async ([job]) => {
        if (job) await mail.abandon(orm.em.fork(), job.data.messageId, log);
      }),
    ),
  );
  return {
    async stop() {
      await boss.offWork(PASSWORD_RESET_QUEUE);
      await boss.offWork(MAIL_QUEUE);
      await boss.offWork(MAIL_DEAD_LETTER_QUEUE);
      mail.close();
    },
  };
}
