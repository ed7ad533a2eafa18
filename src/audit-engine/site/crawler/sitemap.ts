import { constants as zlibConstants, createGunzip } from 'node:zlib';
import type { SafeFetcher, SafeResponse } from '../../net/safe-fetch.js';
import { MAX_SITEMAP_FILES, MAX_SITEMAP_URLS } from '../limits.js';
import { describeError } from './errors.js';

// Sitemaps are scanned with a bounded pattern match over the (byte-capped) body instead of an XML
// DOM: a 100,000-URL sitemap would otherwise build a tree of hundreds of thousands of nodes. We
// stop after MAX_SITEMAP_URLS elements, kept or not, which is far more than a crawl ever fetches.
// The scan runs on the event loop the API shares (the worker runs in-process by default), so its
// input is bounded: gzip bodies inflate as a stream, to at most MAX_INFLATE_RATIO times their size
// on the wire and never past MAX_GUNZIPPED_BYTES.

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
const openingTags = new Map<string, RegExp>();

/** The global pattern of the opening tags of `names`, compiled once per set (callers set lastIndex). */
function openingTag(names: readonly string[]): RegExp {
  const key = names.join('|');
  let pattern = openingTags.get(key);
  if (!pattern) {
    pattern = new RegExp(`<(${key})(?=[\\s/>])`, 'g');
    openingTags.set(key, pattern);
  }
  return pattern;
}

function findElement(
  lower: string,
  names: readonly string[],
  from: number,
): { name: string; inner: [number, number]; end: number } | undefined {
  const open = openingTag(names);
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
 * closed (a cut or broken file), keeping the entries before it. At most `cap` elements are
 * scanned: one without a `<loc>` costs as much as one with.
 */
export function parseSitemap(
  xml: string,
  cap: number,
): { isIndex: boolean; entries: SitemapEntry[]; capped: boolean } {
  const lower = asciiLower(xml);
  const isIndex = /<sitemapindex\b/.test(lower);
  const entries: SitemapEntry[] = [];
  for (let pos = 0, scanned = 0; ; scanned++) {
    const element = findElement(lower, ['url', 'sitemap'], pos);
    if (!element) break;
    pos = element.end;
    if (scanned >= cap) return { isIndex, entries, capped: true };
    const block = xml.slice(element.inner[0], element.inner[1]);
    const lowerBlock = lower.slice(element.inner[0], element.inner[1]);
    const loc = tagText(block, lowerBlock, 'loc');
    if (loc) entries.push({ loc, lastmod: tagText(block, lowerBlock, 'lastmod') });
  }
  return { isIndex, entries, capped: false };
}

/**
 * A gzipped sitemap (sitemap.xml.gz) inflates to at most this many bytes: 5,000 entries (all we
 * read) take about 1 MB of XML, so this leaves room for verbose files and nothing for bombs.
 */
export const MAX_GUNZIPPED_BYTES = 10 * 1024 * 1024;
/** …and to at most this many times its size on the wire (sitemap XML compresses about 10–20×). */
export const MAX_INFLATE_RATIO = 40;
/** The ratio applies above this size, so that small files inflate as they are. */
const MIN_INFLATE_CAP = 1024 * 1024;

export class SitemapTooLargeError extends Error {
  constructor(limit: number) {
    super(`the gzipped sitemap inflates to more than ${limit} bytes`);
  }
}

/** The most a gzip body of `wireBytes` may inflate to. */
export const inflateCap = (wireBytes: number) =>
  Math.min(MAX_GUNZIPPED_BYTES, Math.max(MIN_INFLATE_CAP, wireBytes * MAX_INFLATE_RATIO));

/**
 * Inflates as a stream (zlib works off the event loop, chunk by chunk), stopping as soon as the
 * output passes `limit`. A body cut on the wire inflates as far as it goes.
 */
async function gunzipBounded(raw: Buffer, limit: number): Promise<string> {
  const gunzip = createGunzip({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const chunks: Buffer[] = [];
  let size = 0;
  gunzip.end(raw);
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      gunzip.destroy();
      throw new SitemapTooLargeError(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The sitemap's XML: gzip bodies (magic bytes 1f 8b, whatever the URL or headers say) are
 * inflated within `inflateCap` of their size on the wire.
 */
export async function sitemapText(res: Pick<SafeResponse, 'body' | 'raw'>): Promise<string> {
  const raw = res.raw;
  if (!raw || raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return res.body;
  return gunzipBounded(raw, inflateCap(raw.length));
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
      const parsed = parseSitemap(await sitemapText(res), cap);
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
