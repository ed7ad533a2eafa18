import { setTimeout as sleep } from 'node:timers/promises';
import {
  SafeFetchError,
  type SafeFetchInit,
  type SafeFetcher,
  type SafeResponse,
} from '../../net/safe-fetch.js';

// Politeness towards the audited host: every request to it (robots.txt, sitemaps, pages, probes,
// llms.txt) starts at least `Crawl-delay` after the previous one, and after a 429 or 503 nothing
// is sent before its `Retry-After` has passed. Requests to other hosts pass straight through.
// Waiting never runs past the audit's deadline: the crawl asks `nextSlot()` first and skips what
// would start too late (as "time budget"), so a site that asks for long pauses gets fewer pages,
// never a longer audit.

/** Wait after a 429/503 without a usable Retry-After. */
export const DEFAULT_BACKOFF_MS = 2_000;

/** Statuses whose Retry-After we honour (RFC 9110 §10.2.3 names 503 and 3xx; RFC 6585 adds 429). */
export const BACKOFF_STATUSES = new Set([429, 503]);

/** Retry-After as a wait in ms: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when unusable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface PacedFetcher extends SafeFetcher {
  /** Spacing between request starts to the host, from robots.txt Crawl-delay (seconds). */
  setCrawlDelay(seconds: number | undefined): void;
  /** Epoch ms at which the next request to the host may start. */
  nextSlot(): number;
  /** The host to pace from now on (the start URL redirected to another host). */
  retarget(host: string): void;
  /** What the host asked for: the Crawl-delay in force and every Retry-After pause honoured. */
  summary(): {
    crawlDelaySeconds: number | null;
    backoffs: { url: string; status: number; waitMs: number }[];
  };
}

/**
 * Wraps `inner` so that requests to `host` are spaced and pause after 429/503. A request that
 * would have to wait until after `deadline` fails at once (TIMEOUT) instead of waiting.
 */
export function pacedFetcher(inner: SafeFetcher, siteHost: string, deadline = Infinity): PacedFetcher {
  let host = siteHost;
  let intervalMs = 0;
  let lastStart = 0;
  let nextStart = 0;
  let pausedUntil = 0;
  const backoffs: { url: string; status: number; waitMs: number }[] = [];

  const sameHost = (url: string): boolean => {
    try {
      return new URL(url).host === host;
    } catch {
      return false;
    }
  };

  /** Reserves the next start time before waiting, so that concurrent callers queue in order. */
  async function turn(url: string, signal: AbortSignal | undefined): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, nextStart, pausedUntil);
    // Only a wait is refused: a request that needs none may still go (the report's last small reads).
    if (at > now && at > deadline) {
      const seconds = Math.ceil((at - now) / 1000);
      throw new SafeFetchError(
        'TIMEOUT',
        `${host} asked for a ${seconds} s pause (Crawl-delay or Retry-After), past the audit's time budget`,
        url,
      );
    }
    lastStart = at;
    nextStart = at + intervalMs;
    if (at > now) await sleep(at - now, undefined, { signal });
  }

  async function fetch(url: string, init: SafeFetchInit = {}): Promise<SafeResponse> {
    if (!sameHost(url)) return inner.fetch(url, init);
    await turn(url, init.signal);
    const res = await inner.fetch(url, init);
    if (BACKOFF_STATUSES.has(res.status)) {
      const waitMs = retryAfterMs(res.headers['retry-after']) ?? DEFAULT_BACKOFF_MS;
      pausedUntil = Math.max(pausedUntil, Date.now() + waitMs);
      if (backoffs.length < 20) backoffs.push({ url: res.url, status: res.status, waitMs });
    }
    return res;
  }

  return {
    fetch,
    close: () => inner.close(),
    setCrawlDelay(seconds) {
      intervalMs = seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
      // The delay counts from the request just made (robots.txt itself).
      nextStart = Math.max(nextStart, lastStart + intervalMs);
    },
    nextSlot: () => Math.max(Date.now(), nextStart, pausedUntil),
    retarget(next) {
      host = next;
    },
    summary: () => ({
      crawlDelaySeconds: intervalMs > 0 ? intervalMs / 1000 : null,
      backoffs: [...backoffs],
    }),
  };
}
