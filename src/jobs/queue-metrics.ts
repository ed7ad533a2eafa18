// The job queues' backlog, for dashboards and alerts: read from pg-boss's tables when scraped
// (at most once per 5 s, however often /metrics is asked), in the processes that run workers
// (API-only replicas do not query the queue).
import { Gauge, type Registry } from 'prom-client';
import { AUDIT_QUEUE, type JobQueue } from './queue.js';

interface QueueBacklog {
  queue: string;
  ready: number;
  deferred: number;
  oldestReadySeconds: number;
}

/**
 * Every queue with its waiting jobs (pg-boss states `created` and `retry`, i.e. below `active`),
 * in one statement over the partial index pg-boss fetches with (job_i11: name, … start_after
 * WHERE state < 'active' AND NOT blocked): ready ones (start_after passed), deferred ones (a
 * retry's backoff, a delayed send), and how long the oldest ready one has waited since it could
 * have run. Queues without waiting jobs are listed with zeros.
 */
const BACKLOG_SQL = `
  select q.name as queue,
         count(j.id) filter (where j.start_after <= now())::int as ready,
         count(j.id) filter (where j.start_after > now())::int as deferred,
         coalesce(extract(epoch from now() - min(j.start_after) filter (where j.start_after <= now())), 0)::float8
           as "oldestReadySeconds"
    from pgboss.queue q
    left join pgboss.job j on j.name = q.name and j.state < 'active' and not j.blocked
   group by q.name`;

/** How long a read of the queue serves scrapes: a flood of them costs a statement per interval. */
const READ_REUSED_FOR_MS = 5_000;

/** `read` at most once per `ms`; every call in between gets the same (pending or settled) result. */
function reusedFor<T>(ms: number, read: () => Promise<T>): () => Promise<T> {
  let last: Promise<T> | undefined;
  let at = 0;
  return () => {
    const now = Date.now();
    if (!last || now - at >= ms) {
      at = now;
      last = read();
    }
    return last;
  };
}

export function registerQueueMetrics(registry: Registry, queue: JobQueue): void {
  const auditStats = reusedFor(READ_REUSED_FOR_MS, () => queue.boss.getQueue(AUDIT_QUEUE).catch(() => null));
  new Gauge({
    name: 'audit_jobs',
    help: 'Audit jobs in the queue by state (ready to run, running, recently failed).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const stats = await auditStats();
      if (!stats) return;
      this.set({ state: 'ready' }, stats.readyCount);
      this.set({ state: 'active' }, stats.activeCount);
      this.set({ state: 'failed' }, stats.failedCount);
    },
  });

  // Both gauges below are filled from one read (prom-client collects them together).
  const backlog = reusedFor(READ_REUSED_FOR_MS, () =>
    queue.boss
      .getDb()
      .executeSql(BACKLOG_SQL)
      .then(
        (result) => result.rows as QueueBacklog[],
        () => null,
      ),
  );

  new Gauge({
    name: 'job_queue_depth',
    help:
      'Jobs waiting in each job queue: ready (may run now) or deferred (retry backoff, delayed ' +
      'send). Absent when the queue could not be read.',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      const rows = await backlog();
      this.reset();
      for (const row of rows ?? []) {
        this.set({ queue: row.queue, state: 'ready' }, row.ready);
        this.set({ queue: row.queue, state: 'deferred' }, row.deferred);
      }
    },
  });
  new Gauge({
    name: 'job_queue_oldest_ready_seconds',
    help:
      'Seconds the longest-waiting ready job of each queue has waited since it could run ' +
      '(0 when none waits). Absent when the queue could not be read.',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const rows = await backlog();
      this.reset();
      for (const row of rows ?? []) this.set({ queue: row.queue }, row.oldestReadySeconds);
    },
  });
}
