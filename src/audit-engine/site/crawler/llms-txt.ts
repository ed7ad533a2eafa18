import type { SafeFetcher } from '../../net/safe-fetch.js';
import { LLMS_LINK_SAMPLE } from '../limits.js';
import { describeError } from './errors.js';

// llms.txt as specified at https://llmstxt.org: an H1 with the site name first (the only required
// part), then a blockquote summary, optional prose, and H2 sections whose lists are
// `- [name](url): notes` links; a section named "Optional" holds links that can be skipped.

export interface LlmsLinkResult {
  url: string;
  status?: number;
  error?: string;
}

export interface LlmsTxtInfo {
  url: string;
  /** `html`: the URL answers 200 with an HTML page (usually an app's catch-all route), not a file. */
  state: 'present' | 'missing' | 'html' | 'error';
  httpStatus?: number;
  contentType?: string;
  error?: string;
  name?: string;
  sections: string[];
  linkCount: number;
  /** Format problems, each one line. */
  issues: string[];
  /** Optional parts of the format that are absent (only the H1 is required): reported, not scored. */
  notes: string[];
  checkedLinks: LlmsLinkResult[];
  fullUrl: string;
  fullPresent: boolean;
}

const LINK_ITEM = /^\s*[-*+]\s+\[([^\]]+)\]\(([^)\s]+)\)(?::\s*.*)?$/;

export function validateLlmsTxt(text: string, baseUrl: string) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const issues: string[] = [];
  const notes: string[] = [];
  const sections: string[] = [];
  const links: string[] = [];
  const nonEmpty = lines.map((l) => l.trim()).filter(Boolean);
  const first = nonEmpty[0] ?? '';
  const name = /^#\s+(.+)$/.exec(first)?.[1];
  if (!name)
    issues.push(`first line must be an H1 with the site name ("# Name"), found "${first.slice(0, 80)}"`);
  const afterTitle = nonEmpty.slice(1).find((l) => !l.startsWith('#'));
  if (!nonEmpty.slice(1).some((l) => l.startsWith('>')) || (afterTitle && !afterTitle.startsWith('>'))) {
    notes.push('no blockquote summary ("> …") directly after the H1');
  }
  let section: string | undefined;
  const badItems: string[] = [];
  for (const line of lines) {
    const h2 = /^##\s+(.+)$/.exec(line.trim());
    if (h2?.[1]) {
      section = h2[1].trim();
      sections.push(section);
      continue;
    }
    if (!section || !/^\s*[-*+]\s+/.test(line)) continue;
    const item = LINK_ITEM.exec(line);
    if (!item?.[2]) {
      badItems.push(line.trim());
      continue;
    }
    try {
      links.push(new URL(item[2], baseUrl).href);
    } catch {
      badItems.push(line.trim());
    }
  }
  if (sections.length === 0) notes.push('no H2 sections ("## Docs") listing links');
  else if (links.length === 0) notes.push('H2 sections contain no "- [name](url): notes" links');
  if (badItems.length > 0) {
    issues.push(
      `${badItems.length} list item(s) are not "- [name](url)" links, e.g. "${badItems[0]?.slice(0, 80)}"`,
    );
  }
  return { name, sections, links, issues, notes };
}

export async function checkLlmsTxt(
  fetcher: SafeFetcher,
  origin: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  /** Epoch ms after which the links are no longer checked. */
  deadline = Infinity,
): Promise<LlmsTxtInfo> {
  const url = new URL('/llms.txt', origin).href;
  const fullUrl = new URL('/llms-full.txt', origin).href;
  const info: LlmsTxtInfo = {
    url,
    state: 'missing',
    sections: [],
    linkCount: 0,
    issues: [],
    notes: [],
    checkedLinks: [],
    fullUrl,
    fullPresent: false,
  };
  try {
    const res = await fetcher.fetch(url, { signal, timeoutMs, maxBytes: 1024 * 1024 });
    info.httpStatus = res.status;
    info.contentType = res.headers['content-type'];
    if (res.status === 200) {
      if (/^\s*<(?:!doctype|html)/i.test(res.body)) info.state = 'html';
      else {
        info.state = 'present';
        const result = validateLlmsTxt(res.body, res.url);
        info.name = result.name;
        info.sections = result.sections;
        info.linkCount = result.links.length;
        info.issues = result.issues;
        info.notes = result.notes;
        if (!/^text\/(?:plain|markdown)\b/i.test(info.contentType ?? '')) {
          info.issues.unshift(
            `served as "${info.contentType ?? 'no content type'}", expected text/plain or text/markdown`,
          );
        }
        for (const link of result.links.slice(0, LLMS_LINK_SAMPLE)) {
          if (Date.now() > deadline) break;
          info.checkedLinks.push(await checkLink(fetcher, link, timeoutMs, signal));
        }
      }
    }
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    info.state = 'error';
    info.error = describeError(err);
  }
  try {
    const full = await fetcher.fetch(fullUrl, { signal, timeoutMs, method: 'HEAD' });
    info.fullPresent = full.status === 200 && !/html/i.test(full.headers['content-type'] ?? '');
  } catch {
    if (signal?.aborted) throw signal.reason;
  }
  return info;
}

/** HEAD first; servers that refuse HEAD (405/501) get a small GET. */
async function checkLink(
  fetcher: SafeFetcher,
  url: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<LlmsLinkResult> {
  try {
    let res = await fetcher.fetch(url, { signal, timeoutMs, method: 'HEAD' });
    if (res.status === 405 || res.status === 501) {
      res = await fetcher.fetch(url, { signal, timeoutMs, maxBytes: 16 * 1024 });
    }
    return { url, status: res.status };
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    return { url, error: describeError(err) };
  }
}
