// The audit queue's backlog, for dashboards and alerts.
import { Gauge, type Registry } from 'prom-client';
import { AUDIT_QUEUE, type JobQueue } from './queue.js';

export function registerQueueMetrics(registry: Registry, queue: JobQueue): void {
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
