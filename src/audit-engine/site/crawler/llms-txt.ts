// Fetches /llms.txt and /llms-full.txt and checks a sample of the links (the format itself:
// llms-txt-format.ts, parsed in the analysis pool).
import type { SafeFetcher } from '../../net/safe-fetch.js';
import type { AnalysisPool } from '../analysis-pool.js';
import { LLMS_LINK_SAMPLE } from '../limits.js';
import { describeError } from './errors.js';

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

export async function checkLlmsTxt(
  fetcher: SafeFetcher,
  analysis: AnalysisPool,
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
        const result = await analysis.llmsTxt(res.body, res.url, signal);
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
