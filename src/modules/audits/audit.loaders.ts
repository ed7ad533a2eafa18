// Batched reads for lists of audits: the findings' first pages, their counts, owners (users
// loader) and the stored details, so `audits(first: N) { … findings(first: 5) … }` costs
// the same number of SQL statements for N = 5 and N = 100.
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Audit } from './audit.entity.js';
import type { Severity } from './finding.entity.js';

export interface FindingsPageKey {
  auditId: string;
  severity: Severity | null;
  /** Rows wanted: page size + 1 (to learn whether there is a next page). */
  limit: number;
  /** Whether to count all of the audit's findings (of the severity) in the same statement. */
  counted: boolean;
}

/** The first rows of an audit's findings, and how many it has when they were counted. */
export interface FindingsHead {
  rows: FindingRow[];
  totalCount: number | undefined;
}

/** Groups keys by the part they share, so each group is one query. */
function groupBy<K, G extends string>(keys: readonly K[], groupOf: (key: K) => G): Map<G, K[]> {
  const groups = new Map<G, K[]>();
  for (const key of keys) groups.set(groupOf(key), [...(groups.get(groupOf(key)) ?? []), key]);
  return groups;
}

/** The stored details (a large JSON column) of audits, only when a query asks for them. */
export const auditDetails = (em: EntityManager) =>
  new DataLoader<string, Record<string, unknown> | null>(async (ids) => {
    const rows = await em
      .getConnection()
      .execute<{ id: string; details: Record<string, unknown> | null }[]>(
        'select id, details from audits where id in (?)',
        [[...ids]],
      );
    const byId = new Map(rows.map((row) => [row.id, row.details]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/**
 * A finding as lists show it: its columns mapped once into a plain object, without an ORM
 * entity's hydration, identity map and change tracking (lists only read). A `Finding` node in
 * GraphQL like the entity (graphql/relay/node.ts).
 */
export class FindingRow {
  constructor(
    readonly id: string,
    readonly auditId: string,
    readonly rank: number,
    readonly checkId: string,
    readonly category: string,
    readonly severity: Severity,
    readonly title: string,
    readonly detail: string,
    readonly recommendation: string,
    readonly urls: string[],
    readonly pointsLost: number,
  ) {}
}

interface FindingRecord {
  id: string;
  audit_id: string;
  rank: number;
  check_id: string;
  category: string;
  severity: Severity;
  title: string;
  detail: string;
  recommendation: string;
  urls: string[] | string;
  points_lost: number | string;
}

const FINDING_COLUMNS =
  'f.id, f.audit_id, f.rank, f.check_id, f.category, f.severity, f.title, f.detail, f.recommendation, f.urls, f.points_lost';

const headKey = (key: FindingsPageKey) => `${key.auditId}|${key.severity}|${key.limit}|${key.counted}`;

/**
 * The first `limit` findings of each audit, in report order, and with `counted` their total
 * (a window count over the same rows): one statement per (severity, limit, counted).
 */
export const findingsHead = (em: EntityManager) =>
  new DataLoader<FindingsPageKey, FindingsHead, string>(
    async (keys) => {
      const heads = new Map<string, FindingsHead>();
      for (const group of groupBy(keys, (key) => `${key.severity}|${key.limit}|${key.counted}`).values()) {
        const { severity, limit, counted } = group[0]!;
        const ids = group.map((key) => key.auditId);
        const total = counted ? ', count(*) over (partition by f.audit_id) as total' : '';
        const rows = await em.getConnection().execute<Array<FindingRecord & { total?: string }>>(
          `select ${FINDING_COLUMNS.replaceAll('f.', '')}${counted ? ', total' : ''} from (
               select ${FINDING_COLUMNS}${total}, row_number() over (partition by f.audit_id order by f.rank, f.id) as row_number
               from findings f where f.audit_id in (?) ${severity ? 'and f.severity = ?' : ''}
             ) ranked where row_number <= ? order by audit_id, rank, id`,
          severity ? [ids, severity, limit] : [ids, limit],
        );
        for (const row of rows) {
          const key = headKey({ auditId: row.audit_id, severity, limit, counted });
          let head = heads.get(key);
          if (!head)
            heads.set(key, (head = { rows: [], totalCount: counted ? Number(row.total) : undefined }));
          head.rows.push(
            new FindingRow(
              row.id,
              row.audit_id,
              row.rank,
              row.check_id,
              row.category,
              row.severity,
              row.title,
              row.detail,
              row.recommendation,
              typeof row.urls === 'string' ? (JSON.parse(row.urls) as string[]) : row.urls,
              Number(row.points_lost),
            ),
          );
        }
      }
      // An audit without findings has no row: an empty page, counted 0.
      return keys.map(
        (key) => heads.get(headKey(key)) ?? { rows: [], totalCount: key.counted ? 0 : undefined },
      );
    },
    { cacheKeyFn: headKey },
  );

/** Audits by id (without their details), e.g. the audits behind a project's trend points. */
export const auditById = (em: EntityManager) =>
  new DataLoader<string, Audit | null>(async (ids) => {
    const rows = await em.find(Audit, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
