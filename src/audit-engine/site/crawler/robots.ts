import robotsParserModule from 'robots-parser';
import type { SafeFetcher } from '../../net/safe-fetch.js';
import { ROBOTS_MAX_BYTES } from '../limits.js';
import { describeError } from './errors.js';

// The package is CommonJS (`module.exports = fn`) but its typings declare an ES default export, so
// under NodeNext the default import is typed as the module: re-type it as the function it is.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robot = ReturnType<typeof robotsParser>;

/**
 * robots.txt as RFC 9309 reads it: 2xx → rules apply; 4xx → "unavailable", everything allowed;
 * 5xx or unreachable → "unreachable", everything disallowed.
 */
export type RobotsStatus = 'ok' | 'missing' | 'server-error' | 'unreachable';

export interface RobotsInfo {
  url: string;
  status: RobotsStatus;
  httpStatus?: number;
  error?: string;
  bytes: number;
  /** More than the 500 KiB RFC 9309 requires crawlers to read; rules past it were ignored. */
  truncated: boolean;
  sitemaps: string[];
  robot?: Robot;
}

export async function fetchRobots(
  fetcher: SafeFetcher,
  origin: string,
  signal: AbortSignal | undefined,
): Promise<RobotsInfo> {
  const url = new URL('/robots.txt', origin).href;
  try {
    const res = await fetcher.fetch(url, { signal, maxBytes: ROBOTS_MAX_BYTES });
    const base = { url, httpStatus: res.status, bytes: res.bytes, truncated: res.truncated, sitemaps: [] };
    if (res.status >= 500) return { ...base, status: 'server-error' };
    if (res.status < 200 || res.status >= 300) return { ...base, status: 'missing' };
    // A cut file may end mid-line: drop the partial last line rather than misread it.
    const text = res.truncated ? res.body.slice(0, res.body.lastIndexOf('\n') + 1) : res.body;
    // Rules are evaluated against the final (post-redirect) origin the crawler uses.
    const robot = robotsParser(url, text);
    return { ...base, status: 'ok', sitemaps: robot.getSitemaps(), robot };
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    return {
      url,
      status: 'unreachable',
      error: describeError(err),
      bytes: 0,
      truncated: false,
      sitemaps: [],
    };
  }
}

/** Whether `token` may fetch `url` under these robots rules (RFC 9309 semantics for failures). */
export function robotsAllows(robots: RobotsInfo, url: string, token: string): boolean {
  if (robots.status === 'missing') return true;
  if (robots.status !== 'ok' || !robots.robot) return false;
  return robots.robot.isAllowed(url, token) ?? true;
}
