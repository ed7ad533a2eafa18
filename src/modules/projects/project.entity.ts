import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { AuditKind, type AuditInputData } from '../audits/audit.entity.js';
import { Severity } from '../audits/finding.entity.js';
import { TrendMetric } from '../audits/trend-metric.js';
import { User } from '../users/user.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';

export enum AlertKind {
  SCORE_BELOW = 'SCORE_BELOW',
  SCORE_DROP = 'SCORE_DROP',
  NEW_FINDING = 'NEW_FINDING',
  METRIC_DROP = 'METRIC_DROP',
  AUDIT_FAILED = 'AUDIT_FAILED',
}

/** One alert rule of a project, as stored (validated on the way in). */
export interface AlertRuleData {
  kind: AlertKind;
  threshold: number | null;
  metric: TrendMetric | null;
  engine: string | null;
  severity: Severity | null;
}

/** What each run audits: the fields of CreateAuditInput a project keeps (url and kind aside). */
export type ProjectAuditInput = Omit<AuditInputData, 'url'>;

/**
 * A tracked site and brand: each run creates one audit per kind with the same input, by hand
 * (`runProject`) or on its schedule. `nextRunAt` is the next tick of an active schedule (null
 * when manual-only or paused); the scheduler moves it forward in the transaction that starts
 * the run, so every tick runs once whatever the number of workers.
 */
@Entity({ tableName: 'projects' })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({
  name: 'projects_due_index',
  expression:
    'create index "projects_due_index" on "projects" ("next_run_at") where "next_run_at" is not null',
})
export class Project {
  [OptionalProps]?:
    'timezone' | 'paused' | 'schedule' | 'nextRunAt' | 'lastRunAt' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  /** Who created it (an erased account's projects pass to an OWNER of the workspace, like audits). */
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  owner!: User;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 2048 })
  url!: string;

  @Enum({ items: () => AuditKind, array: true })
  kinds!: AuditKind[];

  @Property({ type: 'json' })
  input!: ProjectAuditInput;

  @Property({ type: 'string', length: 100, nullable: true })
  schedule: string | null = null;

  @Property({ type: 'string', length: 64 })
  timezone = 'UTC';

  @Property({ type: 'boolean' })
  paused = false;

  @Property({ type: 'json' })
  alertRules: AlertRuleData[] = [];

  @Property({ type: 'datetime', nullable: true })
  nextRunAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastRunAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
