// The security log's retention: a daily pg-boss schedule (one run per tick across every worker
// process, kept in PostgreSQL) that deletes events older than SECURITY_LOG_RETENTION_DAYS.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppLogger } from '../common/logger.js';
import { deleteSecurityEventsBefore } from '../modules/security/security-log.js';
import { reportingFailures } from './job-failures.js';
import { tracedJob } from './job-span.js';
import type { JobQueue } from './queue.js';

export const SECURITY_LOG_RETENTION_QUEUE = 'security-log-retention';
/** Every day at 03:17 UTC, off the hour most schedules pick. */
const SCHEDULE = '17 3 * * *';
const DAY_MS = 24 * 3600 * 1000;

/** Schedules the retention (0 days: keep forever, and drop the schedule) and works its jobs. */
export async function startSecurityLogRetention(
  queue: JobQueue,
  orm: MikroORM,
  retentionDays: number,
  log: AppLogger,
): Promise<{ stop(): Promise<void> }> {
  const { boss } = queue;
  await boss.createQueue(SECURITY_LOG_RETENTION_QUEUE);
  if (!retentionDays) {
    await boss.unschedule(SECURITY_LOG_RETENTION_QUEUE);
    return { stop: async () => undefined };
  }
  await boss.schedule(SECURITY_LOG_RETENTION_QUEUE, SCHEDULE, null, { tz: 'UTC' });
  await boss.work(
    SECURITY_LOG_RETENTION_QUEUE,
    tracedJob(
      SECURITY_LOG_RETENTION_QUEUE,
      reportingFailures(SECURITY_LOG_RETENTION_QUEUE, log, async () => {
        const before = new Date(Date.now() - retentionDays * DAY_MS);
        const deleted = await deleteSecurityEventsBefore(orm.em.fork(), before);
        log.info({ deleted, before: before.toISOString() }, 'security log retention ran');
      }),
    ),
  );
  return { stop: () => boss.offWork(SECURITY_LOG_RETENTION_QUEUE, { wait: false }) };
}
