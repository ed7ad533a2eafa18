// The result document of one stored audit (src/audit-engine/result.ts): the row, all its
// findings in report order, its details, and for a project's audit the project's name and its
// recent runs. What `GET /reports/<id>.<format>` renders; the same shape the CLI prints.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Grade } from '../../audit-engine/report.js';
import {
  resultDocument,
  type AuditResultDocument,
  type ResultTrendPoint,
} from '../../audit-engine/result.js';
import { toGlobalId } from '../../common/global-id.js';
import { AuditKind, categoryApplies, type Audit } from '../audits/audit.entity.js';
import { auditDetails } from '../audits/audit.loaders.js';
import { Finding } from '../audits/finding.entity.js';
import { TrendMetric } from '../audits/trend-metric.js';
import { Project } from '../projects/project.entity.js';
import { projectTrend } from '../projects/project-trend.js';

/** Runs of the project shown in a report: the latest ones up to the audit itself. */
export const REPORT_TREND_POINTS = 30;

async function projectPart(em: EntityManager, audit: Audit): Promise<AuditResultDocument['project']> {
  if (!audit.projectId) return null;
  const project = await em.findOne(Project, { id: audit.projectId }, { fields: ['id', 'name'] });
  if (!project) return null;
  // Up to the audit's own run: a report of an older audit does not show what came after it.
  const until = new Date(audit.createdAt.getTime() + 1);
  const [scores, mentions] = await Promise.all([
    projectTrend(em, project.id, { metric: TrendMetric.SCORE, until }),
    projectTrend(em, project.id, { metric: TrendMetric.MENTION_RATE, until }),
  ]);
  const points: Array<ResultTrendPoint & { time: number }> = [
    ...scores.map((point) => ({
      auditId: toGlobalId('Audit', point.auditId),
      at: point.at.toISOString(),
      time: point.at.getTime(),
      score: point.value,
      mentionRate: null,
    })),
    ...mentions.map((point) => ({
      auditId: toGlobalId('Audit', point.auditId),
      at: point.at.toISOString(),
      time: point.at.getTime(),
      score: null,
      mentionRate: point.value,
    })),
  ];
  points.sort((a, b) => a.time - b.time || a.auditId.localeCompare(b.auditId));
  return {
    id: toGlobalId('Project', project.id),
    name: project.name,
    trend: points.slice(-REPORT_TREND_POINTS).map(({ time: _time, ...point }) => point),
  };
}

const LISTS = ['pages', 'checks', 'botAccess', 'skipped'] as const;

/** SITE details stored before a list existed read with that list empty (renderers need no guards). */
function withLists(audit: Audit, details: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!details || audit.kind !== AuditKind.SITE) return details;
  const lists = Object.fromEntries(
    LISTS.map((name) => [name, Array.isArray(details[name]) ? details[name] : []]),
  );
  return { ...details, ...lists };
}

export async function auditResultDocument(em: EntityManager, audit: Audit): Promise<AuditResultDocument> {
  const [findings, details, project] = await Promise.all([
    em.find(Finding, { audit: audit.id }, { orderBy: { rank: 'asc', id: 'asc' } }),
    auditDetails(em).load(audit.id),
    projectPart(em, audit),
  ]);
  return resultDocument(
    {
      id: toGlobalId('Audit', audit.id),
      kind: audit.kind,
      url: audit.url,
      status: audit.status,
      error: audit.error,
      createdAt: audit.createdAt.toISOString(),
      finishedAt: audit.finishedAt?.toISOString() ?? null,
      project,
    },
    {
      score: audit.score,
      grade: audit.grade as Grade | null,
      categories: audit.categories.map((category) => ({
        ...category,
        applicable: categoryApplies(category),
      })),
      findings: findings.map((finding) => ({
        checkId: finding.checkId,
        category: finding.category,
        severity: finding.severity,
        title: finding.title,
        detail: finding.detail,
        recommendation: finding.recommendation,
        urls: finding.urls,
        pointsLost: finding.pointsLost,
      })),
      details: withLists(audit, details) ?? undefined,
    },
  );
}
