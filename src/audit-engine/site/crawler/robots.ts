import {
  SafeFetchError,
  type SafeFetchErrorCode,
  type SafeFetcher,
  type SafeResponse,
} from '../../net/safe-fetch.js';
import { ROBOTS_MAX_BYTES } from '../limits.js';
import { describeError } from './errors.js';
import { RobotsTxt } from './robots-txt.js';

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
  /** Why the request failed, when it did (status `unreachable`, or `missing` after redirects). */
  errorCode?: SafeFetchErrorCode;
  bytes: number;
  /** More than the 500 KiB RFC 9309 requires crawlers to read; rules past it were ignored. */
  truncated: boolean;
  sitemaps: string[];
  robot?: RobotsTxt;
}

/** A robots.txt fetch failure RFC 9309 tells us to treat as "unavailable" (allow all). */
const isRedirectFailure = (err: unknown): boolean =>
  err instanceof SafeFetchError && (err.code === 'TOO_MANY_REDIRECTS' || err.code === 'REDIRECT_LOOP');
/** Transient failures worth one more try before robots.txt counts as unreachable. */
const isTransient = (err: unknown): boolean =>
  err instanceof SafeFetchError && (err.code === 'TIMEOUT' || err.code === 'NETWORK');

export async function fetchRobots(
  fetcher: SafeFetcher,
  origin: string,
  signal: AbortSignal | undefined,
): Promise<RobotsInfo> {
  const url = new URL('/robots.txt', origin).href;
  const get = () => fetcher.fetch(url, { signal, maxBytes: ROBOTS_MAX_BYTES });
  try {
    let res: SafeResponse;
    try {
      res = await get();
      // A 5xx or a timeout may be a blip: retry once before disallowing the whole site. A retry
      // that cannot be made (the Retry-After pause ends past the time budget) leaves the 5xx.
      if (res.status >= 500) {
        const first = res;
        res = await get().catch((err: unknown) => {
          if (signal?.aborted) throw err;
          return first;
        });
      }
    } catch (err) {
      if (signal?.aborted || !isTransient(err)) throw err;
      res = await get();
    }
    const base = { url, httpStatus: res.status, bytes: res.bytes, truncated: res.truncated, sitemaps: [] };
    if (res.status >= 500) return { ...base, status: 'server-error' };
    if (res.status < 200 || res.status >= 300) return { ...base, status: 'missing' };
    // A cut file may end mid-line: drop the partial last line rather than misread it.
    const text = res.truncated ? res.body.slice(0, res.body.lastIndexOf('\n') + 1) : res.body;
    const robot = await RobotsTxt.parse(text);
    return { ...base, status: 'ok', sitemaps: robot.sitemaps, robot };
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    const failure = {
      url,
      error: describeError(err),
      ...(err instanceof SafeFetchError ? { errorCode: err.code } : {}),
      bytes: 0,
      truncated: false,
      sitemaps: [],
    };
    // RFC 9309 §2.3.1.2: following at least five redirects without finding robots.txt → unavailable.
    if (isRedirectFailure(err)) return { ...failure, status: 'missing' };
    return { ...failure, status: 'unreachable' };
  }
}

/**
 * Whether `token` may fetch `url` under these robots rules (RFC 9309 semantics for failures).
 * robots.txt applies to its own scheme, host and port; a same-host URL of the other scheme is read
 * with the site's scheme (the crawler treats both as the site).
 */
export function robotsAllows(robots: RobotsInfo, url: string, token: string): boolean {
  if (robots.status === 'missing') return true;
  if (robots.status !== 'ok' || !robots.robot) return false;
  let candidate: URL;
  try {
    candidate = new URL(url);
  } catch {
    return false;
  }
  if (candidate.host !== new URL(robots.url).host) return true;
  return robots.robot.isAllowed(`${candidate.pathname}${candidate.search}`, token);
}
