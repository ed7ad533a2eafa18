// An audit as lists read it: only the columns the query's selection needs, mapped once into a
// plain object, without an ORM entity's hydration, identity map and change tracking (lists only
// read; every change goes through the entity and the lifecycle). An `Audit` node in GraphQL like
// the entity (graphql/relay/node.ts); its fields carry the entity's property names.
import { timeOf } from '../../common/sql-values.js';
import type { CategoryScore } from '../../audit-engine/report.js';
import type { Audit, AuditInputData, AuditKind, AuditStatus } from './audit.entity.js';

/** What an audit row came with from the database (columns the selection did not need are absent). */
export interface AuditRecord {
  id: string;
  workspace_id: string;
  owner_id?: string;
  project_id?: string | null;
  kind?: AuditKind;
  url?: string;
  input?: AuditInputData;
  status?: AuditStatus;
  progress?: number;
  stage?: string | null;
  score?: number | null;
  score_rank?: number;
  grade?: string | null;
  categories?: CategoryScore[];
  error?: string | null;
  attempts?: number;
  /** Times come as PostgreSQL prints them (MikroORM's driver keeps them raw). */
  created_at?: string;
  updated_at?: string;
  started_at?: string | null;
  finished_at?: string | null;
}

/**
 * The row of a list. Only the columns its selection needed were read: the others are undefined
 * (typed as the entity's, since nothing reads them).
 */
export class AuditRow {
  readonly id: string;
  readonly workspaceId: string;
  readonly ownerId: string;
  readonly projectId: string | null;
  readonly kind: AuditKind;
  readonly url: string;
  readonly input: AuditInputData;
  readonly status: AuditStatus;
  readonly progress: number;
  readonly stage: string | null;
  readonly score: number | null;
  readonly scoreRank: number;
  readonly grade: string | null;
  readonly categories: CategoryScore[];
  readonly error: string | null;
  readonly attempts: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;

  constructor(record: AuditRecord) {
    this.id = record.id;
    this.workspaceId = record.workspace_id;
    this.ownerId = record.owner_id!;
    this.projectId = record.project_id!;
    this.kind = record.kind!;
    this.url = record.url!;
    this.input = record.input!;
    this.status = record.status!;
    this.progress = record.progress!;
    this.stage = record.stage!;
    this.score = record.score!;
    this.scoreRank = record.score_rank!;
    this.grade = record.grade!;
    this.categories = record.categories!;
    this.error = record.error!;
    this.attempts = record.attempts!;
    this.createdAt = timeOf(record.created_at);
    this.updatedAt = timeOf(record.updated_at);
    this.startedAt = timeOf(record.started_at);
    this.finishedAt = timeOf(record.finished_at);
  }
}

/** The columns every row has: its id and its workspace (whose members may see it). */
const ALWAYS = ['id', 'workspace_id'] as const;

/** Every column a row can carry (`details`, large and rarely read, has its own loader). */
const ALL_COLUMNS: readonly string[] = [
  ...ALWAYS,
  'owner_id',
  'project_id',
  'kind',
  'url',
  'input',
  'status',
  'progress',
  'stage',
  'score',
  'score_rank',
  'grade',
  'categories',
  'error',
  'attempts',
  'created_at',
  'updated_at',
  'started_at',
  'finished_at',
];

/**
 * The columns each field of the GraphQL `Audit` type reads from its object. A field not listed
 * here (one added later, by another module) makes the row carry every column: a new field can
 * be slow, never wrong.
 */
const FIELD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  id: [],
  kind: ['kind'],
  status: ['status'],
  url: ['url'],
  input: ['input'],
  progress: ['progress'],
  stage: ['stage'],
  score: ['score'],
  grade: ['grade'],
  categories: ['categories'],
  error: ['error'],
  attempts: ['attempts'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
  startedAt: ['started_at'],
  finishedAt: ['finished_at'],
  owner: ['owner_id'],
  workspace: [],
  project: ['project_id'],
  findings: [],
  reportLinks: [],
  visibility: ['kind'],
  pages: ['kind'],
  checks: ['kind'],
  botAccess: ['kind'],
  skipped: ['kind'],
  answers: ['kind', 'input'],
};

/**
 * The columns to read for a selection of `fields` (all of them when unknown), plus `extra` (the
 * ordering's, for cursors and keyset conditions).
 */
export function auditColumnsFor(
  fields: ReadonlySet<string> | undefined,
  extra: readonly string[],
): readonly string[] {
  if (!fields) return ALL_COLUMNS;
  const columns = new Set<string>([...ALWAYS, ...extra]);
  for (const field of fields) {
    const needed = FIELD_COLUMNS[field];
    if (!needed) return ALL_COLUMNS;
    for (const column of needed) columns.add(column);
  }
  return [...columns];
}

/** An audit as GraphQL's `Audit` resolves it: the entity (one audit, mutations) or a list's row. */
export type AuditView = Audit | AuditRow;

export const ownerIdOf = (audit: AuditView): string =>
  audit instanceof AuditRow ? audit.ownerId : audit.owner.id;

export const workspaceIdOf = (audit: AuditView): string =>
  audit instanceof AuditRow ? audit.workspaceId : audit.workspace.id;
