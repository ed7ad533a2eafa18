// Audit outcomes, pages crawled and answer-engine calls, for dashboards and alerts (the
// queue's backlog is jobs/queue-metrics.ts). Counted here from what the engines report: the
// audit engine itself knows nothing of metrics.
import { Counter, Histogram, type Registry } from 'prom-client';
import type { FetchedPage } from '../../audit-engine/site/index.js';
import type { EngineCallOutcome, EngineName } from '../../audit-engine/visibility/index.js';

/** fetched: an answer below 400; error: 4xx/5xx, or the request failed; blocked: robots.txt refused it. */
export type PageOutcome = 'fetched' | 'error' | 'blocked';

export class AuditMetrics {
  private readonly finished: Counter<'kind' | 'status'>;
  private readonly duration: Histogram<'kind' | 'status'>;
  private readonly retried: Counter<'kind'>;
  private readonly pages: Counter<'outcome'>;
  private readonly engineCalls: Counter<'engine' | 'outcome'>;

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
    this.pages = new Counter({
      name: 'audit_pages_crawled_total',
      help:
        'Pages of SITE audits by outcome: fetched (an answer below 400), error (4xx/5xx, or the ' +
        'request failed), blocked (robots.txt refused our crawler: not requested).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
    this.engineCalls = new Counter({
      name: 'visibility_engine_calls_total',
      help:
        'Answers of VISIBILITY audits by answer engine and outcome: ok (answered), error (failed ' +
        'after retries), cached (a stored answer, no call), skipped (budget reached or circuit open).',
      labelNames: ['engine', 'outcome'] as const,
      registers: [registry],
    });
    for (const outcome of ['fetched', 'error', 'blocked'] as const) this.pages.inc({ outcome }, 0);
  }

  ended(kind: string, status: string, startedAt: number): void {
    this.finished.inc({ kind, status });
    this.duration.observe({ kind, status }, (Date.now() - startedAt) / 1000);
  }

  requeued(kind: string): void {
    this.retried.inc({ kind });
  }

  pageFetched(page: FetchedPage): void {
    this.pages.inc({ outcome: page.failed || (page.status ?? 0) >= 400 ? 'error' : 'fetched' });
  }

  pagesBlocked(count: number): void {
    if (count > 0) this.pages.inc({ outcome: 'blocked' }, count);
  }

  engineCall(engine: EngineName, outcome: EngineCallOutcome): void {
    this.engineCalls.inc({ engine, outcome });
  }
}
