import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import type { SafeFetcher, SafeResponse } from '../../net/safe-fetch.js';
import { MAX_SITEMAP_FILES, MAX_SITEMAP_URLS } from '../limits.js';
import { describeError } from './errors.js';

// Sitemaps are scanned with a bounded pattern match over the (byte-capped) body instead of an XML
// DOM: a 100,000-URL sitemap would otherwise build a tree of hundreds of thousands of nodes. We
// stop after MAX_SITEMAP_URLS entries, which is far more than a crawl ever fetches.

export interface SitemapEntry {
  loc: string;
  lastmod?: string;
}

export interface SitemapFile {
  url: string;
  /** Where we learnt of it. */
  source: 'robots.txt' | 'default' | 'index';
  status?: number;
  error?: string;
  isIndex: boolean;
  entries: number;
  /** The body was cut at the byte limit or the entry cap was reached. */
  truncated: boolean;
}

export interface SitemapInfo {
  files: SitemapFile[];
  entries: SitemapEntry[];
  /** At least one sitemap answered 200 with entries. */
  found: boolean;
}

// ASCII-only lower-casing keeps every index identical to the original string (String#toLowerCase
// may change the length of some non-ASCII text).
const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** Position just past the `</name   >` at or after `from` in `lower`, or -1 (and where it starts). */
function findClose(lower: string, name: string, from: number): { start: number; end: number } | undefined {
  const needle = `</${name}`;
  for (let at = lower.indexOf(needle, from); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
    let i = at + needle.length;
    while (i < lower.length && /\s/.test(lower[i] ?? '')) i++;
    if (lower[i] === '>') return { start: at, end: i + 1 };
    // `</urlset>` is not `</url>`: keep looking (always forwards, so the scan stays linear).
  }
  return undefined;
}

/**
 * The first `<name …>…</name>` at or after `from`: indexes of its inner text and of the end of the
 * closing tag. Every search moves forwards from where the previous one stopped, so scanning a whole
 * body is linear in its length (a lazy regex would rescan to the end from every unclosed opening).
 */
function findElement(
  lower: string,
  names: readonly string[],
  from: number,
): { name: string; inner: [number, number]; end: number } | undefined {
  const open = new RegExp(`<(${names.join('|')})(?=[\\s/>])`, 'g');
  open.lastIndex = from;
  const match = open.exec(lower);
  if (!match?.[1]) return undefined;
  const tagEnd = lower.indexOf('>', match.index);
  if (tagEnd === -1) return undefined;
  if (lower[tagEnd - 1] === '/') return { name: match[1], inner: [tagEnd + 1, tagEnd + 1], end: tagEnd + 1 };
  const close = findClose(lower, match[1], tagEnd + 1);
  if (!close) return undefined;
  return { name: match[1], inner: [tagEnd + 1, close.start], end: close.end };
}

function tagText(block: string, lowerBlock: string, tag: string): string | undefined {
  const element = findElement(lowerBlock, [tag], 0);
  if (!element) return undefined;
  let text = block.slice(element.inner[0], element.inner[1]).trim();
  if (text.startsWith('<![CDATA[') && text.endsWith(']]>')) text = text.slice(9, -3);
  text = text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
  return text || undefined;
}

/**
 * Reads `<url>`/`<sitemap>` entries in one forward pass; stops at the first entry that is never
 * closed (a cut or broken file), keeping the entries before it.
 */
export function parseSitemap(
  xml: string,
  cap: number,
): { isIndex: boolean; entries: SitemapEntry[]; capped: boolean } {
  const lower = asciiLower(xml);
  const isIndex = /<sitemapindex\b/.test(lower);
  const entries: SitemapEntry[] = [];
  for (let pos = 0; ;) {
    const element = findElement(lower, ['url', 'sitemap'], pos);
    if (!element) break;
    pos = element.end;
    if (entries.length >= cap) return { isIndex, entries, capped: true };
    const block = xml.slice(element.inner[0], element.inner[1]);
    const lowerBlock = lower.slice(element.inner[0], element.inner[1]);
    const loc = tagText(block, lowerBlock, 'loc');
    if (loc) entries.push({ loc, lastmod: tagText(block, lowerBlock, 'lastmod') });
  }
  return { isIndex, entries, capped: false };
}

/** A gzipped sitemap (sitemap.xml.gz) is inflated up to this many bytes. */
export const MAX_GUNZIPPED_BYTES = 50 * 1024 * 1024;

/**
 * The sitemap's XML: gzip bodies (magic bytes 1f 8b, whatever the URL or headers say) are inflated,
 * up to MAX_GUNZIPPED_BYTES; a body cut on the wire inflates as far as it goes.
 */
export function sitemapText(res: Pick<SafeResponse, 'body' | 'raw'>): string {
  const raw = res.raw;
  if (!raw || raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return res.body;
  return gunzipSync(raw, {
    maxOutputLength: MAX_GUNZIPPED_BYTES,
    finishFlush: zlibConstants.Z_SYNC_FLUSH,
  }).toString('utf8');
}

/** Reads the sitemaps robots.txt names plus /sitemap.xml, following index files, all bounded. */
export async function readSitemaps(
  fetcher: SafeFetcher,
  origin: string,
  fromRobots: readonly string[],
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<SitemapInfo> {
  const queue: { url: string; source: SitemapFile['source'] }[] = fromRobots.map((url) => ({
    url,
    source: 'robots.txt',
  }));
  const fallback = new URL('/sitemap.xml', origin).href;
  if (!fromRobots.includes(fallback)) queue.push({ url: fallback, source: 'default' });

  const files: SitemapFile[] = [];
  const entries: SitemapEntry[] = [];
  const seen = new Set<string>();
  while (queue.length > 0 && files.length < MAX_SITEMAP_FILES) {
    const next = queue.shift();
    if (!next || seen.has(next.url)) continue;
    seen.add(next.url);
    const file: SitemapFile = {
      url: next.url,
      source: next.source,
      isIndex: false,
      entries: 0,
      truncated: false,
    };
    files.push(file);
    try {
      const res = await fetcher.fetch(next.url, { signal, maxBytes, raw: true });
      file.status = res.status;
      if (res.status !== 200) continue;
      const cap = MAX_SITEMAP_URLS - entries.length;
      const parsed = parseSitemap(sitemapText(res), cap);
      file.isIndex = parsed.isIndex;
      file.entries = parsed.entries.length;
      file.truncated = res.truncated || parsed.capped;
      if (parsed.isIndex) {
        for (const e of parsed.entries) queue.push({ url: e.loc, source: 'index' });
      } else {
        entries.push(...parsed.entries);
      }
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      file.error = describeError(err);
    }
  }
  const found = files.some((f) => f.status === 200 && f.entries > 0);
  return { files, entries, found };
}
