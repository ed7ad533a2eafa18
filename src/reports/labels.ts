// Wording and grouping shared by the human-readable formats (HTML, Markdown, the CLI's text).
import type { CategoryScore, ReportFinding, Severity } from '../audit-engine/report.js';
import type { AuditResultDocument, SiteDetails } from '../audit-engine/result.js';
import type { Estimate } from '../audit-engine/visibility/index.js';

export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];

/** Findings by severity, most severe first, each group in the document's order (points lost). */
export function findingsBySeverity(findings: readonly ReportFinding[]): [Severity, ReportFinding[]][] {
  return SEVERITIES.map((severity): [Severity, ReportFinding[]] => [
    severity,
    findings.filter((f) => f.severity === severity),
  ]).filter(([, group]) => group.length > 0);
}

const CATEGORY_WORDS: Record<string, string> = { ai: 'AI', llms: 'llms', txt: 'txt' };

/** `ai_access` → "AI access", `llms_txt` → "llms.txt". */
export function categoryLabel(category: string): string {
  if (category === 'llms_txt') return 'llms.txt';
  const words = category.split(/[_-]+/).map((w) => CATEGORY_WORDS[w] ?? w);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "not applicable — <reason>" or the score out of 100. */
export function categoryValue(category: CategoryScore): string {
  if (!category.applicable) return `not applicable — ${category.reason ?? 'nothing to judge'}`;
  return `${Math.round(category.score)}/100`;
}

export function formatScore(doc: Pick<AuditResultDocument, 'score' | 'grade'>): string {
  if (doc.score === null) return 'no score';
  return `${Math.round(doc.score)}/100${doc.grade ? ` (grade ${doc.grade})` : ''}`;
}

export function formatPoints(points: number): string {
  return (Math.round(points * 10) / 10).toString();
}

export function formatPercent(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** "42% (95% CI 30–55%, n=40)", or "—" without data. */
export function formatEstimate(estimate: Estimate | null | undefined): string {
  if (!estimate) return '—';
  return `${formatPercent(estimate.value)} (95% CI ${formatPercent(estimate.low).slice(0, -1)}–${formatPercent(estimate.high)}, n=${estimate.n})`;
}

/** ISO timestamp as "2026-05-01 14:03 UTC"; the input unchanged when it is not a date. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The visibility metrics a report shows, in order, with their labels. */
export const VISIBILITY_METRICS = [
  ['mentionRate', 'Mention rate'],
  ['shareOfVoice', 'Share of voice'],
  ['citationRate', 'Citation rate'],
  ['citationShare', 'Citation share'],
  ['promptCoverage', 'Prompt coverage'],
] as const;

/** How a SITE crawl ended, in words: blocked by robots.txt, partial (and why) or complete. */
export function crawlSummary(site: SiteDetails): string {
  const outcome = site.outcome;
  if (outcome?.status === 'blocked') return outcome.reason ?? 'blocked by robots.txt';
  const skipped = Object.values(site.skippedTotal ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  const limited = site.skippedTotal?.limit ?? 0;
  if (outcome ? !outcome.complete : limited > 0) {
    const bounds = outcome?.limitsReached.join(', ') || 'a crawl limit';
    return `partial: ${bounds} reached, ${limited} found URLs not audited (${skipped} skipped in all)`;
  }
  return `complete: every URL found was audited or skipped for a reason other than a limit (${skipped} skipped)`;
}
