// What a project's audit ending means: the outcome event (once per audit), the alert rules
// checked against the previous successful run of the same kind, and every new event published
// on the project's topic (the `projectEvents` subscription, webhooks).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppLogger } from '../../common/logger.js';
import type { PubSub } from '../../infra/pubsub.js';
import { significantlyDifferent, type Estimate } from '../../audit-engine/visibility/stats.js';
import { Audit, AuditStatus } from '../audits/audit.entity.js';
import { PROPORTION_FIELDS } from '../audits/trend-metric.js';
import { Finding, Severity } from '../audits/finding.entity.js';
import { ProjectEventType } from './project-event.entity.js';
import type { ProjectMetrics } from './project-metrics.js';
import { AlertKind, Project, type AlertRuleData } from './project.entity.js';

export const projectEventsTopic = (projectId: string) => `project-events:${projectId}`;

/** What the project's topic carries: the stored event's id (subscribers read it with their rights). */
export interface ProjectEventMessage {
  projectId: string;
  eventId: string;
}

/** Publishes a committed event on its project's topic (best effort: the event is stored anyway). */
export async function publishProjectEvent(
  pubsub: PubSub,
  log: AppLogger,
  event: ProjectEventMessage,
): Promise<void> {
  await pubsub
    .publish(projectEventsTopic(event.projectId), event)
    .catch((error: unknown) => log.warn({ err: error, ...event }, 'project event not published'));
}

interface StoredVisibility {
  overall?: Record<string, unknown>;
  engines?: Array<{ engine: string; metrics: Record<string, unknown> }>;
}

const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 5, HIGH: 4, MEDIUM: 3, LOW: 2, INFO: 1 };

/** SQL of outcomes, in one place. */
const SQL = {
  /** The outcome of an audit is recorded once: a repeated end inserts nothing (unique index). */
  insertOutcome: `insert into project_events (id, project_id, audit_id, type, message, created_at)
                  values (?, ?, ?, ?, ?, clock_timestamp()) on conflict do nothing returning id`,
  /** Project audits that ended a minute to an hour ago without a recorded outcome (a crash in between). */
  missed: `select a.id, a.status from audits a
            where a.finished_at > now() - interval '1 hour' and a.finished_at < now() - interval '1 minute'
              and a.project_id is not null and a.status in ('SUCCEEDED', 'FAILED')
              and not exists (select 1 from project_events e
                               where e.audit_id = a.id and e.type in ('AUDIT_SUCCEEDED', 'AUDIT_FAILED'))
            limit 100`,
  visibility: `select details->'visibility' as visibility from audits where id = ?`,
  insertEvent: `insert into project_events (id, project_id, audit_id, type, message, created_at)
                values (?, ?, ?, ?, ?, clock_timestamp()) returning id`,
} as const;

/** A finding's identity across runs: its check and the page it is about. */
const findingKey = (finding: Finding) => `${finding.checkId}|${finding.urls[0] ?? ''}`;

/** Told of every alert that fires (webhooks deliver them); projects import none of their listeners. */
export type AlertListener = (
  em: EntityManager,
  project: Project,
  audit: Audit,
  message: string,
) => Promise<void>;

export class ProjectOutcomes {
  constructor(
    private readonly pubsub: PubSub,
    private readonly log: AppLogger,
    private readonly alertListeners: readonly AlertListener[] = [],
    private readonly metrics?: ProjectMetrics,
  ) {}

  async auditEnded(em: EntityManager, auditId: string, status: AuditStatus): Promise<void> {
    if (status !== AuditStatus.SUCCEEDED && status !== AuditStatus.FAILED) return;
    const audit = await em.findOne(Audit, { id: auditId });
    if (!audit?.projectId) return;
    const project = await em.findOne(Project, { id: audit.projectId });
    if (!project) return;
    const succeeded = status === AuditStatus.SUCCEEDED;
    // The outcome, its alerts and their webhook deliveries commit together: an alert is never
    // recorded without its deliveries, nor lost after its outcome (the sweep finds the rest).
    const events = await em.transactional(async (tx) => {
      const outcome = await this.insert(tx, SQL.insertOutcome, project, audit, {
        type: succeeded ? ProjectEventType.AUDIT_SUCCEEDED : ProjectEventType.AUDIT_FAILED,
        message: succeeded
          ? `${audit.kind} audit succeeded${audit.score === null ? '' : `: score ${audit.score} (${audit.grade})`}`
          : `${audit.kind} audit failed${audit.error ? `: ${audit.error}` : ''}`,
      });
      if (!outcome) return []; // heard before
      const inserted = [outcome];
      const fired: string[] = [];
      for (const message of await this.firedAlerts(tx, project, audit)) {
        const alert = await this.insert(tx, SQL.insertEvent, project, audit, {
          type: ProjectEventType.ALERT,
          message,
        });
        if (!alert) continue;
        inserted.push(alert);
        fired.push(message);
        for (const listener of this.alertListeners) await listener(tx, project, audit, message);
      }
      for (const message of fired) this.metrics?.alert(message.slice(0, message.indexOf(':')));
      return inserted;
    });
    for (const eventId of events)
      await publishProjectEvent(this.pubsub, this.log, { projectId: project.id, eventId });
  }

  /** Ended project audits whose outcome was never recorded (the sweep hands them to auditEnded). */
  missed(em: EntityManager): Promise<Array<{ id: string; status: AuditStatus }>> {
    return em.execute(SQL.missed);
  }

  /** The messages of the rules this ending fires, against the previous successful run of its kind. */
  private async firedAlerts(em: EntityManager, project: Project, audit: Audit): Promise<string[]> {
    if (!project.alertRules.length) return [];
    const previous = await em.findOne(
      Audit,
      {
        projectId: project.id,
        kind: audit.kind,
        status: AuditStatus.SUCCEEDED,
        createdAt: { $lt: audit.createdAt },
        id: { $ne: audit.id },
      },
      { orderBy: { createdAt: 'desc' } },
    );
    const reads = storedReads(em);
    const fired: string[] = [];
    for (const rule of project.alertRules) {
      const message = await this.check(reads, rule, audit, previous);
      if (message) fired.push(message);
    }
    return fired;
  }

  private async check(
    reads: StoredReads,
    rule: AlertRuleData,
    audit: Audit,
    previous: Audit | null,
  ): Promise<string | null> {
    const threshold = rule.threshold ?? 0;
    switch (rule.kind) {
      case AlertKind.AUDIT_FAILED:
        return audit.status === AuditStatus.FAILED ? `AUDIT_FAILED: the ${audit.kind} audit failed` : null;
      case AlertKind.SCORE_BELOW:
        return audit.score !== null && audit.score < threshold
          ? `SCORE_BELOW: the score is ${audit.score}, below ${threshold}`
          : null;
      case AlertKind.SCORE_DROP: {
        if (audit.score === null || previous?.score == null) return null;
        const drop = Math.round((previous.score - audit.score) * 10) / 10;
        return drop >= threshold
          ? `SCORE_DROP: the score fell ${drop} points, from ${previous.score} to ${audit.score}`
          : null;
      }
      case AlertKind.NEW_FINDING: {
        if (audit.status !== AuditStatus.SUCCEEDED || !previous || !rule.severity) return null;
        const least = SEVERITY_RANK[rule.severity];
        const [now, before] = await Promise.all([reads.findings(audit.id), reads.findings(previous.id)]);
        const known = new Set(before.map(findingKey));
        const fresh = now.filter((f) => SEVERITY_RANK[f.severity] >= least && !known.has(findingKey(f)));
        if (!fresh.length) return null;
        const titles = fresh.slice(0, 3).map((f) => f.title);
        return `NEW_FINDING: ${fresh.length} new finding${fresh.length === 1 ? '' : 's'} of ${rule.severity} or worse: ${titles.join('; ')}${fresh.length > 3 ? ' …' : ''}`;
      }
      case AlertKind.METRIC_DROP: {
        if (audit.status !== AuditStatus.SUCCEEDED || !previous || !rule.metric) return null;
        const field = PROPORTION_FIELDS[rule.metric];
        if (!field) return null;
        const [before, after] = await Promise.all([
          reads.visibility(previous.id).then((v) => measured(v, field, rule.engine)),
          reads.visibility(audit.id).then((v) => measured(v, field, rule.engine)),
        ]);
        if (!before || !after || after.value >= before.value || !significantlyDifferent(before, after))
          return null;
        const pct = (value: number) => `${Math.round(value * 1000) / 10}%`;
        return `METRIC_DROP: ${rule.metric}${rule.engine ? ` on ${rule.engine}` : ''} fell from ${pct(before.value)} (n=${before.n}) to ${pct(after.value)} (n=${after.n}), significant at 5%`;
      }
    }
  }

  private async insert(
    em: EntityManager,
    sql: string,
    project: Project,
    audit: Audit,
    event: { type: ProjectEventType; message: string },
  ): Promise<string | null> {
    const [row] = await em.execute<{ id: string }[]>(sql, [
      randomUUID(),
      project.id,
      audit.id,
      event.type,
      event.message.slice(0, 1000),
    ]);
    return row?.id ?? null;
  }
}

type StoredReads = ReturnType<typeof storedReads>;

/** The runs' stored findings and visibility, each read at most once however many rules ask. */
function storedReads(em: EntityManager) {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key) as Promise<T>;
  };
  return {
    findings: (auditId: string) =>
      once(`findings:${auditId}`, () => em.find(Finding, { audit: auditId }, { orderBy: { rank: 'asc' } })),
    visibility: (auditId: string) =>
      once(`visibility:${auditId}`, async () => {
        const [row] = await em.execute<{ visibility: StoredVisibility | null }[]>(SQL.visibility, [auditId]);
        return row?.visibility ?? null;
      }),
  };
}

/** A stored visibility proportion, overall or for one engine. */
function measured(
  visibility: StoredVisibility | null,
  field: string,
  engine: string | null,
): Estimate | null {
  const metrics = engine
    ? visibility?.engines?.find((e) => e.engine === engine)?.metrics
    : visibility?.overall;
  return (metrics?.[field] as Estimate | null | undefined) ?? null;
}
