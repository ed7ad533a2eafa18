// Charts as inline SVG strings, drawn on the server: no script, no external asset, sharp in print.
// Every chart scales to its container (viewBox, width 100%) and carries a <title> and an
// aria-label; every text in it is escaped.
import { escapeHtml } from './escape.js';

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';

function svgOpen(width: number, height: number, label: string, className: string): string {
  return (
    `<svg class="${className}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" ` +
    `width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-label="${escapeHtml(label)}" ${FONT}>` +
    `<title>${escapeHtml(label)}</title>`
  );
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Colour of a 0..100 score: red below 60, amber below 80, green from 80. */
export function scoreColour(score: number): string {
  if (score >= 80) return '#1a7f37';
  if (score >= 60) return '#b58100';
  return '#cf222e';
}

export interface BarRow {
  label: string;
  /** 0..100; null draws no bar and shows `note` instead. */
  value: number | null;
  note?: string;
}

/** Horizontal bars on a 0..100 scale, one row per entry (category scores). */
export function barChart(rows: readonly BarRow[], label: string): string {
  const width = 480;
  const labelWidth = 140;
  const barWidth = width - labelWidth - 40;
  const rowHeight = 26;
  const height = Math.max(1, rows.length) * rowHeight + 8;
  const parts = [svgOpen(width, height, label, 'chart chart-bars')];
  rows.forEach((row, i) => {
    const y = 4 + i * rowHeight;
    parts.push(
      `<text x="0" y="${y + 17}" font-size="13" fill="#24292f">${escapeHtml(row.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="16" rx="3" fill="#eaeef2"/>`,
    );
    if (row.value === null) {
      parts.push(
        `<text x="${labelWidth + 6}" y="${y + 17}" font-size="12" fill="#57606a">${escapeHtml(row.note ?? 'no data')}</text>`,
      );
      return;
    }
    const value = Math.max(0, Math.min(100, row.value));
    parts.push(
      `<rect x="${labelWidth}" y="${y + 4}" width="${round((barWidth * value) / 100)}" height="16" rx="3" fill="${scoreColour(value)}"/>`,
      `<text x="${labelWidth + barWidth + 8}" y="${y + 17}" font-size="13" fill="#24292f">${Math.round(value)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface IntervalPoint {
  label: string;
  /** 0..1 with its 95% interval; null: no data. */
  estimate: { value: number; low: number; high: number; n: number } | null;
}

export interface IntervalGroup {
  label: string;
  points: IntervalPoint[];
}

const SERIES_COLOURS = ['#0969da', '#8250df', '#bf3989', '#1a7f37', '#b58100', '#57606a'];

/**
 * Rates (0..100%) as horizontal bars with their 95% intervals as error bars, in groups (one group
 * per metric, one bar per engine).
 */
export function intervalChart(groups: readonly IntervalGroup[], label: string): string {
  const width = 480;
  const labelWidth = 110;
  const plotWidth = width - labelWidth - 50;
  const rowHeight = 20;
  const groupGap = 26;
  const axis = 20;
  const rows = groups.reduce((n, g) => n + g.points.length, 0);
  const height = axis + groups.length * groupGap + rows * rowHeight + 10;
  const x = (value: number) => round(labelWidth + plotWidth * Math.max(0, Math.min(1, value)));
  const parts = [svgOpen(width, height, label, 'chart chart-intervals')];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${x(tick)}" y1="${axis - 4}" x2="${x(tick)}" y2="${height - 6}" stroke="#d0d7de" stroke-width="1"/>`,
      `<text x="${x(tick)}" y="${axis - 8}" font-size="11" fill="#57606a" text-anchor="middle">${tick * 100}%</text>`,
    );
  }
  let y = axis;
  for (const group of groups) {
    y += groupGap;
    parts.push(
      `<text x="0" y="${y - 8}" font-size="13" font-weight="600" fill="#24292f">${escapeHtml(group.label)}</text>`,
    );
    group.points.forEach((point, i) => {
      const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
      parts.push(
        `<text x="12" y="${y + 14}" font-size="12" fill="#24292f">${escapeHtml(point.label)}</text>`,
      );
      const e = point.estimate;
      if (!e) {
        parts.push(`<text x="${labelWidth + 4}" y="${y + 14}" font-size="12" fill="#57606a">no data</text>`);
      } else {
        const mid = y + 10;
        parts.push(
          `<rect x="${labelWidth}" y="${y + 4}" width="${round(x(e.value) - labelWidth)}" height="12" fill="${colour}" fill-opacity="0.75">` +
            `<title>${escapeHtml(`${point.label}: ${(e.value * 100).toFixed(1)}% (95% CI ${(e.low * 100).toFixed(1)}–${(e.high * 100).toFixed(1)}%, n=${e.n})`)}</title></rect>`,
          `<line class="error-bar" x1="${x(e.low)}" y1="${mid}" x2="${x(e.high)}" y2="${mid}" stroke="#24292f" stroke-width="1.5"/>`,
          `<line x1="${x(e.low)}" y1="${mid - 5}" x2="${x(e.low)}" y2="${mid + 5}" stroke="#24292f" stroke-width="1.5"/>`,
          `<line x1="${x(e.high)}" y1="${mid - 5}" x2="${x(e.high)}" y2="${mid + 5}" stroke="#24292f" stroke-width="1.5"/>`,
          `<text x="${labelWidth + plotWidth + 8}" y="${y + 14}" font-size="12" fill="#24292f">${Math.round(e.value * 100)}%</text>`,
        );
      }
      y += rowHeight;
    });
  }
  parts.push('</svg>');
  return parts.join('');
}

export interface LinePoint {
  /** x-axis label (a date). */
  label: string;
  value: number | null;
}

/**
 * A line over evenly spaced points (runs, oldest first) on a fixed y range; null values break
 * the line. `format` writes a y value (axis ticks and point titles).
 */
export function lineChart(
  points: readonly LinePoint[],
  options: { label: string; min: number; max: number; format: (value: number) => string },
): string {
  const width = 480;
  const height = 200;
  const left = 44;
  const right = 16;
  const top = 14;
  const bottom = 34;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const span = options.max - options.min || 1;
  const x = (i: number) => round(left + (points.length <= 1 ? plotW / 2 : (plotW * i) / (points.length - 1)));
  const y = (v: number) =>
    round(top + plotH * (1 - (Math.max(options.min, Math.min(options.max, v)) - options.min) / span));
  const parts = [svgOpen(width, height, options.label, 'chart chart-line')];
  for (let t = 0; t <= 4; t++) {
    const v = options.min + (span * t) / 4;
    parts.push(
      `<line x1="${left}" y1="${y(v)}" x2="${width - right}" y2="${y(v)}" stroke="#eaeef2" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${y(v) + 4}" font-size="11" fill="#57606a" text-anchor="end">${escapeHtml(options.format(v))}</text>`,
    );
  }
  // Segments between consecutive points with values.
  let segment: string[] = [];
  const flush = () => {
    if (segment.length > 1) {
      parts.push(`<polyline points="${segment.join(' ')}" fill="none" stroke="#0969da" stroke-width="2"/>`);
    }
    segment = [];
  };
  points.forEach((p, i) => {
    if (p.value === null) flush();
    else segment.push(`${x(i)},${y(p.value)}`);
  });
  flush();
  points.forEach((p, i) => {
    if (p.value === null) return;
    parts.push(
      `<circle cx="${x(i)}" cy="${y(p.value)}" r="3.5" fill="#0969da"><title>${escapeHtml(`${p.label}: ${options.format(p.value)}`)}</title></circle>`,
    );
  });
  const first = points[0];
  const last = points.at(-1);
  if (first) {
    parts.push(
      `<text x="${left}" y="${height - 10}" font-size="11" fill="#57606a">${escapeHtml(first.label)}</text>`,
    );
  }
  if (last && points.length > 1) {
    parts.push(
      `<text x="${width - right}" y="${height - 10}" font-size="11" fill="#57606a" text-anchor="end">${escapeHtml(last.label)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
