// One entry point for every report format: the API's `GET /reports/<id>.<format>` and the `aeo`
// CLI both call renderReport. Pure: a document in, a body out.
import type { AuditResultDocument, CheckDefinition } from '../audit-engine/result.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';

export type ReportFormat = 'html' | 'md' | 'json' | 'csv' | 'sarif';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'md', 'json', 'csv', 'sarif'];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export interface RenderOptions {
  /** The SITE check catalogue: SARIF rules are made of it. */
  checks: readonly CheckDefinition[];
  /** When the report is generated (shown in HTML/Markdown, SARIF run properties); default now. */
  generatedAt?: Date;
  /** SARIF `tool.driver.version`; default the result format version. */
  toolVersion?: string;
}

export interface RenderedReport {
  body: string;
  contentType: string;
  /** File extension, without the dot. */
  extension: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  sarif: 'application/sarif+json; charset=utf-8',
};

export function renderReport(
  doc: AuditResultDocument,
  format: ReportFormat,
  options: RenderOptions,
): RenderedReport {
  const generatedAt = options.generatedAt ?? new Date();
  const body = (() => {
    switch (format) {
      case 'html':
        return renderHtml(doc, generatedAt);
      case 'md':
        return renderMarkdown(doc, generatedAt);
      case 'json':
        return `${JSON.stringify(doc, null, 2)}\n`;
      case 'csv':
        return renderCsv(doc);
      case 'sarif':
        return renderSarif(doc, {
          checks: options.checks,
          toolVersion: options.toolVersion ?? `result-v${doc.version}`,
          generatedAt,
        });
    }
  })();
  return { body, contentType: CONTENT_TYPES[format], extension: format };
}
