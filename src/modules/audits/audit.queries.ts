// The SQL of audit lists, in one place: a keyset page of plain rows (only the columns asked for)
// and the list's count. Every value is a parameter; column names come only from audit-row.ts's
// fixed list and the ordering's fixed map, never from the client.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { KeysetBounds } from '../../common/pagination.js';
import type { AuditRecord } from './audit-row.js';
import type { AuditKind, AuditStatus } from './audit.entity.js';

/** Which audits a list shows (every condition optional; all of them hold). */
export interface AuditsWhere {
  /** The workspaces shown; absent: every workspace (staff). An empty list shows nothing. */
  workspaceIds?: readonly string[];
  ownerId?: string;
  projectId?: string;
  statuses?: readonly AuditStatus[];
  kinds?: readonly AuditKind[];
  /** A substring of the url, matched case-insensitively (`%`, `_` and `\` literal). */
  search?: string;
  createdAfter?: Date;
  createdBefore?: Date;
}

/** A list's ordering: one column, then the id, both the same way. */
export interface AuditsOrder {
  column: 'created_at' | 'updated_at' | 'score_rank';
  direction: 'asc' | 'desc';
}

function whereSql(where: AuditsWhere): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  if (where.workspaceIds) {
    if (where.workspaceIds.length === 0) add('false');
    else if (where.workspaceIds.length === 1) add('workspace_id = ?', where.workspaceIds[0]);
    else add('workspace_id in (?)', where.workspaceIds);
  }
  if (where.ownerId) add('owner_id = ?', where.ownerId);
  if (where.projectId) add('project_id = ?', where.projectId);
  if (where.statuses?.length) add('status in (?)', where.statuses);
  if (where.kinds?.length) add('kind in (?)', where.kinds);
  if (where.search) add('url ilike ?', `%${where.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
  if (where.createdAfter) add('created_at >= ?', where.createdAfter);
  if (where.createdBefore) add('created_at < ?', where.createdBefore);
  return { sql: conditions.length ? conditions.join(' and ') : 'true', params };
}

/**
 * One page of audits as plain rows of `columns`, in `order` (reversed when reading from the
 * end), strictly after `bounds.after` and before `bounds.before` (keys: the order column's value,
 * then the id).
 */
export function selectAuditsPage(
  em: EntityManager,
  columns: readonly string[],
  where: AuditsWhere,
  order: AuditsOrder,
  bounds: KeysetBounds,
): Promise<AuditRecord[]> {
  const filter = whereSql(where);
  const conditions = [filter.sql];
  const params = [...filter.params];
  const forwards = order.direction === 'asc';
  const keys = `(${order.column}, id)`;
  if (bounds.after) {
    conditions.push(`${keys} ${forwards ? '>' : '<'} (?, ?)`);
    params.push(...bounds.after);
  }
  if (bounds.before) {
    conditions.push(`${keys} ${forwards ? '<' : '>'} (?, ?)`);
    params.push(...bounds.before);
  }
  const direction = forwards !== bounds.fromEnd ? 'asc' : 'desc';
  params.push(bounds.limit);
  return em
    .getConnection()
    .execute<AuditRecord[]>(
      `select ${columns.join(', ')} from audits where ${conditions.join(' and ')} ` +
        `order by ${order.column} ${direction}, id ${direction} limit ?`,
      params,
    );
}

/** How many audits the list has across all its pages. */
export async function countAudits(em: EntityManager, where: AuditsWhere): Promise<number> {
  const filter = whereSql(where);
  const rows = await em
    .getConnection()
    .execute<{ count: string }[]>(`select count(*) as count from audits where ${filter.sql}`, filter.params);
  return Number(rows[0]!.count);
}
