// `--format text`: a terminal summary — score, grade, categories, the findings that cost most.
import type { AuditResultDocument } from '../audit-engine/result.js';
import {
  categoryLabel,
  categoryValue,
  formatEstimate,
  formatPoints,
  formatScore,
  VISIBILITY_METRICS,
} from '../reports/labels.js';

const TOP_FINDINGS = 10;
const BAR = 20;

function bar(score: number): string {
  const filled = Math.round((Math.max(0, Math.min(100, score)) / 100) * BAR);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}`;
}

/** Control characters out: a page title must not move the cursor or recolour the terminal. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

export function renderText(doc: AuditResultDocument): string {
  const lines = [
    `AEO ${doc.kind === 'SITE' ? 'site' : 'visibility'} audit of ${clean(doc.url)}`,
    `Score: ${formatScore(doc)}`,
    '',
    'Categories:',
  ];
  const width = Math.max(8, ...doc.categories.map((c) => categoryLabel(c.category).length));
  for (const c of doc.categories) {
    const label = categoryLabel(c.category).padEnd(width);
    lines.push(
      c.applicable
        ? `  ${label}  ${String(Math.round(c.score)).padStart(3)}  ${bar(c.score)}`
        : `  ${label}  ${clean(categoryValue(c))}`,
    );
  }
  if (doc.visibility) {
    lines.push('', 'Visibility (all engines):');
    for (const [key, label] of VISIBILITY_METRICS) {
      lines.push(`  ${label.padEnd(16)} ${formatEstimate(doc.visibility.visibility.overall[key])}`);
    }
  }
  const problems = doc.findings.filter((f) => f.severity !== 'INFO');
  lines.push('');
  if (problems.length === 0) lines.push('No problems found.');
  else {
    const top = problems.slice(0, TOP_FINDINGS);
    lines.push(
      top.length < problems.length
        ? `Top findings (${top.length} of ${problems.length}):`
        : `Findings (${problems.length}):`,
    );
    for (const f of top) {
      lines.push(
        `  ${f.severity.padEnd(8)} ${clean(f.title)} (-${formatPoints(f.pointsLost)} pts, ${f.checkId})`,
        `           ${clean(f.detail)}`,
        `           Fix: ${clean(f.recommendation)}`,
      );
      if (f.urls.length > 0) {
        lines.push(
          `           ${clean(f.urls.slice(0, 3).join(' '))}${f.urls.length > 3 ? ` (+${f.urls.length - 3} more)` : ''}`,
        );
      }
    }
  }
  if (doc.site) {
    const skipped = Object.values(doc.site.skippedTotal ?? {}).reduce((a, b) => a + (b ?? 0), 0);
    lines.push(
      '',
      `Pages crawled: ${doc.site.pagesTotal ?? doc.site.pages?.length ?? 0}; URLs skipped: ${skipped}.`,
    );
  }
  lines.push('', 'Full report: --format html --out report.html (or md, json, sarif).');
  return `${lines.join('\n')}\n`;
}
