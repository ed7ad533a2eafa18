// Project runs and alerts, for dashboards and alerts on the trackers themselves.
import { Counter, type Registry } from 'prom-client';

export class ProjectMetrics {
  private readonly runs: Counter<'trigger' | 'outcome'>;
  private readonly alerts: Counter<'kind'>;

  constructor(registry: Registry) {
    this.runs = new Counter({
      name: 'project_run_audits_total',
      help: 'Audits of project runs, by trigger (manual, schedule) and outcome (started, skipped).',
      labelNames: ['trigger', 'outcome'] as const,
      registers: [registry],
    });
    this.alerts = new Counter({
      name: 'project_alerts_total',
      help: 'Alert rules that fired, by kind.',
      labelNames: ['kind'] as const,
      registers: [registry],
    });
  }

  run(trigger: 'manual' | 'schedule', outcome: 'started' | 'skipped'): void {
    this.runs.inc({ trigger, outcome });
  }

  alert(kind: string): void {
    this.alerts.inc({ kind });
  }
}
