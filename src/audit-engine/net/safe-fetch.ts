import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { TextDecoder } from 'node:util';
import { Agent, buildConnector, request } from 'undici';
import ipaddr from 'ipaddr.js';
import { createAddressPolicy, portOf, type AddressPolicy } from './address-policy.js';

// An HTTP client that only talks to public addresses (SSRF-safe), reusable outside the audit
// engine. The address check runs inside the connection's own DNS lookup, so the socket connects to
// exactly the address that was vetted (no DNS-rebinding window), and every redirect hop is a new,
// re-checked request.

/** Resolves a hostname to all its addresses (default: node:dns lookup with `all: true`). */
export type DnsLookup = (hostname: string) => Promise<LookupAddress[]>;

export interface SafeFetcherOptions {
  /** Hostnames, IPs or CIDRs that may be fetched although they are not public. */
  allowedPrivateHosts?: readonly string[];
  lookup?: DnsLookup;
  userAgent?: string;
  /** Default 5. */
  maxRedirects?: number;
  /** Whole request (all hops and the body), default 10 s. */
  timeoutMs?: number;
  /** Body bytes kept; the stream is cut beyond it. Default 5 MB. */
  maxBytes?: number;
  /** Parallel connections per origin, default 2. */
  connectionsPerOrigin?: number;
}

export interface SafeFetchInit {
  /** POST sends `body` (e.g. a webhook delivery); a redirect of a POST is followed as GET only on 303. */
  method?: 'GET' | 'HEAD' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  userAgent?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
  /** Also return the body's bytes as received (`raw`), e.g. to gunzip it; maxBytes still applies. */
  raw?: boolean;
}

export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

export interface SafeResponse {
  /** Final URL after redirects. */
  url: string;
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  redirects: RedirectHop[];
  /** Decoded body, at most maxBytes of it. */
  body: string;
  bytes: number;
  /** True when the body was cut at maxBytes. */
  truncated: boolean;
  /** The body bytes (at most maxBytes), when `raw` was requested. */
  raw?: Buffer;
  /** Milliseconds from sending the final request to receiving its response headers. */
  ttfbMs: number;
}

export type SafeFetchErrorCode =
  'INVALID_URL' | 'BLOCKED' | 'TOO_MANY_REDIRECTS' | 'REDIRECT_LOOP' | 'TIMEOUT' | 'DNS' | 'NETWORK';

export class SafeFetchError extends Error {
  override name = 'SafeFetchError';
  constructor(
    readonly code: SafeFetchErrorCode,
    message: string,
    readonly url: string,
    /** For logs only, never in `message`: the non-public address a hostname resolved to. */
    readonly resolvedAddress?: string,
  ) {
    super(message);
  }
}

export interface SafeFetcher {
  fetch(url: string, init?: SafeFetchInit): Promise<SafeResponse>;
  close(): Promise<void>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_USER_AGENT = 'AEOAuditBot/1.0 (+https://github.com/aeo-audit)';

type LookupCallback = (err: Error | null, address?: string | LookupAddress[], family?: number) => void;

/**
 * The `lookup` net.connect calls for connections to `port`: resolve, refuse if any address may not
 * be reached on that port, hand back the vetted ones.
 */
function vettedLookup(resolve: DnsLookup, policy: AddressPolicy, port: number) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    resolve(hostname)
      .then((found) => {
        const addresses = options.family ? found.filter((a) => a.family === options.family) : found;
        const first = addresses[0];
        if (!first) throw new SafeFetchError('DNS', `${hostname} has no address`, hostname);
        for (const a of addresses) {
          const refusal = policy.refusal(hostname, a.address, port);
          if (refusal) throw new SafeFetchError('BLOCKED', refusal, hostname, a.address);
        }
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      })
      .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
  };
}

/** Scheme, credentials and IP-literal checks (net.connect skips `lookup` for IP literals). */
function checkUrl(raw: string, policy: AddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SafeFetchError('INVALID_URL', `${raw} is not a valid URL`, raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SafeFetchError(
      'INVALID_URL',
      `${url.protocol} URLs are not fetched (only http and https)`,
      raw,
    );
  }
  if (url.username || url.password) {
    throw new SafeFetchError('INVALID_URL', 'URLs with credentials are not fetched', raw);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) {
    const refusal = policy.refusal(host, host, portOf(url.protocol, url.port));
    if (refusal) throw new SafeFetchError('BLOCKED', refusal, raw);
  }
  return url;
}

/**
 * A connector whose DNS lookup knows the port it connects to, so that `host:port` allow-list
 * entries hold at connect time too (one undici connector, with its TLS session cache, per port).
 */
function vettedConnector(resolve: DnsLookup, policy: AddressPolicy): buildConnector.connector {
  const perPort = new Map<number, buildConnector.connector>();
  return (options, callback) => {
    const port = portOf(options.protocol, options.port);
    let connector = perPort.get(port);
    if (!connector) {
      connector = buildConnector({
        lookup: vettedLookup(resolve, policy, port),
      } as buildConnector.BuildOptions);
      perPort.set(port, connector);
    }
    connector(options, callback);
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function decoderFor(contentType: string | undefined): TextDecoder {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

function findSafeFetchError(err: unknown): SafeFetchError | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof SafeFetchError) return e;
  }
  return undefined;
}

function networkError(err: unknown, url: string): SafeFetchError {
  const code = (err as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    // Worded as a refused private address: users must not learn which internal names exist.
    return new SafeFetchError('DNS', `${new URL(url).hostname} does not resolve to a public address`, url);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new SafeFetchError('NETWORK', `${url} could not be fetched: ${code ?? message}`, url);
}

export function createSafeFetcher(options: SafeFetcherOptions = {}): SafeFetcher {
  const policy = createAddressPolicy(options.allowedPrivateHosts);
  const resolve: DnsLookup = options.lookup ?? ((host) => dnsLookup(host, { all: true }));
  const maxRedirects = options.maxRedirects ?? 5;
  const agent = new Agent({
    connections: options.connectionsPerOrigin ?? 2,
    connect: vettedConnector(resolve, policy),
  });

  async function fetchOnce(
    url: URL,
    init: SafeFetchInit,
    signal: AbortSignal,
    method: 'GET' | 'HEAD' | 'POST',
  ) {
    const started = performance.now();
    const res = await request(url, {
      dispatcher: agent,
      method,
      signal,
      ...(method === 'POST' && init.body !== undefined ? { body: init.body } : {}),
      headers: {
        'user-agent': init.userAgent ?? options.userAgent ?? DEFAULT_USER_AGENT,
        accept: '*/*',
        'accept-encoding': 'identity',
        ...init.headers,
      },
    });
    return { res, ttfbMs: Math.round(performance.now() - started) };
  }

  async function readBody(
    body: AsyncIterable<Buffer> & { destroy(): void },
    limit: number,
    contentType: string | undefined,
    keepRaw: boolean,
  ) {
    const decoder = decoderFor(contentType);
    const parts: string[] = [];
    const chunks: Buffer[] = [];
    let bytes = 0;
    let truncated = false;
    for await (const chunk of body) {
      const room = limit - bytes;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      parts.push(decoder.decode(kept, { stream: true }));
      if (keepRaw) chunks.push(kept);
      bytes += kept.length;
      if (kept !== chunk) {
        truncated = true;
        body.destroy();
        break;
      }
    }
    parts.push(decoder.decode());
    return { text: parts.join(''), bytes, truncated, raw: keepRaw ? Buffer.concat(chunks) : undefined };
  }

  async function fetch(rawUrl: string, init: SafeFetchInit = {}): Promise<SafeResponse> {
    const timeoutMs = init.timeoutMs ?? options.timeoutMs ?? 10_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const redirects: RedirectHop[] = [];
    const seen = new Set<string>();
    let method = init.method ?? 'GET';
    let current = rawUrl;
    try {
      for (;;) {
        // Once the caller cancels, no request (and no further redirect hop) is started.
        init.signal?.throwIfAborted();
        const url = checkUrl(current, policy);
        seen.add(url.href);
        const { res, ttfbMs } = await fetchOnce(url, init, signal, method);
        const headers = flattenHeaders(res.headers);
        const location = headers['location'];
        if (REDIRECT_STATUSES.has(res.statusCode) && location) {
          await res.body.dump();
          const next = new URL(location, url).href;
          redirects.push({ url: url.href, status: res.statusCode, location: next });
          if (seen.has(next)) {
            throw new SafeFetchError('REDIRECT_LOOP', `redirect loop: ${url.href} → ${next}`, rawUrl);
          }
          if (redirects.length > maxRedirects) {
            throw new SafeFetchError('TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects`, rawUrl);
          }
          // 303 means "GET the other resource"; a HEAD stays a HEAD (RFC 9110 §15.4.4).
          if (res.statusCode === 303 && method !== 'HEAD') method = 'GET';
          current = next;
          continue;
        }
        const limit = init.maxBytes ?? options.maxBytes ?? 5 * 1024 * 1024;
        if (method === 'HEAD') await res.body.dump();
        const body =
          method === 'HEAD'
            ? { text: '', bytes: 0, truncated: false, raw: init.raw ? Buffer.alloc(0) : undefined }
            : await readBody(res.body, limit, headers['content-type'], init.raw === true);
        return {
          url: url.href,
          status: res.statusCode,
          headers,
          redirects,
          body: body.text,
          bytes: body.bytes,
          truncated: body.truncated,
          ...(body.raw ? { raw: body.raw } : {}),
          ttfbMs,
        };
      }
    } catch (err) {
      if (init.signal?.aborted) throw init.signal.reason;
      const known = findSafeFetchError(err);
      if (known && (known.code === 'BLOCKED' || known.code === 'INVALID_URL') && current !== rawUrl) {
        throw new SafeFetchError(
          known.code,
          `${rawUrl} redirects to ${current}: ${known.message}`,
          rawUrl,
          known.resolvedAddress,
        );
      }
      if (known) throw known;
      if (timeout.aborted) {
        throw new SafeFetchError('TIMEOUT', `${current} did not respond within ${timeoutMs} ms`, current);
      }
      throw networkError(err, current);
    }
  }

  return { fetch, close: () => agent.close() };
}
