// A project's trend: one point per SUCCEEDED audit, oldest first, read in one indexed query
// (audits by project and time; only the score, categories and the visibility part of details).
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '../../common/errors.js';
import { applicableCategoryScore, AuditKind } from '../audits/audit.entity.js';
import { TrendMetric, VISIBILITY_FIELDS } from '../audits/trend-metric.js';

/** At most this many points per trend: years of daily runs. */
export const MAX_TREND_POINTS = 2000;

export interface TrendPointData {
  at: Date;
  auditId: string;
  value: number;
  low: number | null;
  high: number | null;
  n: number | null;
}

export interface TrendQuery {
  metric: TrendMetric;
  engine?: string | null;
  category?: string | null;
  since?: Date | null;
  until?: Date | null;
}

interface Estimate {
  value: number;
  low: number;
  high: number;
  n: number;
}

type Metrics = Record<string, Estimate | number | null | undefined>;

interface Row {
  id: string;
  created_at: Date;
  score: number | null;
  categories: Array<{ category: string; score: number; applicable?: boolean }> | null;
  visibility: { overall?: Metrics; engines?: Array<{ engine: string; metrics: Metrics }> } | null;
}

const SQL = {
  points: `select id, created_at, score, categories, details->'visibility' as visibility
             from audits
            where project_id = ? and kind = ? and status = 'SUCCEEDED'
              and created_at >= ? and created_at < ?
            order by created_at, id
            limit ?`,
} as const;

/** SCORE and CATEGORY_SCORE follow the SITE runs; every other metric the VISIBILITY runs. */
export async function projectTrend(
  em: EntityManager,
  projectId: string,
  query: TrendQuery,
): Promise<TrendPointData[]> {
  const siteMetric = query.metric === TrendMetric.SCORE || query.metric === TrendMetric.CATEGORY_SCORE;
  if (query.metric === TrendMetric.CATEGORY_SCORE && !query.category) {
    throw badUserInput('CATEGORY_SCORE needs a category', [{ field: 'category', messages: ['is required'] }]);
  }
  if (siteMetric && query.engine) {
    throw badUserInput('engine applies to visibility metrics only', [
      { field: 'engine', messages: ['not for SITE metrics'] },
    ]);
  }
  const rows = await em.execute<Row[]>(SQL.points, [
    projectId,
    siteMetric ? AuditKind.SITE : AuditKind.VISIBILITY,
    query.since ?? new Date(0),
    query.until ?? new Date('9999-12-31T00:00:00Z'),
    MAX_TREND_POINTS,
  ]);
  const points: TrendPointData[] = [];
  for (const row of rows) {
    const point = pointOf(row, query);
    if (point) points.push({ at: new Date(row.created_at), auditId: row.id, ...point });
  }
  return points;
}

function pointOf(row: Row, query: TrendQuery): Omit<TrendPointData, 'at' | 'auditId'> | null {
  const plain = (value: number | null | undefined) =>
    value === null || value === undefined ? null : { value, low: null, high: null, n: null };
  if (query.metric === TrendMetric.SCORE) return plain(row.score);
  if (query.metric === TrendMetric.CATEGORY_SCORE) {
    // A category that did not apply to a run is no point, rather than a drop to 0.
    return plain(applicableCategoryScore(row.categories ?? [], query.category ?? ''));
  }
  const metrics = query.engine
    ? row.visibility?.engines?.find((e) => e.engine === query.engine)?.metrics
    : row.visibility?.overall;
  const measured = metrics?.[VISIBILITY_FIELDS[query.metric]!];
  if (measured === null || measured === undefined) return null;
  if (typeof measured === 'number') return plain(measured);
  return { value: measured.value, low: measured.low, high: measured.high, n: measured.n };
}
