// The catch-up for audit ends: what builds on an audit's end (project outcomes and alerts,
// webhook deliveries) hears it right after the change is stored; a crash in between would lose
// it. Every minute (one pg-boss job per tick across workers) this finds the ends of the last hour
// that left no trace and tells the listeners again — they are idempotent.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { AppLogger } from '../common/logger.js';
import type { AuditStatus } from '../modules/audits/audit.entity.js';
import type { AuditLifecycle } from '../modules/audits/audit-lifecycle.js';
import { reportingFailures } from './job-failures.js';
import { tracedJob } from './job-span.js';
import type { JobQueue } from './queue.js';

export const AUDIT_ENDED_SWEEP_QUEUE = 'audit-ended-sweep';

export type MissedEnds = (em: EntityManager) => Promise<Array<{ id: string; status: AuditStatus }>>;

export async function sweepAuditEnds(
  em: EntityManager,
  lifecycle: AuditLifecycle,
  sources: readonly MissedEnds[],
): Promise<number> {
  const missed = new Map<string, AuditStatus>();
  for (const source of sources) for (const { id, status } of await source(em)) missed.set(id, status);
  for (const [id, status] of missed) await lifecycle.tellEnded(em, id, status);
  return missed.size;
}

export async function startAuditEndedSweep(
  queue: JobQueue,
  orm: MikroORM,
  lifecycle: AuditLifecycle,
  sources: readonly MissedEnds[],
  log: AppLogger,
): Promise<{ stop(): Promise<void> }> {
  const { boss } = queue;
  await boss.createQueue(AUDIT_ENDED_SWEEP_QUEUE);
  await boss.schedule(AUDIT_ENDED_SWEEP_QUEUE, '* * * * *', null, { tz: 'UTC' });
  await boss.work(
    AUDIT_ENDED_SWEEP_QUEUE,
    tracedJob(
      AUDIT_ENDED_SWEEP_QUEUE,
      reportingFailures(AUDIT_ENDED_SWEEP_QUEUE, log, async () => {
        const caught = await sweepAuditEnds(orm.em.fork(), lifecycle, sources);
        if (caught) log.warn({ caught }, 'audit ends caught up after a missed notification');
      }),
    ),
  );
  return { stop: () => boss.offWork(AUDIT_ENDED_SWEEP_QUEUE, { wait: false }) };
}
