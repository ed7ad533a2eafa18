// Audit outcomes and the queue's backlog, for dashboards and alerts.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { JobQueue } from './queue.js';
import { AUDIT_QUEUE } from './queue.js';

export class AuditMetrics {
  private readonly finished: Counter<'kind' | 'status'>;
  private readonly duration: Histogram<'kind' | 'status'>;
  private readonly retried: Counter<'kind'>;

  constructor(registry: Registry, queue: JobQueue) {
    this.finished = new Counter({
      name: 'audits_finished_total',
      help: 'Audit attempts that ended, by kind and final status.',
      labelNames: ['kind', 'status'] as const,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'audit_duration_seconds',
      help: 'Run time of an audit attempt, by kind and final status.',
      labelNames: ['kind', 'status'] as const,
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers: [registry],
    });
    this.retried = new Counter({
      name: 'audit_attempts_requeued_total',
      help: 'Audit attempts handed back to the queue (transient error, shutdown, lost worker).',
      labelNames: ['kind'] as const,
      registers: [registry],
    });
    new Gauge({
      name: 'audit_jobs',
      help: 'Audit jobs in the queue by state (ready to run, running, recently failed).',
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        const stats = await queue.boss.getQueue(AUDIT_QUEUE).catch(() => null);
        if (!stats) return;
        this.set({ state: 'ready' }, stats.readyCount);
        this.set({ state: 'active' }, stats.activeCount);
        this.set({ state: 'failed' }, stats.failedCount);
      },
    });
  }

  ended(kind: string, status: string, startedAt: number): void {
    this.finished.inc({ kind, status });
    this.duration.observe({ kind, status }, (Date.now() - startedAt) / 1000);
  }

  requeued(kind: string): void {
    this.retried.inc({ kind });
  }
}
