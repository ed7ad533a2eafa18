import type { SafeFetcher } from '../../net/safe-fetch.js';
import type { AiBot } from '../ai-bots.js';
import { describeError } from './errors.js';

// Some sites (or their CDN/WAF) answer AI crawlers differently from browsers: a 403, a 429, a
// bot-challenge page, or a stripped page. We fetch the home page with a few AI user agents and
// compare with what our own user agent gets at the same moment. Only bots robots.txt allows on
// that URL are probed (we never send a crawler's user agent where it may not go), at most
// MAX_PROBES of them, one request each (docs/crawling.md says so to site owners).

/** User agents probed at most: one request each on the start page. */
export const MAX_PROBES = 3;

export type ProbeVerdict = 'same' | 'blocked' | 'challenge' | 'smaller' | 'error';

export interface ProbeResult {
  token: string;
  status?: number;
  bytes: number;
  error?: string;
  verdict: ProbeVerdict;
}

const CHALLENGE = /cf-chl|challenge-platform|just a moment\.\.\.|attention required|captcha|access denied/i;
/** A body under this share of the normal one counts as a different (stripped) page. */
const SMALLER_RATIO = 0.5;

export interface ProbeReport {
  url: string;
  baseline: { status?: number; bytes: number; error?: string };
  results: ProbeResult[];
}

const looksLikeChallenge = (body: string): boolean => CHALLENGE.test(body.slice(0, 20_000));

export async function probeAiUserAgents(
  fetcher: SafeFetcher,
  url: string,
  /** The bots to probe: those robots.txt allows on `url` (at most MAX_PROBES are used). */
  bots: readonly (AiBot & { userAgent: string })[],
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<ProbeReport> {
  let baseline: ProbeReport['baseline'] & { challenge: boolean };
  try {
    const res = await fetcher.fetch(url, { signal, timeoutMs });
    baseline = { status: res.status, bytes: res.bytes, challenge: looksLikeChallenge(res.body) };
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    return { url, baseline: { bytes: 0, error: describeError(err) }, results: [] };
  }
  const results = await Promise.all(
    bots.slice(0, MAX_PROBES).map(async (bot): Promise<ProbeResult> => {
      try {
        const res = await fetcher.fetch(url, { signal, timeoutMs, userAgent: bot.userAgent });
        const verdict: ProbeVerdict =
          res.status !== baseline.status && res.status >= 400
            ? 'blocked'
            : !baseline.challenge && looksLikeChallenge(res.body)
              ? 'challenge'
              : res.bytes < baseline.bytes * SMALLER_RATIO
                ? 'smaller'
                : 'same';
        return { token: bot.token, status: res.status, bytes: res.bytes, verdict };
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        return { token: bot.token, bytes: 0, error: describeError(err), verdict: 'error' };
      }
    }),
  );
  return { url, baseline: { status: baseline.status, bytes: baseline.bytes }, results };
}
