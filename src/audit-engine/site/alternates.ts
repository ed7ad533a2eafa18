// Machine-readable versions of the site: /llms-full.txt (read in full, bounded, and checked for
// the llms.txt Markdown shape) and Markdown versions of pages, found the three ways sites offer
// them: a declared <link rel="alternate" type="text/markdown">, the page URL with ".md" appended
// (llmstxt.org: "index.html.md" for URLs without a file name), and `Accept: text/markdown`
// content negotiation on the page URL. A few pages are sampled; every request is bounded.
import type { SafeFetcher, SafeResponse } from '../net/safe-fetch.js';
import { describeError } from './crawler/errors.js';
import type { HtmlPage } from './crawler/fetch-page.js';
import { robotsAllows, type RobotsInfo } from './crawler/robots.js';
import { PRODUCT_ROBOTS_TOKEN } from './limits.js';

/** Pages whose Markdown versions are looked for. */
export const MARKDOWN_SAMPLE = 3;
const LLMS_FULL_MAX_BYTES = 2 * 1024 * 1024;
const MARKDOWN_MAX_BYTES = 256 * 1024;
const OUT_OF_TIME = 'not checked: the audit ran out of time';

export interface MarkdownProbe {
  url: string;
  status?: number;
  contentType?: string;
  /** 200, not an HTML page, with text in it. */
  markdown: boolean;
  error?: string;
}

export interface MarkdownVersions {
  page: string;
  /** The declared <link rel="alternate" type="text/markdown"> and what it answered. */
  declared?: MarkdownProbe;
  /** The page URL with .md appended. */
  mdUrl?: MarkdownProbe;
  /** The page URL asked for with Accept: text/markdown. */
  negotiated?: MarkdownProbe;
  /** Why this page was not (fully) checked. */
  note?: string;
}

export interface LlmsFullInfo {
  url: string;
  state: 'present' | 'missing' | 'html' | 'error';
  httpStatus?: number;
  contentType?: string;
  bytes: number;
  truncated: boolean;
  words: number;
  /** Problems of the file's shape, each one line. */
  issues: string[];
  error?: string;
}

export interface AlternatesReport {
  llmsFull: LlmsFullInfo;
  markdown: MarkdownVersions[];
}

const looksLikeHtml = (body: string) => /^\s*<(?:!doctype|html|head|body)\b/i.test(body);
const countWords = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** The URL llmstxt.org proposes for a page's Markdown version. */
export function markdownUrlOf(pageUrl: string): string {
  const url = new URL(pageUrl);
  url.hash = '';
  url.search = '';
  url.pathname = url.pathname.endsWith('/') ? `${url.pathname}index.html.md` : `${url.pathname}.md`;
  return url.href;
}

function asMarkdown(url: string, res: SafeResponse, negotiated: boolean): MarkdownProbe {
  const contentType = res.headers['content-type'];
  const text = res.status === 200 && !looksLikeHtml(res.body) && countWords(res.body) > 0;
  // Negotiation only counts when the server says it answered in Markdown.
  const markdown = negotiated ? text && /^text\/markdown\b/i.test(contentType ?? '') : text;
  return { url, status: res.status, contentType, markdown };
}

async function probe(
  fetcher: SafeFetcher,
  url: string,
  init: { timeoutMs: number; signal?: AbortSignal; negotiate?: boolean },
): Promise<MarkdownProbe> {
  try {
    const res = await fetcher.fetch(url, {
      signal: init.signal,
      timeoutMs: init.timeoutMs,
      maxBytes: MARKDOWN_MAX_BYTES,
      headers: { accept: init.negotiate ? 'text/markdown' : 'text/markdown, text/plain;q=0.9, */*;q=0.1' },
    });
    return asMarkdown(url, res, init.negotiate === true);
  } catch (err) {
    if (init.signal?.aborted) throw init.signal.reason;
    return { url, markdown: false, error: describeError(err) };
  }
}

export async function readLlmsFull(
  fetcher: SafeFetcher,
  origin: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<LlmsFullInfo> {
  const url = new URL('/llms-full.txt', origin).href;
  const info: LlmsFullInfo = { url, state: 'missing', bytes: 0, truncated: false, words: 0, issues: [] };
  try {
    const res = await fetcher.fetch(url, { signal, timeoutMs, maxBytes: LLMS_FULL_MAX_BYTES });
    info.httpStatus = res.status;
    info.contentType = res.headers['content-type'];
    if (res.status !== 200) return info;
    if (looksLikeHtml(res.body)) {
      info.state = 'html';
      return info;
    }
    info.state = 'present';
    info.bytes = res.bytes;
    info.truncated = res.truncated;
    info.words = countWords(res.body);
    const first =
      res.body
        .split(/\r?\n/)
        .find((l) => l.trim() !== '')
        ?.trim() ?? '';
    if (!/^#\s+\S/.test(first))
      info.issues.push(
        `first line must be an H1 with the site name ("# Name"), found "${first.slice(0, 80)}"`,
      );
    if (info.words < 50)
      info.issues.push(`only ${info.words} words: the full text of the documented pages is expected`);
    if (!/^text\/(?:plain|markdown)\b/i.test(info.contentType ?? ''))
      info.issues.push(
        `served as "${info.contentType ?? 'no content type'}", expected text/plain or text/markdown`,
      );
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    info.state = 'error';
    info.error = describeError(err);
  }
  return info;
}

export interface AlternatesInput {
  fetcher: SafeFetcher;
  pages: HtmlPage[];
  robots: RobotsInfo;
  origin: string;
  timeoutMs: number;
  deadline: number;
  signal?: AbortSignal;
}

export async function checkAlternates(input: AlternatesInput): Promise<AlternatesReport> {
  const { fetcher, timeoutMs, signal } = input;
  const llmsFull = await readLlmsFull(fetcher, input.origin, timeoutMs, signal);
  // Pages that declare a Markdown version first: their declaration is what can be broken.
  const sample = [
    ...input.pages.filter((p) => p.facts.markdownAlternate),
    ...input.pages.filter((p) => !p.facts.markdownAlternate),
  ].slice(0, MARKDOWN_SAMPLE);
  const host = new URL(input.origin).host;
  const allowed = (url: string) =>
    new URL(url).host !== host || robotsAllows(input.robots, url, PRODUCT_ROBOTS_TOKEN);
  const markdown: MarkdownVersions[] = [];
  for (const page of sample) {
    const versions: MarkdownVersions = { page: page.finalUrl };
    markdown.push(versions);
    if (Date.now() > input.deadline) {
      versions.note = OUT_OF_TIME;
      continue;
    }
    const declared = page.facts.markdownAlternate;
    if (declared) {
      versions.declared = /^https?:/i.test(declared)
        ? allowed(declared)
          ? await probe(fetcher, declared, { timeoutMs, signal })
          : { url: declared, markdown: false, error: `robots.txt disallows it for ${PRODUCT_ROBOTS_TOKEN}` }
        : { url: declared, markdown: false, error: 'not an http(s) URL' };
    }
    const mdUrl = markdownUrlOf(page.finalUrl);
    if (mdUrl !== declared && allowed(mdUrl))
      versions.mdUrl = await probe(fetcher, mdUrl, { timeoutMs, signal });
    versions.negotiated = await probe(fetcher, page.finalUrl, { timeoutMs, signal, negotiate: true });
  }
  return { llmsFull, markdown };
}
