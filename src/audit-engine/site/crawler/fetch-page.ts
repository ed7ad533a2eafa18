import {
  SafeFetchError,
  type RedirectHop,
  type SafeFetchErrorCode,
  type SafeFetcher,
} from '../../net/safe-fetch.js';
import type { AnalysisPool } from '../analysis-pool.js';
import type { PageFacts } from '../page/facts.js';
import { botMetaDirectives } from './bot-meta.js';
import { describeError } from './errors.js';

export interface CrawledPage {
  /** URL as requested (normalised). */
  url: string;
  /** URL after redirects. */
  finalUrl: string;
  depth: number;
  /** Absent when the request failed (see error). */
  status?: number;
  error?: string;
  errorCode?: SafeFetchErrorCode;
  ttfbMs?: number;
  bytes: number;
  /** Body cut at maxBytes. */
  truncated: boolean;
  contentType?: string;
  xRobotsTag?: string;
  /** Robots meta tags by name (robots or a known AI bot token), lower-cased; present for 2xx HTML. */
  metaByName?: Record<string, string[]>;
  redirects: RedirectHop[];
  /** Present for 2xx HTML pages. */
  facts?: PageFacts;
  /** The response came from a URL (after redirects) the caller may not use; it was not analysed. */
  refused?: boolean;
}

/** A page that was fetched, answered 2xx with HTML, and was parsed. */
export type HtmlPage = CrawledPage & { status: number; facts: PageFacts };

export const isHtmlPage = (p: CrawledPage): p is HtmlPage => p.facts !== undefined && p.status !== undefined;

/** Fetches and parses one page; failures become data on the page, only cancellation throws. */
export async function fetchPage(
  fetcher: SafeFetcher,
  analysis: AnalysisPool,
  url: string,
  depth: number,
  signal: AbortSignal | undefined,
  /** Vets the URLs redirects passed through and ended at before the body is analysed. */
  accept?: (urls: string[]) => boolean,
): Promise<CrawledPage> {
  try {
    const res = await fetcher.fetch(url, {
      signal,
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    const contentType = res.headers['content-type'];
    const page: CrawledPage = {
      url,
      finalUrl: res.url,
      depth,
      status: res.status,
      ttfbMs: res.ttfbMs,
      bytes: res.bytes,
      truncated: res.truncated,
      contentType,
      xRobotsTag: res.headers['x-robots-tag'],
      redirects: res.redirects,
    };
    if (accept && !accept([...res.redirects.map((h) => h.url), res.url])) {
      return { ...page, refused: true };
    }
    const isHtml = /\b(?:text\/html|application\/xhtml\+xml)\b/i.test(contentType ?? 'text/html');
    if (res.status >= 200 && res.status < 300 && isHtml) {
      // Hostile markup must not end the audit: an unparsable page (or one that takes too long to
      // parse) is reported like a failed fetch.
      try {
        page.metaByName = botMetaDirectives(res.body);
        page.facts = await analysis.page(res.body, res.url, signal);
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        page.error = `the HTML could not be analysed: ${describeError(err)}`;
      }
    }
    return page;
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    return {
      url,
      finalUrl: url,
      depth,
      error: describeError(err),
      errorCode: err instanceof SafeFetchError ? err.code : undefined,
      bytes: 0,
      truncated: false,
      redirects: [],
    };
  }
}
