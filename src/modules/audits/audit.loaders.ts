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
  /** From `findingColumnsFor`: fixed column names, comma-separated. */
  columns: string;
}

/** The first rows of an audit's findings, and how many it has when they were counted. */
export interface FindingsHead {
  rows: FindingRow[];
  totalCount: number | undefined;
}

/** Groups keys by the part they share, so each group is one query. */
function groupBy<K, G extends string>(keys: readonly K[], groupOf: (key: K) => G): Map<G, K[]> {
  const groups = new Map<G, K[]>();
  for (const key of keys) {
    const group = groupOf(key);
    const members = groups.get(group);
    if (members) members.push(key);
    else groups.set(group, [key]);
  }
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

interface FindingRecord {
  id: string;
  audit_id: string;
  rank: number;
  check_id?: string;
  category?: string;
  severity?: Severity;
  title?: string;
  detail?: string;
  recommendation?: string;
  urls?: string[] | string;
  points_lost?: number | string;
  total?: string;
}

/**
 * A finding as lists show it: the columns its selection needs mapped once into a plain object,
 * without an ORM entity's hydration, identity map and change tracking (lists only read). A
 * `Finding` node in GraphQL like the entity (graphql/relay/node.ts). Columns not read are
 * undefined (typed as the entity's, since nothing reads them).
 */
export class FindingRow {
  readonly id: string;
  readonly auditId: string;
  readonly rank: number;
  readonly checkId: string;
  readonly category: string;
  readonly severity: Severity;
  readonly title: string;
  readonly detail: string;
  readonly recommendation: string;
  readonly urls: string[];
  readonly pointsLost: number;

  constructor(record: FindingRecord) {
    this.id = record.id;
    this.auditId = record.audit_id;
    this.rank = record.rank;
    this.checkId = record.check_id!;
    this.category = record.category!;
    this.severity = record.severity!;
    this.title = record.title!;
    this.detail = record.detail!;
    this.recommendation = record.recommendation!;
    this.urls = (typeof record.urls === 'string' ? JSON.parse(record.urls) : record.urls) as string[];
    this.pointsLost = (record.points_lost === undefined ? undefined : Number(record.points_lost))!;
  }
}

/** Every row has its id, audit and rank (the order, and the cursor's keys). */
const FINDING_KEYS = ['id', 'audit_id', 'rank'];
const ALL_FINDING_COLUMNS = [
  ...FINDING_KEYS,
  'check_id',
  'category',
  'severity',
  'title',
  'detail',
  'recommendation',
  'urls',
  'points_lost',
].join(', ');

/** The columns each field of the GraphQL `Finding` type reads; another field reads them all. */
const FINDING_FIELD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  id: [],
  checkId: ['check_id'],
  category: ['category'],
  severity: ['severity'],
  title: ['title'],
  detail: ['detail'],
  recommendation: ['recommendation'],
  urls: ['urls'],
  pointsLost: ['points_lost'],
};

const columnsBySelection = new WeakMap<ReadonlySet<string>, string>();

/** The finding columns a selection of `fields` needs (every column when unknown or absent). */
export function findingColumnsFor(fields: ReadonlySet<string> | undefined): string {
  if (!fields) return ALL_FINDING_COLUMNS;
  let columns = columnsBySelection.get(fields);
  if (columns === undefined) {
    const set = new Set(FINDING_KEYS);
    for (const field of fields) {
      const needed = FINDING_FIELD_COLUMNS[field];
      if (!needed) {
        columns = ALL_FINDING_COLUMNS;
        break;
      }
      for (const column of needed) set.add(column);
    }
    columns ??= [...set].join(', ');
    columnsBySelection.set(fields, columns);
  }
  return columns;
}

const groupKey = (key: FindingsPageKey) => `${key.severity}|${key.limit}|${key.counted}|${key.columns}`;
const headKey = (key: FindingsPageKey) => `${key.auditId}|${groupKey(key)}`;

/**
 * The first `limit` findings of each audit, in report order, and with `counted` their total
 * (a window count over the same rows): one statement per (severity, limit, counted).
 */
export const findingsHead = (em: EntityManager) =>
  new DataLoader<FindingsPageKey, FindingsHead, string>(
    async (keys) => {
      // Per (severity, limit, counted, columns), the heads by audit id.
      const groups = new Map<string, Map<string, FindingsHead>>();
      for (const [shape, group] of groupBy(keys, groupKey)) {
        const { severity, limit, counted, columns } = group[0]!;
        const heads = new Map<string, FindingsHead>();
        groups.set(shape, heads);
        const ids = group.map((key) => key.auditId);
        const total = counted ? ', count(*) over (partition by audit_id) as total' : '';
        const rows = await em.getConnection().execute<FindingRecord[]>(
          `select ${columns}${counted ? ', total' : ''} from (
               select ${columns}${total}, row_number() over (partition by audit_id order by rank, id) as row_number
               from findings where audit_id in (?) ${severity ? 'and severity = ?' : ''}
             ) ranked where row_number <= ? order by audit_id, rank, id`,
          severity ? [ids, severity, limit] : [ids, limit],
        );
        for (const row of rows) {
          let head = heads.get(row.audit_id);
          if (!head)
            heads.set(
              row.audit_id,
              (head = { rows: [], totalCount: counted ? Number(row.total) : undefined }),
            );
          head.rows.push(new FindingRow(row));
        }
      }
      // An audit without findings has no row: an empty page, counted 0.
      return keys.map(
        (key) =>
          groups.get(groupKey(key))?.get(key.auditId) ?? {
            rows: [],
            totalCount: key.counted ? 0 : undefined,
          },
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
