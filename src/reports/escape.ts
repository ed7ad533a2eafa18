// Escaping for every output format, in one place: what a crawled page or an answer engine wrote
// (a title, a URL, an answer) is data and must never become markup, a table cell break or a formula.

/** Text for HTML element content and double- or single-quoted attribute values (also SVG). */
export function escapeHtml(value: string | number | boolean | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Inline Markdown text (GitHub-flavoured): the punctuation that could start emphasis, a link, code,
 * raw HTML or a table cell break is backslash-escaped (CommonMark allows it before any ASCII
 * punctuation), and line breaks become spaces so one value stays on one line.
 */
export function escapeMarkdown(value: string | number | boolean | null | undefined): string {
  return String(value ?? '')
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]<>#|~]/g, '\\$&');
}

/** RFC 4180 field: quoted when it holds a quote, comma or line break, quotes doubled. */
export function csvField(value: string | number | boolean | null | undefined): string {
  let text = String(value ?? '');
  // Spreadsheets run a cell starting with one of these as a formula (CSV/formula injection).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
