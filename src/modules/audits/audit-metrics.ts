// Audit outcomes, for dashboards and alerts (the queue's backlog is jobs/queue-metrics.ts).
import { Counter, Histogram, type Registry } from 'prom-client';

export class AuditMetrics {
  private readonly finished: Counter<'kind' | 'status'>;
  private readonly duration: Histogram<'kind' | 'status'>;
  private readonly retried: Counter<'kind'>;

  constructor(registry: Registry) {
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
  }

  ended(kind: string, status: string, startedAt: number): void {
    this.finished.inc({ kind, status });
    this.duration.observe({ kind, status }, (Date.now() - startedAt) / 1000);
  }

  requeued(kind: string): void {
    this.retried.inc({ kind });
  }
}
