// The HTML report: one self-contained file (inline CSS and SVG, no script, no external asset),
// readable on a phone and printable to PDF. Every value from the audit is escaped.
import type { ReportFinding } from '../audit-engine/report.js';
import type { AuditResultDocument, SiteDetails } from '../audit-engine/result.js';
import type { VisibilityDetails } from '../audit-engine/visibility/index.js';
import { escapeHtml as e } from './escape.js';
import {
  categoryLabel,
  categoryValue,
  findingsBySeverity,
  formatDate,
  formatEstimate,
  formatPercent,
  formatPoints,
  VISIBILITY_METRICS,
  crawlSummary,
} from './labels.js';
import { barChart, intervalChart, lineChart } from './svg.js';

/** Rows listed per table; the rest are counted. Keeps a report of a big crawl readable. */
export const HTML_ROW_LIMIT = 200;
/** URLs listed under one finding. */
const URLS_PER_FINDING = 20;

const CSS = `
:root{color-scheme:light;--fg:#24292f;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff;overflow-wrap:break-word}
.facts dd,.finding{overflow-wrap:anywhere}
main{max-width:960px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2em 0}
h2{font-size:1.25rem;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.2em 0 .4em}
.muted{color:var(--muted)}
.summary{display:flex;flex-wrap:wrap;gap:16px;align-items:center;background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:16px}
.score{font-size:2.6rem;font-weight:700;line-height:1}
.score small{font-size:1rem;font-weight:400;color:var(--muted)}
.grade{display:inline-block;min-width:2.4em;text-align:center;font-size:1.5rem;font-weight:700;color:#fff;border-radius:8px;padding:.15em .4em}
.grade-A,.grade-B{background:#1a7f37}.grade-C{background:#9a6700}.grade-D{background:#bc4c00}.grade-F{background:#cf222e}
.facts{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;min-width:0;flex:1 1 260px}
.facts dt{color:var(--muted)}
.facts dd{margin:0;min-width:0}
.chart{display:block;width:100%;max-width:720px;height:auto;margin:8px 0}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.9rem}
td code{word-break:break-all}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--bg)}
td.num,th.num{text-align:right;white-space:nowrap}
.finding{border:1px solid var(--line);border-left-width:5px;border-radius:6px;padding:8px 12px;margin:8px 0}
.finding h4{margin:0 0 4px;font-size:1rem}
.finding p{margin:4px 0}
.finding ul{margin:4px 0;padding-left:20px}
.sev{display:inline-block;font-size:.75rem;font-weight:700;border-radius:4px;padding:0 6px;color:#fff;vertical-align:middle}
.sev-CRITICAL{background:#82071e}.sev-HIGH{background:#cf222e}.sev-MEDIUM{background:#bc4c00}.sev-LOW{background:#9a6700}.sev-INFO{background:#57606a}
.finding.sev-CRITICAL{border-left-color:#82071e;background:#fff}.finding.sev-HIGH{border-left-color:#cf222e;background:#fff}
.finding.sev-MEDIUM{border-left-color:#bc4c00;background:#fff}.finding.sev-LOW{border-left-color:#9a6700;background:#fff}
.finding.sev-INFO{border-left-color:#57606a;background:#fff}
.st-PASSED{color:#1a7f37;font-weight:600}.st-FAILED{color:#cf222e;font-weight:600}.st-NOT_APPLICABLE{color:var(--muted)}
.na{color:var(--muted);font-style:italic}
footer{margin-top:32px;font-size:.8rem;color:var(--muted)}
@media (max-width:600px){main{padding:10px}.score{font-size:2.1rem}th,td{padding:3px 5px}}
@media print{
  body{font-size:11pt}
  main{max-width:none;padding:0}
  .table-wrap{overflow:visible}
  h2{break-before:page;break-after:avoid}
  section.first h2,h3,h4{break-after:avoid}
  section.first h2{break-before:auto}
  tr,.finding,.chart,.summary{break-inside:avoid}
  thead{display:table-header-group}
  .summary,.grade,.sev,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

function table(head: readonly (string | [string, 'num'])[], rows: readonly string[][]): string {
  const th = head
    .map((h) => (Array.isArray(h) ? `<th class="num">${e(h[0])}</th>` : `<th>${e(h)}</th>`))
    .join('');
  const numeric = head.map((h) => Array.isArray(h));
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells.map((c, i) => (numeric[i] ? `<td class="num">${c}</td>` : `<td>${c}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<div class="table-wrap"><table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function more(shown: number, total: number, what: string): string {
  return total > shown ? `<p class="muted">Showing the first ${shown} of ${total} ${what}.</p>` : '';
}

function summary(doc: AuditResultDocument, generatedAt: Date): string {
  const score =
    doc.score === null
      ? '<div class="score">—<small> no score</small></div>'
      : `<div class="score" data-score="${Math.round(doc.score)}">${Math.round(doc.score)}<small>/100</small></div>`;
  const grade = doc.grade
    ? `<span class="grade grade-${e(doc.grade)}" title="Grade">${e(doc.grade)}</span>`
    : '';
  const facts: [string, string][] = [
    ['URL', e(doc.url)],
    ['Kind', e(doc.kind)],
    ['Status', e(doc.status)],
    ['Started', e(formatDate(doc.createdAt))],
    ['Finished', e(formatDate(doc.finishedAt))],
    ...(doc.project ? ([['Project', e(doc.project.name)]] as [string, string][]) : []),
    ...(doc.error ? ([['Error', e(doc.error)]] as [string, string][]) : []),
    ['Report generated', e(formatDate(generatedAt.toISOString()))],
  ];
  return (
    `<section class="first"><div class="summary">${score}${grade}` +
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${v}</dd>`).join('')}</dl></div></section>`
  );
}

function categories(doc: AuditResultDocument): string {
  if (doc.categories.length === 0) return '';
  const chart = barChart(
    doc.categories.map((c) => ({
      label: categoryLabel(c.category),
      value: c.applicable ? c.score : null,
      note: c.applicable ? undefined : categoryValue(c),
    })),
    'Score per category (0–100)',
  );
  const rows = doc.categories.map((c) => [
    e(categoryLabel(c.category)),
    c.applicable ? e(Math.round(c.score)) : `<span class="na">${e(categoryValue(c))}</span>`,
    c.applicable ? e(formatPercent(c.weight)) : '—',
  ]);
  return `<section><h2>Categories</h2>${chart}${table(['Category', ['Score', 'num'], ['Weight', 'num']], rows)}</section>`;
}

function finding(f: ReportFinding): string {
  const urls = f.urls.slice(0, URLS_PER_FINDING);
  const list =
    urls.length === 0
      ? ''
      : `<ul class="urls">${urls.map((u) => `<li>${e(u)}</li>`).join('')}</ul>${
          f.urls.length > urls.length
            ? `<p class="muted">… and ${f.urls.length - urls.length} more URLs</p>`
            : ''
        }`;
  return (
    `<article class="finding sev-${e(f.severity)}"><h4><span class="sev sev-${e(f.severity)}">${e(f.severity)}</span> ${e(f.title)}</h4>` +
    `<p class="muted"><code>${e(f.checkId)}</code> · ${e(categoryLabel(f.category))} · ${e(formatPoints(f.pointsLost))} points lost</p>` +
    `<p><strong>Evidence:</strong> ${e(f.detail)}</p>` +
    `<p><strong>Fix:</strong> ${e(f.recommendation)}</p>${list}</article>`
  );
}

function findings(doc: AuditResultDocument): string {
  if (doc.findings.length === 0) return '<section><h2>Findings</h2><p>No findings.</p></section>';
  const groups = findingsBySeverity(doc.findings)
    .map(([severity, group]) => `<h3>${e(severity)} (${group.length})</h3>${group.map(finding).join('')}`)
    .join('');
  return `<section><h2>Findings (${doc.findings.length})</h2>${groups}</section>`;
}

function siteSections(site: SiteDetails): string {
  const checks = site.checks ?? [];
  const bots = site.botAccess ?? [];
  const pages = site.pages ?? [];
  const skipped = site.skipped ?? [];
  const pagesTotal = site.pagesTotal ?? pages.length;
  const skippedTotal = Object.values(site.skippedTotal ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  const out: string[] = [];
  out.push(`<p class="crawl-outcome"><strong>Crawl:</strong> ${e(crawlSummary(site))}</p>`);
  out.push(
    `<section><h2>Checks (${checks.length})</h2>${table(
      ['Check', 'Category', 'Status', 'Severity', ['Points lost', 'num']],
      checks.map((c) => [
        `${e(c.title)}<br><code class="muted">${e(c.checkId)}</code>`,
        e(categoryLabel(c.category ?? '')),
        `<span class="st-${e(c.status)}">${e(c.status === 'NOT_APPLICABLE' ? 'N/A' : c.status)}</span>`,
        e(c.severity ?? '—'),
        e(formatPoints(c.pointsLost ?? 0)),
      ]),
    )}</section>`,
  );
  out.push(
    `<section><h2>AI bot access</h2>${table(
      ['Bot', 'Operator', 'Purpose', 'robots.txt', ['Pages blocked', 'num'], 'Probe'],
      bots.map((b) => [
        `<strong>${e(b.bot)}</strong>`,
        e(b.operator),
        e(b.purpose),
        e(b.robots),
        e(b.pagesBlocked),
        b.probeVerdict === null || b.probeVerdict === undefined
          ? '<span class="na">not probed</span>'
          : `${e(b.probeStatus ?? 'failed')} · ${e(b.probeVerdict)}`,
      ]),
    )}</section>`,
  );
  const listed = pages.slice(0, HTML_ROW_LIMIT);
  out.push(
    `<section><h2>Pages crawled (${pagesTotal})</h2>${more(listed.length, pagesTotal, 'pages')}${table(
      ['URL', ['Status', 'num'], ['Depth', 'num'], 'Title', ['Words', 'num'], 'Failed checks'],
      listed.map((p) => [
        `${e(p.url)}${p.finalUrl && p.finalUrl !== p.url ? `<br><span class="muted">→ ${e(p.finalUrl)}</span>` : ''}`,
        e(p.status ?? p.error ?? 'failed'),
        e(p.depth),
        e(p.title ?? '—'),
        e(p.words ?? '—'),
        e((p.failedChecks ?? []).join(', ') || '—'),
      ]),
    )}</section>`,
  );
  if (skippedTotal > 0 || skipped.length > 0) {
    const byReason = Object.entries(site.skippedTotal ?? {})
      .map(([reason, n]) => `${reason}: ${n}`)
      .join(', ');
    const shown = skipped.slice(0, HTML_ROW_LIMIT);
    out.push(
      `<section><h2>Skipped URLs (${Math.max(skippedTotal, skipped.length)})</h2>` +
        (byReason ? `<p class="muted">${e(byReason)}</p>` : '') +
        more(shown.length, Math.max(skippedTotal, skipped.length), 'skipped URLs') +
        table(
          ['URL', 'Reason', 'Detail'],
          shown.map((s) => [e(s.url), e(s.reason), e(s.detail ?? '')]),
        ) +
        '</section>',
    );
  }
  return out.join('');
}

function visibilitySections(v: VisibilityDetails): string {
  const series = [
    { label: 'All engines', metrics: v.visibility.overall },
    ...v.visibility.engines.map((en) => ({ label: en.engine, metrics: en.metrics })),
  ];
  const chart = intervalChart(
    VISIBILITY_METRICS.map(([key, label]) => ({
      label,
      points: series.map((s) => ({ label: s.label, estimate: s.metrics[key] })),
    })),
    'Visibility metrics per engine, with 95% intervals',
  );
  const metricsTable = table(
    [
      'Engine',
      ['Answers', 'num'],
      ...VISIBILITY_METRICS.map(([, label]) => label),
      ['Avg. position', 'num'],
      ['Sentiment', 'num'],
    ],
    series.map((s) => [
      `<strong>${e(s.label)}</strong>`,
      e(s.metrics.answers),
      ...VISIBILITY_METRICS.map(([key]) => e(formatEstimate(s.metrics[key]))),
      e(s.metrics.averagePosition === null ? '—' : s.metrics.averagePosition.toFixed(1)),
      e(s.metrics.sentiment === null ? '—' : s.metrics.sentiment.toFixed(2)),
    ]),
  );
  const engineErrors = v.visibility.engines.filter((en) => en.error);
  const out = [
    `<section><h2>Visibility by engine</h2>${chart}${metricsTable}` +
      `<p class="muted">Intervals are 95% Wilson intervals; they treat answers as independent, so with several samples or engines per prompt they are narrower than the data justify.</p>` +
      (engineErrors.length
        ? `<ul>${engineErrors.map((en) => `<li><strong>${e(en.engine)}</strong>: ${e(en.error)}</li>`).join('')}</ul>`
        : '') +
      '</section>',
  ];
  const answers = v.answers.slice(0, HTML_ROW_LIMIT);
  out.push(
    `<section><h2>Answers (${v.answers.length})</h2>${more(answers.length, v.answers.length, 'answers')}${table(
      ['Engine', 'Prompt', 'Mentioned', ['Position', 'num'], 'Citations'],
      answers.map((a) => [
        `${e(a.engine)}${a.cached ? ' <span class="muted">(cached)</span>' : ''}`,
        e(a.prompt),
        a.analysis.brandMentioned ? 'yes' : 'no',
        e(a.analysis.brandPosition ?? '—'),
        a.citations.length === 0
          ? '<span class="na">none</span>'
          : `<ul>${a.citations
              .slice(0, 10)
              .map(
                (c) =>
                  `<li>${a.analysis.brandCitations.includes(c.url) ? '<strong>' : ''}${e(c.title ? `${c.title} — ${c.url}` : c.url)}${a.analysis.brandCitations.includes(c.url) ? '</strong>' : ''}</li>`,
              )
              .join(
                '',
              )}</ul>${a.citations.length > 10 ? `<span class="muted">… ${a.citations.length - 10} more</span>` : ''}`,
      ]),
    )}</section>`,
  );
  if (v.failures.length > 0) {
    out.push(
      `<section><h2>Failed answers (${v.failures.length})</h2>${table(
        ['Engine', 'Prompt', 'Error'],
        v.failures.slice(0, HTML_ROW_LIMIT).map((f) => [e(f.engine), e(f.prompt), e(f.error)]),
      )}</section>`,
    );
  }
  if (v.usage.length > 0) {
    out.push(
      `<section><h2>Usage</h2>${table(
        [
          'Engine',
          'Model',
          ['Requests', 'num'],
          ['Answers', 'num'],
          ['Cached', 'num'],
          ['Failed', 'num'],
          ['Tokens in', 'num'],
          ['Tokens out', 'num'],
        ],
        v.usage.map((u) => [
          e(u.engine),
          e(u.model),
          e(u.requests),
          e(u.answers),
          e(u.cachedAnswers),
          e(u.failedAnswers),
          e(u.tokens.inputTokens),
          e(u.tokens.outputTokens),
        ]),
      )}</section>`,
    );
  }
  return out.join('');
}

function trends(doc: AuditResultDocument): string {
  const trend = doc.project?.trend ?? [];
  if (!doc.project || trend.length === 0) return '';
  const label = (at: string) => formatDate(at).slice(0, 10);
  const charts = [
    `<h3>Score</h3>${lineChart(
      trend.map((t) => ({ label: label(t.at), value: t.score })),
      {
        label: `Score of the last ${trend.length} runs`,
        min: 0,
        max: 100,
        format: (v) => String(Math.round(v)),
      },
    )}`,
  ];
  if (doc.kind === 'VISIBILITY') {
    charts.push(
      `<h3>Mention rate</h3>${lineChart(
        trend.map((t) => ({ label: label(t.at), value: t.mentionRate })),
        {
          label: `Mention rate of the last ${trend.length} runs`,
          min: 0,
          max: 1,
          format: (v) => formatPercent(v),
        },
      )}`,
    );
  }
  return `<section><h2>Trend — ${e(doc.project.name)}</h2>${charts.join('')}</section>`;
}

export function renderHtml(doc: AuditResultDocument, generatedAt: Date): string {
  const title = `AEO ${doc.kind === 'SITE' ? 'site' : 'visibility'} audit — ${doc.url}`;
  const body = [
    `<header><h1>${e(title)}</h1></header>`,
    summary(doc, generatedAt),
    categories(doc),
    findings(doc),
    doc.site ? siteSections(doc.site) : '',
    doc.visibility ? visibilitySections(doc.visibility) : '',
    trends(doc),
    `<footer>Generated by aeo-audit · result format version ${e(doc.version)}${doc.id ? ` · audit ${e(doc.id)}` : ''}</footer>`,
  ].join('\n');
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${e(title)}</title><style>${CSS}</style></head>\n<body><main>\n${body}\n</main></body></html>\n`
  );
}
