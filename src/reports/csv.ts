// Findings as CSV (RFC 4180: CRLF line ends, quoted fields where needed), one row per finding, safe
// to open in a spreadsheet (see csvField).
import type { AuditResultDocument } from '../audit-engine/result.js';
import { csvField } from './escape.js';

export const CSV_COLUMNS = [
  'checkId',
  'category',
  'severity',
  'title',
  'pointsLost',
  'detail',
  'recommendation',
  'urls',
] as const;

export function renderCsv(doc: AuditResultDocument): string {
  const rows = doc.findings.map((f) =>
    CSV_COLUMNS.map((column) => csvField(column === 'urls' ? f.urls.join(' ') : f[column])).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].map((row) => `${row}\r\n`).join('');
}
