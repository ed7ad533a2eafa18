// The Markdown report (GitHub-flavoured), for tickets and chat: the score first, then what to fix.
import type { AuditResultDocument, SiteDetails } from '../audit-engine/result.js';
import type { VisibilityDetails } from '../audit-engine/visibility/index.js';
import { escapeMarkdown as m } from './escape.js';
import {
  categoryLabel,
  categoryValue,
  findingsBySeverity,
  formatDate,
  formatEstimate,
  formatPercent,
  formatPoints,
  formatScore,
  VISIBILITY_METRICS,
  crawlSummary,
} from './labels.js';

/** URLs listed under one finding. */
const URLS_PER_FINDING = 5;
/** Rows of the long tables (pages, answers). */
const ROW_LIMIT = 50;

function table(
  head: readonly string[],
  rows: readonly (string | number)[][],
  align?: readonly ('l' | 'r')[],
): string {
  const sep = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  const line = (cells: readonly (string | number)[]) => `| ${cells.map((c) => String(c)).join(' | ')} |`;
  return [line(head.map(m)), line(sep), ...rows.map(line)].join('\n');
}

function findings(doc: AuditResultDocument): string[] {
  if (doc.findings.length === 0) return ['## Findings', '', 'No findings.'];
  const out = [`## Findings (${doc.findings.length})`];
  for (const [severity, group] of findingsBySeverity(doc.findings)) {
    out.push('', `### ${severity} (${group.length})`);
    for (const f of group) {
      out.push(
        '',
        `#### ${m(f.title)}`,
        '',
        `\`${f.checkId.replace(/`/g, '')}\` · ${m(categoryLabel(f.category))} · ${formatPoints(f.pointsLost)} points lost`,
        '',
        `**Evidence:** ${m(f.detail)}`,
        '',
        `**Fix:** ${m(f.recommendation)}`,
      );
      if (f.urls.length > 0) {
        out.push('');
        for (const url of f.urls.slice(0, URLS_PER_FINDING)) out.push(`- ${m(url)}`);
        if (f.urls.length > URLS_PER_FINDING) out.push(`- … and ${f.urls.length - URLS_PER_FINDING} more`);
      }
    }
  }
  return out;
}

function site(s: SiteDetails): string[] {
  const checks = s.checks ?? [];
  const bots = s.botAccess ?? [];
  const pages = s.pages ?? [];
  const pagesTotal = s.pagesTotal ?? pages.length;
  const out = [
    '',
    `**Crawl:** ${m(crawlSummary(s))}`,
    '',
    `## Checks (${checks.length})`,
    '',
    table(
      ['Check', 'Category', 'Status', 'Severity', 'Points lost'],
      checks.map((c) => [
        `${m(c.title)} (\`${String(c.checkId).replace(/`/g, '')}\`)`,
        m(categoryLabel(c.category ?? '')),
        c.status === 'NOT_APPLICABLE' ? 'N/A' : m(c.status),
        m(c.severity ?? '—'),
        formatPoints(c.pointsLost ?? 0),
      ]),
      ['l', 'l', 'l', 'l', 'r'],
    ),
    '',
    '## AI bot access',
    '',
    table(
      ['Bot', 'Operator', 'Purpose', 'robots.txt', 'Pages blocked', 'Probe'],
      bots.map((b) => [
        m(b.bot),
        m(b.operator),
        m(b.purpose),
        m(b.robots),
        b.pagesBlocked,
        b.probeVerdict ? `${m(b.probeStatus ?? 'failed')} · ${m(b.probeVerdict)}` : 'not probed',
      ]),
      ['l', 'l', 'l', 'l', 'r', 'l'],
    ),
    '',
    `## Pages crawled (${pagesTotal})`,
    '',
  ];
  const listed = pages.slice(0, ROW_LIMIT);
  if (pagesTotal > listed.length) out.push(`First ${listed.length} of ${pagesTotal}.`, '');
  out.push(
    table(
      ['URL', 'Status', 'Title', 'Words'],
      listed.map((p) => [m(p.url), m(p.status ?? p.error ?? 'failed'), m(p.title ?? '—'), p.words ?? '—']),
      ['l', 'r', 'l', 'r'],
    ),
  );
  const skipped = Object.entries(s.skippedTotal ?? {});
  if (skipped.length > 0) {
    out.push('', `**Skipped URLs:** ${skipped.map(([reason, n]) => `${m(reason)} ${n}`).join(', ')}`);
  }
  return out;
}

function visibility(v: VisibilityDetails): string[] {
  const series = [
    { label: 'All engines', metrics: v.visibility.overall },
    ...v.visibility.engines.map((en) => ({ label: en.engine, metrics: en.metrics })),
  ];
  const answers = v.answers.slice(0, ROW_LIMIT);
  const out = [
    '',
    '## Visibility by engine',
    '',
    table(
      ['Engine', 'Answers', ...VISIBILITY_METRICS.map(([, label]) => label), 'Avg. position'],
      series.map((s) => [
        m(s.label),
        s.metrics.answers,
        ...VISIBILITY_METRICS.map(([key]) => m(formatEstimate(s.metrics[key]))),
        s.metrics.averagePosition === null ? '—' : s.metrics.averagePosition.toFixed(1),
      ]),
      ['l', 'r', 'l', 'l', 'l', 'l', 'l', 'r'],
    ),
    '',
    `## Answers (${v.answers.length})`,
    '',
  ];
  if (v.answers.length > answers.length) out.push(`First ${answers.length} of ${v.answers.length}.`, '');
  out.push(
    table(
      ['Engine', 'Prompt', 'Mentioned', 'Position', 'Citations', 'Brand citations'],
      answers.map((a) => [
        m(a.engine),
        m(a.prompt),
        a.analysis.brandMentioned ? 'yes' : 'no',
        a.analysis.brandPosition ?? '—',
        a.citations.length,
        a.analysis.brandCitations.length,
      ]),
      ['l', 'l', 'l', 'r', 'r', 'r'],
    ),
  );
  return out;
}

function trend(doc: AuditResultDocument): string[] {
  if (!doc.project || doc.project.trend.length === 0) return [];
  const withMention = doc.kind === 'VISIBILITY';
  return [
    '',
    `## Trend — ${m(doc.project.name)}`,
    '',
    table(
      ['Run', 'Score', ...(withMention ? ['Mention rate'] : [])],
      doc.project.trend.map((t) => [
        m(formatDate(t.at)),
        t.score === null ? '—' : Math.round(t.score),
        ...(withMention ? [formatPercent(t.mentionRate)] : []),
      ]),
      ['l', 'r', 'r'],
    ),
  ];
}

export function renderMarkdown(doc: AuditResultDocument, generatedAt: Date): string {
  const lines = [
    `# AEO ${doc.kind === 'SITE' ? 'site' : 'visibility'} audit: ${formatScore(doc)}`,
    '',
    `**URL:** ${m(doc.url)}  `,
    `**Status:** ${m(doc.status)} · **Started:** ${formatDate(doc.createdAt)} · **Finished:** ${formatDate(doc.finishedAt)}`,
  ];
  if (doc.project) lines.push('', `**Project:** ${m(doc.project.name)}`);
  if (doc.error) lines.push('', `**Error:** ${m(doc.error)}`);
  if (doc.categories.length > 0) {
    lines.push(
      '',
      '## Categories',
      '',
      table(
        ['Category', 'Score', 'Weight'],
        doc.categories.map((c) => [
          m(categoryLabel(c.category)),
          m(categoryValue(c)),
          c.applicable ? formatPercent(c.weight) : '—',
        ]),
        ['l', 'r', 'r'],
      ),
    );
  }
  lines.push('', ...findings(doc));
  if (doc.site) lines.push(...site(doc.site));
  if (doc.visibility) lines.push(...visibility(doc.visibility));
  lines.push(...trend(doc));
  lines.push('', `<sub>Generated by aeo-audit on ${formatDate(generatedAt.toISOString())}.</sub>`, '');
  return lines.join('\n');
}
