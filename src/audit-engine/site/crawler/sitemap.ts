import type { SafeFetcher } from '../../net/safe-fetch.js';
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

const BLOCK = /<(url|sitemap)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi;

function tagText(block: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}\\s*>`, 'i').exec(block);
  if (!match?.[1]) return undefined;
  const text = match[1]
    .replace(/^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/, '$1')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .trim();
  return text || undefined;
}

export function parseSitemap(
  xml: string,
  cap: number,
): { isIndex: boolean; entries: SitemapEntry[]; capped: boolean } {
  const isIndex = /<sitemapindex\b/i.test(xml);
  const entries: SitemapEntry[] = [];
  for (const match of xml.matchAll(BLOCK)) {
    if (entries.length >= cap) return { isIndex, entries, capped: true };
    const loc = tagText(match[2] ?? '', 'loc');
    if (loc) entries.push({ loc, lastmod: tagText(match[2] ?? '', 'lastmod') });
  }
  return { isIndex, entries, capped: false };
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
      const res = await fetcher.fetch(next.url, { signal, maxBytes });
      file.status = res.status;
      if (res.status !== 200) continue;
      const cap = MAX_SITEMAP_URLS - entries.length;
      const parsed = parseSitemap(res.body, cap);
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
