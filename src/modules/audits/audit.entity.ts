import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { CategoryScore } from '../../audit-engine/report.js';
import { User } from '../users/user.entity.js';
import type { VisibilityOptionsData } from './visibility-options.js';
import { Workspace } from '../workspaces/workspace.entity.js';

export enum AuditKind {
  SITE = 'SITE',
  VISIBILITY = 'VISIBILITY',
}

export enum AuditStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

export const TERMINAL_STATUSES: readonly AuditStatus[] = [
  AuditStatus.SUCCEEDED,
  AuditStatus.FAILED,
  AuditStatus.CANCELLED,
];

/** What the user asked for; a rerun copies it verbatim. */
export interface AuditInputData extends VisibilityOptionsData {
  url: string;
  maxPages?: number | null;
  brand?: string | null;
  aliases?: string[];
  competitors?: string[];
  prompts?: string[];
  engines?: string[];
}

/** Rows stored before categories said whether they applied read as applicable: they all did. */
export const categoryApplies = (category: { applicable?: boolean }): boolean => category.applicable !== false;

/** A category's score, or null when the audit has no such category or it did not apply (not 0). */
export function applicableCategoryScore(
  categories: readonly { category: string; score: number; applicable?: boolean }[],
  name: string,
): number | null {
  const found = categories.find((c) => c.category === name);
  return found && categoryApplies(found) ? found.score : null;
}

@Entity({ tableName: 'audits' })
// One index per filter/ordering the API offers, each led by the workspace (members see its
// audits); `User.audits` and erasure go by the creator.
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({ properties: ['workspace', 'updatedAt', 'id'] })
@Index({ properties: ['workspace', 'scoreRank', 'id'] })
@Index({ properties: ['workspace', 'status'] })
@Index({ properties: ['workspace', 'kind'] })
@Index({ properties: ['owner', 'createdAt', 'id'] })
@Index({ properties: ['projectId', 'createdAt', 'id'] })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['status'] })
@Index({ properties: ['finishedAt'] })
// The quota counts of queued and running audits, per workspace and per person: without them a
// count walks every queued audit of the service (a backlog makes each createAudit slower).
@Index({
  name: 'audits_active_workspace_index',
  expression:
    'create index "audits_active_workspace_index" on "audits" ("workspace_id") where "status" in (\'QUEUED\', \'RUNNING\')',
})
@Index({
  name: 'audits_active_owner_index',
  expression:
    'create index "audits_active_owner_index" on "audits" ("owner_id") where "status" in (\'QUEUED\', \'RUNNING\')',
})
@Index({
  name: 'audits_url_trgm_index',
  expression: 'create index "audits_url_trgm_index" on "audits" using gin ("url" gin_trgm_ops)',
})
export class Audit {
  [OptionalProps]?:
    | 'status'
    | 'progress'
    | 'stage'
    | 'message'
    | 'score'
    | 'scoreRank'
    | 'grade'
    | 'categories'
    | 'details'
    | 'error'
    | 'attempts'
    | 'cancelRequestedAt'
    | 'jobId'
    | 'projectId'
    | 'isFinished'
    | 'createdAt'
    | 'updatedAt'
    | 'startedAt'
    | 'finishedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Where the audit belongs: its members see it, its plan pays for it. */
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  /**
   * Who created it. When that account is erased, audits in workspaces that outlive it pass to
   * one of the workspace's OWNERs (see AccountDataService), so the team keeps its history.
   */
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  owner!: User;

  /**
   * The project whose run created it (projects build on audits, so this is a plain id: the
   * projects module keeps it right, and unlinks a deleted project's audits, which stay).
   */
  @Property({ type: 'uuid', nullable: true })
  projectId: string | null = null;

  @Enum({ items: () => AuditKind, nativeEnumName: 'audit_kind' })
  kind!: AuditKind;

  @Property({ type: 'string', length: 2048 })
  url!: string;

  @Property({ type: 'json' })
  input!: AuditInputData;

  @Enum({ items: () => AuditStatus, nativeEnumName: 'audit_status' })
  status: AuditStatus = AuditStatus.QUEUED;

  /** 0..1; with stage and message, the latest progress snapshot subscribers start from. */
  @Property({ type: 'double' })
  progress = 0;

  @Property({ type: 'string', length: 200, nullable: true })
  stage: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  message: string | null = null;

  @Property({ type: 'double', nullable: true })
  score: number | null = null;

  /** Score with "no score yet" as -1: a non-null key for keyset pagination by score. */
  @Property({ type: 'double', generated: '(coalesce(score, -1)) stored', nullable: true })
  scoreRank?: number;

  @Property({ type: 'string', length: 2, nullable: true })
  grade: string | null = null;

  @Property({ type: 'json' })
  categories: CategoryScore[] = [];

  /** Engine-specific results (pages crawled, visibility metrics …). */
  @Property({ type: 'json', nullable: true, lazy: true })
  details: Record<string, unknown> | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  /** How many times a worker started this audit (retries after crashes included). */
  @Property({ type: 'integer' })
  attempts = 0;

  /** The pg-boss job that runs this audit (written in the same transaction as the row). */
  @Property({ type: 'uuid', nullable: true })
  jobId: string | null = null;

  /** Set when a running audit is asked to stop; the worker ends it at its next checkpoint. */
  @Property({ type: 'datetime', nullable: true })
  cancelRequestedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  get isFinished(): boolean {
    return TERMINAL_STATUSES.includes(this.status);
  }
}
