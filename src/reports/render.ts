// TEMP placeholder until the reports branch lands its renderers: JSON is real, the other formats
// are a plain-text summary. Replaced at merge.
import type { AuditResultDocument, CheckDefinition } from '../audit-engine/result.js';

export type ReportFormat = 'html' | 'md' | 'json' | 'csv' | 'sarif';

export interface RenderedReport {
  body: string;
  contentType: string;
  extension: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  sarif: 'application/sarif+json; charset=utf-8',
};

export function renderReport(
  doc: AuditResultDocument,
  format: ReportFormat,
  _options: { checks?: readonly CheckDefinition[] } = {},
): RenderedReport {
  const body =
    format === 'json'
      ? JSON.stringify(doc, null, 2)
      : `${doc.kind} audit of ${doc.url}: ${doc.status}, score ${doc.score ?? '–'} (${doc.grade ?? '–'}), ${doc.findings.length} findings\n`;
  return { body, contentType: CONTENT_TYPES[format], extension: format };
}
