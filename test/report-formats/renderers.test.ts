import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { renderReport, REPORT_FORMATS } from '../../src/reports/render.js';
import type { AuditResultDocument } from '../../src/audit-engine/result.js';
import {
  CATALOGUE,
  FORMULA_DETAIL,
  PIPE_TEXT,
  SCRIPT_TITLE,
  siteDocument,
  visibilityDocument,
} from './documents.js';

const generatedAt = new Date('2026-05-03T12:00:00.000Z');
const render = (doc: AuditResultDocument, format: (typeof REPORT_FORMATS)[number]) =>
  renderReport(doc, format, { checks: CATALOGUE, generatedAt, toolVersion: '0.1.0' });

/** Every reference to something outside the file. */
const EXTERNAL = [
  /\b(?:src|href|xlink:href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i,
  /@import/i,
  /url\(\s*["']?\s*(?:https?:)?\/\//i,
  /<link\b/i,
  /<script\b/i,
  /<iframe\b/i,
];

/** RFC 4180 parser: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break at ${i}`);
    else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('last record without CRLF');
  return rows;
}

/** Cells of a GFM table row, splitting on unescaped pipes. */
function cells(line: string): string[] {
  expect(line.startsWith('| ')).toBe(true);
  expect(line.endsWith(' |')).toBe(true);
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** Every table of a Markdown document: header, separator and rows with the same cell count. */
function markdownTables(md: string): string[][][] {
  const lines = md.split('\n');
  const tables: string[][][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('|')) continue;
    const block: string[] = [];
    while (i < lines.length && lines[i]!.startsWith('|')) block.push(lines[i++]!);
    const [head, sep, ...rows] = block.map(cells);
    expect(sep!.every((c) => /^-{3,}:?$/.test(c))).toBe(true);
    for (const row of rows) expect(row).toHaveLength(head!.length);
    expect(sep).toHaveLength(head!.length);
    tables.push([head!, ...rows]);
  }
  return tables;
}

describe('HTML report', () => {
  const site = render(siteDocument(), 'html');
  const vis = render(visibilityDocument(), 'html');

  it('is one HTML document with a viewport, inline CSS and print rules', () => {
    expect(site.contentType).toBe('text/html; charset=utf-8');
    expect(site.extension).toBe('html');
    expect(site.body).toMatch(/^<!doctype html>/);
    expect(site.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(site.body).toContain('@media print');
    expect(site.body).toMatch(/break-inside:avoid/);
  });

  it('references nothing outside the file', () => {
    for (const body of [site.body, vis.body]) {
      for (const pattern of EXTERNAL) expect(body).not.toMatch(pattern);
      // Servable under a strict CSP: no style attribute, no event handler attribute.
      expect(body).not.toMatch(/<[^>]*\sstyle=/);
      expect(body).not.toMatch(/<[^>]*\son[a-z]+=/i);
    }
  });

  it('escapes every value: a <script> title renders as text', () => {
    expect(site.body).not.toContain(SCRIPT_TITLE);
    expect(site.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Home');
    expect(vis.body).not.toContain('<img src=x');
    expect(vis.body).toContain('&lt;img src=x onerror=alert(1)&gt; which tool?');
    expect(vis.body).toContain('Acme &lt;b&gt;tools&lt;/b&gt;');
    // The only tags are the report's own.
    const tags = new Set([...site.body.matchAll(/<([a-z][a-z0-9]*)\b/g)].map((m) => m[1]));
    expect(
      [...tags].filter(
        (t) =>
          !'html head meta title style body main header h1 h2 h3 h4 section div small span dl dt dd svg text rect line polyline circle table thead tbody tr th td article p strong code ul li br footer'
            .split(' ')
            .includes(t!),
      ),
    ).toEqual([]);
  });

  it('shows the summary: URL, kind, status, score, grade badge and dates', () => {
    expect(site.body).toContain('data-score="63">63<small>/100</small>');
    expect(site.body).toContain('<span class="grade grade-D" title="Grade">D</span>');
    expect(site.body).toContain('<dd>https://example.com/</dd>');
    expect(site.body).toContain('<dd>SITE</dd>');
    expect(site.body).toContain('<dd>SUCCEEDED</dd>');
    expect(site.body).toContain('2026-05-01 10:00 UTC');
    expect(site.body).toContain('2026-05-01 10:02 UTC');
    expect(site.body).toContain('2026-05-03 12:00 UTC');
  });

  it('draws category bars and says why a category is not applicable', () => {
    expect(site.body).toContain('class="chart chart-bars"');
    expect(site.body).toContain('not applicable — no page has 150 words of text');
    expect(site.body).toContain('AI access');
  });

  it('lists every finding grouped by severity with evidence, fix and URLs', () => {
    const doc = siteDocument();
    for (const f of doc.findings) {
      expect(site.body).toContain(`<code>${f.checkId}</code>`);
      expect(site.body).toContain(f.recommendation.replace(/"/g, '&quot;'));
    }
    const order = ['CRITICAL (1)', 'HIGH (1)', 'MEDIUM (1)', 'LOW (1)', 'INFO (1)'].map((h) =>
      site.body.indexOf(`<h3>${h}</h3>`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(site.body).toContain('<li>https://example.com/pricing?a=1&amp;b=2</li>');
    expect(site.body).toContain('=HYPERLINK(&quot;http://evil.example&quot;');
  });

  it('has the checks, bot-access, pages and skipped tables of a SITE audit', () => {
    expect(site.body).toContain('<h2>Checks (4)</h2>');
    expect(site.body).toContain('<span class="st-PASSED">PASSED</span>');
    expect(site.body).toContain('<span class="st-FAILED">FAILED</span>');
    expect(site.body).toContain('<span class="st-NOT_APPLICABLE">N/A</span>');
    expect(site.body).toContain('<h2>AI bot access</h2>');
    expect(site.body).toMatch(
      /<strong>OAI-SearchBot<\/strong><\/td><td>OpenAI<\/td><td>search<\/td><td>blocked<\/td><td class="num">3<\/td><td>403 · blocked<\/td>/,
    );
    expect(site.body).toContain('<span class="na">not probed</span>');
    expect(site.body).toContain('<h2>Pages crawled (3)</h2>');
    expect(site.body).toContain(PIPE_TEXT);
    expect(site.body).toContain('connection reset');
    expect(site.body).toContain('<h2>Skipped URLs (13)</h2>');
    expect(site.body).toContain('robots: 1, limit: 12');
    expect(site.body).toContain('max-pages 50 reached');
  });

  it('bounds the pages table and counts the rest', () => {
    const doc = siteDocument();
    const page = doc.site!.pages[0]!;
    doc.site!.pages = Array.from({ length: 250 }, (_, i) => ({ ...page, url: `https://example.com/p${i}` }));
    doc.site!.pagesTotal = 1000;
    const body = render(doc, 'html').body;
    expect(body).toContain('Showing the first 200 of 1000 pages.');
    expect(body).toContain('https://example.com/p199<');
    expect(body).not.toContain('https://example.com/p200<');
  });

  it('draws the score trend of a project', () => {
    expect(site.body).toContain('<h2>Trend — Example | weekly</h2>');
    expect(site.body).toContain('class="chart chart-line"');
    // The run without a score breaks the line: two segments… one of a single point is not drawn.
    expect(site.body.match(/<polyline/g)).toHaveLength(1);
    expect(site.body.match(/<circle/g)).toHaveLength(3);
  });

  it('shows per-engine metrics with 95% intervals as error bars and the answers table', () => {
    expect(vis.body).toContain('class="chart chart-intervals"');
    // 5 metrics × (overall + openai + anthropic) bars, less the anthropic citation rate (no data).
    expect(vis.body.match(/class="error-bar"/g)).toHaveLength(14);
    expect(vis.body).toContain('50% (95% CI 35–65%, n=4)');
    expect(vis.body).toContain('<h2>Answers (4)</h2>');
    expect(vis.body).toContain('best audit tool | for small teams');
    expect(vis.body).toContain('<strong>Acme &lt;b&gt;tools&lt;/b&gt; — https://acme.example/tools</strong>');
    expect(vis.body).toContain('1 answer failed: HTTP 529');
    expect(vis.body).toContain('<h3>Mention rate</h3>');
    expect(vis.body.match(/class="chart chart-line"/g)).toHaveLength(2);
    expect(vis.body).toContain('<span class="grade grade-F" title="Grade">F</span>');
  });

  it('survives a document without details or project', () => {
    const doc = { ...siteDocument(), site: null, project: null, findings: [], score: null, grade: null };
    const body = render(doc, 'html').body;
    expect(body).toContain('No findings.');
    expect(body).not.toContain('Trend');
  });
});

describe('Markdown report', () => {
  const site = render(siteDocument(), 'md');
  const vis = render(visibilityDocument(), 'md');

  it('starts with the score and grade', () => {
    expect(site.contentType).toBe('text/markdown; charset=utf-8');
    expect(site.body.split('\n')[0]).toBe('# AEO site audit: 63/100 (grade D)');
    expect(vis.body.split('\n')[0]).toBe('# AEO visibility audit: 48/100 (grade F)');
  });

  it('has well-formed tables, pipes escaped in cells', () => {
    const tables = markdownTables(site.body);
    expect(tables.map((t) => t[0]![0])).toEqual(['Category', 'Check', 'Bot', 'URL', 'Run']);
    const pages = tables[3]!;
    expect(pages.find((row) => row[0] === 'https://example.com/pricing')?.[2]).toBe('Pricing \\| Example Co');
    expect(tables[0]!.find((row) => row[0] === 'Answerability')?.[1]).toBe(
      'not applicable — no page has 150 words of text',
    );
    const visTables = markdownTables(vis.body);
    expect(visTables.map((t) => t[0]![0])).toEqual(['Category', 'Engine', 'Engine', 'Run']);
    expect(visTables[2]!.slice(1).map((r) => r[1])).toContain('best audit tool \\| for small teams');
  });

  it('lists findings by severity with evidence, fix and a few URLs, markup escaped', () => {
    for (const f of siteDocument().findings) expect(site.body).toContain(`\`${f.checkId}\``);
    expect(site.body.indexOf('### CRITICAL (1)')).toBeLessThan(site.body.indexOf('### HIGH (1)'));
    expect(site.body).toContain('**Fix:** Remove the Disallow rules for the AI search crawlers.');
    expect(site.body).toContain('- https://example.com/pricing?a=1&b=2');
    expect(site.body).toContain('\\<script\\>alert("x")\\</script\\> Home');
    expect(site.body).not.toContain('<script>');
    expect(vis.body).not.toMatch(/(?<!\\)<img/);
  });
});

describe('JSON report', () => {
  it('is the document itself, pretty-printed', () => {
    const doc = siteDocument();
    const json = render(doc, 'json');
    expect(json.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body)).toEqual(doc);
    expect(json.body).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });
});

describe('CSV report', () => {
  it('parses back to one row per finding, formula cells neutralised', () => {
    const doc = siteDocument();
    const csv = render(doc, 'csv');
    expect(csv.contentType).toMatch(/^text\/csv; charset=utf-8/);
    const rows = parseCsv(csv.body);
    expect(rows[0]).toEqual([
      'checkId',
      'category',
      'severity',
      'title',
      'pointsLost',
      'detail',
      'recommendation',
      'urls',
    ]);
    expect(rows).toHaveLength(doc.findings.length + 1);
    doc.findings.forEach((f, i) => {
      const row = rows[i + 1]!;
      expect(row[0]).toBe(f.checkId);
      expect(row[2]).toBe(f.severity);
      expect(Number(row[4])).toBe(f.pointsLost);
      expect(row[5]).toBe(/^[=+\-@]/.test(f.detail) ? `'${f.detail}` : f.detail);
      expect(row[7]).toBe(f.urls.join(' '));
    });
    expect(rows[3]![5]).toBe(`'${FORMULA_DETAIL}`);
    expect(rows[3]![6]).toBe('Add a 50–160 character description, "quoted", to each page.');
    expect(rows.every((r) => r.every((c) => !/^[=+\-@\t\r]/.test(c)))).toBe(true);
  });

  it('quotes commas, quotes and line breaks', () => {
    const doc = siteDocument();
    doc.findings = [{ ...doc.findings[0]!, detail: 'a, "b"\r\nc', title: '@SUM(A1)', recommendation: '\tx' }];
    const rows = parseCsv(render(doc, 'csv').body);
    expect(rows[1]![5]).toBe('a, "b"\r\nc');
    expect(rows[1]![3]).toBe("'@SUM(A1)");
    expect(rows[1]![6]).toBe("'\tx");
  });
});

describe('SARIF report', () => {
  const schema = JSON.parse(
    readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
  );
  // SARIF's schema is draft-07: Ajv's default class. Formats checked with small local validators.
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'https://base.invalid/'));
  ajv.addFormat('date-time', (s: string) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s),
  );
  const validate = ajv.compile(schema);

  it('validates against the SARIF 2.1.0 schema (SITE and VISIBILITY)', () => {
    for (const doc of [siteDocument(), visibilityDocument()]) {
      const log = JSON.parse(render(doc, 'sarif').body);
      const valid = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
    // The validator is real: a broken log fails.
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('has one run by aeo-audit with rules from the catalogue', () => {
    const sarif = render(siteDocument(), 'sarif');
    expect(sarif.contentType).toBe('application/sarif+json; charset=utf-8');
    expect(sarif.extension).toBe('sarif');
    const log = JSON.parse(sarif.body);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({
      name: 'aeo-audit',
      version: '0.1.0',
      informationUri: expect.stringMatching(/^https:/),
    });
    const title = driver.rules.find((r: any) => r.id === 'basics.title');
    expect(title).toEqual({
      id: 'basics.title',
      name: 'BasicsTitle',
      shortDescription: { text: 'Every page has one descriptive title' },
      fullDescription: { text: 'Looks for exactly one non-empty <title> of 10–70 characters per HTML page.' },
      help: {
        text: 'Answer engines quote the title when they cite a page.\nSource: https://developers.google.com/search/docs/appearance/title-link',
        markdown: expect.any(String),
      },
      helpUri: 'https://developers.google.com/search/docs/appearance/title-link',
      defaultConfiguration: { level: 'warning' },
      properties: { category: 'basics', weight: 2, tags: ['aeo', 'basics'] },
    });
  });

  it('has one result per finding, with levels, messages and locations', () => {
    const doc = siteDocument();
    const run = JSON.parse(render(doc, 'sarif').body).runs[0];
    expect(run.results).toHaveLength(doc.findings.length);
    const ids = new Set(run.tool.driver.rules.map((r: any) => r.id));
    for (const r of run.results) {
      expect(ids.has(r.ruleId)).toBe(true);
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
    expect(run.results.map((r: any) => r.level)).toEqual(['error', 'error', 'warning', 'warning', 'note']);
    const [critical, high] = run.results;
    // Site-wide finding: the audited URL.
    expect(critical.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'https://example.com/' } } },
    ]);
    expect(high.locations.map((l: any) => l.physicalLocation.artifactLocation.uri)).toEqual(
      doc.findings[1]!.urls,
    );
    expect(high.message.text).toBe(
      `${doc.findings[1]!.title}: ${doc.findings[1]!.detail}\nFix: ${doc.findings[1]!.recommendation}`,
    );
    expect(high.properties).toEqual({ severity: 'HIGH', pointsLost: 7.5, category: 'basics' });
    // ai_access.training-bots-blocked is not in the catalogue: a rule made from the finding.
    expect(run.tool.driver.rules.find((r: any) => r.id === 'ai_access.training-bots-blocked')).toMatchObject({
      shortDescription: { text: 'GPTBot (training) is blocked' },
      defaultConfiguration: { level: 'note' },
    });
    expect(run.properties).toMatchObject({ score: 63, grade: 'D', kind: 'SITE' });
  });

  it('makes rules from VISIBILITY findings, which have no catalogue entry', () => {
    const doc = visibilityDocument();
    const run = JSON.parse(renderReport(doc, 'sarif', { checks: [] }).body).runs[0];
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual([
      'visibility.low-mention-rate',
      'visibility.not-cited',
    ]);
    expect(run.results.map((r: any) => [r.ruleId, r.level])).toEqual([
      ['visibility.low-mention-rate', 'error'],
      ['visibility.not-cited', 'warning'],
    ]);
    expect(run.results[1].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'https://acme.example/tools',
    );
  });
});
