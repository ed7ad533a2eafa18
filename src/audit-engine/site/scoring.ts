import {
  gradeFor,
  type AuditReport,
  type CategoryScore,
  type ReportFinding,
  type Severity,
} from '../report.js';
import type { Category, CheckResult } from './checks/types.js';

/**
 * Category weights (sum 1). Why:
 * - ai_access 0.20: if AI crawlers cannot fetch the site nothing else matters.
 * - indexability 0.15: noindex / nosnippet / broken pages remove pages from answers outright.
 * - structured_data 0.15: explicit entities, authors and dates are what engines attribute with.
 * - answerability 0.15: passage shape, statistics, quotes and citations drive being quoted (GEO study).
 * - content_rendering 0.10: most AI crawlers do not execute JavaScript.
 * - trust 0.10: authorship, organisation identity and HTTPS decide whether a source is cited.
 * - freshness 0.05, basics 0.05: real but secondary signals.
 * - llms_txt 0.05: an emerging proposal, not yet relied on by the major engines.
 */
export const CATEGORY_WEIGHTS: Record<Category, number> = {
  ai_access: 0.2,
  indexability: 0.15,
  structured_data: 0.15,
  answerability: 0.15,
  content_rendering: 0.1,
  trust: 0.1,
  freshness: 0.05,
  llms_txt: 0.05,
  basics: 0.05,
};

/**
 * A critical problem (the home page fails, Googlebot or Bingbot is blocked, which also cuts the
 * site out of AI Overviews and Copilot answers) makes the site fail however good the rest is:
 * the overall score is capped just below a D.
 */
export const CRITICAL_SCORE_CAP = 59;

const MAX_FINDING_URLS = 20;
/** Tie-break for findings that cost the same points (e.g. unscored notes): most severe first. */
const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3, INFO: 4 };
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Reason of a category none of whose checks gave one. */
export const GENERIC_NOT_APPLICABLE = 'no check of this category applied to this site';

/**
 * Category score = 100 × Σ(weight × share passed) / Σ(applicable weight). Every category is
 * listed, in CATEGORY_WEIGHTS order; one with no applicable check (score undefined, or weight 0
 * only) is `applicable: false` with score 0, weight 0 and the reasons its checks gave, and the
 * weights of the others are rescaled to sum to 1 (unrounded). A finding's pointsLost is the
 * overall points its check's shortfall costs.
 */
export function scoreReport(results: CheckResult[]): Omit<AuditReport, 'details'> {
  const applicable = results.filter((r) => r.score !== undefined && r.weight > 0);
  const categoryTotals = new Map<Category, number>();
  for (const r of applicable)
    categoryTotals.set(r.category, (categoryTotals.get(r.category) ?? 0) + r.weight);
  const order = Object.keys(CATEGORY_WEIGHTS) as Category[];
  const weightSum = order.filter((c) => categoryTotals.has(c)).reduce((s, c) => s + CATEGORY_WEIGHTS[c], 0);
  const effectiveWeight = (c: Category) =>
    weightSum > 0 && categoryTotals.has(c) ? CATEGORY_WEIGHTS[c] / weightSum : 0;

  const categories: CategoryScore[] = order.map((category) => {
    const total = categoryTotals.get(category);
    if (total === undefined) return notApplicable(category, results);
    const earned = applicable
      .filter((r) => r.category === category)
      .reduce((s, r) => s + r.weight * (r.score ?? 0), 0);
    return {
      category,
      score: round1((100 * earned) / total),
      weight: effectiveWeight(category),
      applicable: true,
    };
  });
  const weighted = round1(
    categories.reduce((s, c) => s + c.score * effectiveWeight(c.category as Category), 0),
  );

  const lostByCheck = pointsLostByCheck(results);
  const findings: ReportFinding[] = results
    .flatMap((r) => {
      const f = r.finding;
      if (!f) return [];
      const urls = f.urls.slice(0, MAX_FINDING_URLS);
      const detail =
        f.urls.length > MAX_FINDING_URLS
          ? `${f.detail} (${f.urls.length} URLs, first ${MAX_FINDING_URLS} listed)`
          : f.detail;
      const finding: ReportFinding = {
        checkId: r.id,
        category: r.category,
        severity: f.severity,
        title: f.title,
        detail,
        recommendation: f.recommendation,
        urls,
        pointsLost: lostByCheck.get(r.id) ?? 0,
      };
      return [finding];
    })
    .sort((a, b) => b.pointsLost - a.pointsLost || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);

  const critical = results.some((r) => r.finding?.severity === 'CRITICAL');
  const score = critical ? Math.min(weighted, CRITICAL_SCORE_CAP) : weighted;
  return { score, grade: gradeFor(score), categories, findings };
}

function notApplicable(category: Category, results: CheckResult[]): CategoryScore {
  const reasons = [
    ...new Set(
      results.filter((r) => r.category === category && r.weight > 0 && r.reason).map((r) => r.reason ?? ''),
    ),
  ];
  return {
    category,
    score: 0,
    weight: 0,
    applicable: false,
    reason: reasons.length > 0 ? reasons.join('; ') : GENERIC_NOT_APPLICABLE,
  };
}

/**
 * Overall points each check's shortfall costs (rounded to 2 decimals), by check id: what its
 * finding's `pointsLost` says; 0 for checks that are not applicable or unweighted.
 */
export function pointsLostByCheck(results: CheckResult[]): Map<string, number> {
  const applicable = results.filter((r) => r.score !== undefined && r.weight > 0);
  const totals = new Map<Category, number>();
  for (const r of applicable) totals.set(r.category, (totals.get(r.category) ?? 0) + r.weight);
  const weightSum = [...totals.keys()].reduce((s, c) => s + CATEGORY_WEIGHTS[c], 0);
  const lost = new Map<string, number>();
  for (const r of results) {
    const total = totals.get(r.category) ?? 0;
    const points =
      r.score !== undefined && r.weight > 0 && total > 0 && weightSum > 0
        ? (100 * (CATEGORY_WEIGHTS[r.category] / weightSum) * r.weight * (1 - r.score)) / total
        : 0;
    lost.set(r.id, Math.round(points * 100) / 100);
  }
  return lost;
}
