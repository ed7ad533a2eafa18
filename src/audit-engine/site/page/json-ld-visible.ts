// JSON-LD that says something else than the page a reader sees. Google's structured-data
// guidelines require markup to describe the visible content; an engine that finds the two
// disagreeing (another price, another date, another title) trusts neither.
import type { JsonLdClaims } from './json-ld.js';

export interface VisiblePage {
  title?: string;
  h1?: string;
  /** Dates the page shows in <time> elements (datetime attribute, else the element's text). */
  times: string[];
  /** article:published_time, which states the same fact as datePublished. */
  metaPublished?: string;
  /** The visible text of the page. */
  text: string;
}

const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const CODES = 'USD|EUR|GBP|JPY|INR|CAD|AUD|CHF|SEK|NOK|DKK|PLN|CZK|BRL|MXN|CNY';
const AMOUNT = String.raw`(?:\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?!\d)`;
// "$49", "US$ 1,299.00", "49,00 €", "EUR 49", "49.99 USD".
const PRICE = new RegExp(
  String.raw`(?:(?:US)?([$€£¥₹])\s?(${AMOUNT})|\b(${CODES})\s?(${AMOUNT})|(${AMOUNT})\s?([€£¥₹]|\b(?:${CODES})\b))`,
  'g',
);
/** Prices read from one page's text. */
const MAX_PRICES = 200;

/** "1,299.00" and "1.299,00" are both 1299; "49,5" is 49.5. */
export function parseAmount(raw: string): number | undefined {
  const s = raw.replace(/\s/g, '');
  let normal: string;
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) normal = s.replace(/,/g, '');
  else if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s)) normal = s.replace(/\./g, '').replace(',', '.');
  else normal = s.replace(',', '.');
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

export function visiblePrices(text: string): { value: number; currency?: string; raw: string }[] {
  const out: { value: number; currency?: string; raw: string }[] = [];
  for (const m of text.matchAll(PRICE)) {
    if (out.length >= MAX_PRICES) break;
    const symbol = m[1] ?? m[6];
    const code = m[3] ?? (symbol && CURRENCY_SYMBOLS[symbol] === undefined ? symbol : undefined);
    const value = parseAmount(m[2] ?? m[4] ?? m[5] ?? '');
    if (value === undefined) continue;
    out.push({ value, currency: code ?? (symbol ? CURRENCY_SYMBOLS[symbol] : undefined), raw: m[0].trim() });
  }
  return out;
}

/** The calendar day of a date string (YYYY-MM-DD), or undefined when it does not parse. */
function day(value: string): number | undefined {
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? undefined : Math.floor(t / 86_400_000);
}

/** Two dates one day apart are the same date seen from two time zones. */
const sameDay = (a: number, b: number) => Math.abs(a - b) <= 1;

const STOP_WORDS = new Set(['the', 'and', 'for', 'with', 'your', 'you', 'our', 'from', 'how', 'what', 'are']);
const tokens = (s: string): string[] =>
  (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 && !STOP_WORDS.has(w));

/** Whether most significant words of `name` appear in the visible title or H1. */
function nameShown(name: string, page: VisiblePage): boolean {
  const words = tokens(name);
  if (words.length < 2) return true; // too short to judge
  const shown = new Set(tokens(`${page.title ?? ''} ${page.h1 ?? ''}`));
  return words.filter((w) => shown.has(w)).length / words.length >= 0.5;
}

/** Each statement of the markup the visible page contradicts, in words. */
export function jsonLdConflicts(claims: JsonLdClaims, page: VisiblePage): string[] {
  const conflicts: string[] = [];
  for (const name of claims.names) {
    if (!nameShown(name.value, page)) {
      conflicts.push(
        `JSON-LD ${name.type} “${name.value}” matches neither the title “${page.title ?? ''}” nor the H1 “${page.h1 ?? ''}”`,
      );
    }
  }
  const shownDays = page.times.flatMap((t) => day(t) ?? []);
  const markupDays = claims.dates.flatMap((d) => day(d.value) ?? []);
  if (shownDays.length > 0 && markupDays.length > 0) {
    const matches = markupDays.some((m) => shownDays.some((s) => sameDay(m, s)));
    if (!matches) {
      const stated = claims.dates.map((d) => `${d.property} ${d.value}`).join(', ');
      conflicts.push(`JSON-LD ${stated}, but the page shows ${page.times.slice(0, 3).join(', ')}`);
    }
  }
  const published = claims.dates.find((d) => d.property === 'datePublished');
  const publishedDay = published ? day(published.value) : undefined;
  const metaDay = page.metaPublished ? day(page.metaPublished) : undefined;
  if (publishedDay !== undefined && metaDay !== undefined && !sameDay(publishedDay, metaDay)) {
    conflicts.push(
      `JSON-LD datePublished ${published?.value} contradicts article:published_time ${page.metaPublished}`,
    );
  }
  if (claims.prices.length > 0) {
    const shown = visiblePrices(page.text);
    const stated = claims.prices.map((p) => `${p.value}${p.currency ? ` ${p.currency}` : ''}`).join(', ');
    if (shown.length === 0) conflicts.push(`JSON-LD price ${stated}, but no price is visible on the page`);
    else if (!claims.prices.some((p) => shown.some((s) => Math.abs(s.value - p.value) < 0.005))) {
      const seen = shown
        .slice(0, 3)
        .map((s) => s.raw)
        .join(', ');
      conflicts.push(`JSON-LD price ${stated}, but the page shows ${seen}`);
    }
  }
  return conflicts;
}
