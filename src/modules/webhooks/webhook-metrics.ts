// Webhook delivery attempts by outcome, and how long receivers take to answer.
import { Counter, Histogram, type Registry } from 'prom-client';

export type AttemptOutcome = 'succeeded' | 'retried' | 'failed';

export class WebhookMetrics {
  private readonly attempts: Counter<'outcome'>;
  private readonly latency: Histogram<'outcome'>;

  constructor(registry: Registry) {
    this.attempts = new Counter({
      name: 'webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts, by outcome (succeeded; retried: failed, another attempt due; failed: no more).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'webhook_delivery_seconds',
      help: 'Time from sending a webhook delivery to its answer (or error), by outcome.',
      labelNames: ['outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  attempt(outcome: AttemptOutcome, seconds: number): void {
    this.attempts.inc({ outcome });
    this.latency.observe({ outcome }, seconds);
  }
}
