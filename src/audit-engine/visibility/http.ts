// JSON-over-HTTP for the answer-engine adapters: per-request timeout combined with the run's
// signal, retries with exponential backoff and jitter on 429/5xx/network errors/timeouts
// honouring Retry-After, and errors whose messages say what went wrong in words.

/** A failed engine request. `retryable` failures are retried; `fatal` ones open the circuit at once. */
export class EngineRequestError extends Error {
  override name = 'EngineRequestError';
  /** HTTP attempts made before giving up (set by `postJsonWithRetry`). */
  attempts = 0;
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
    /** Failures that will repeat for every request (bad key, unknown model, wrong URL). */
    readonly fatal = false,
    /** Milliseconds the server asked us to wait before retrying. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface RetryPolicy {
  maxRetries: number;
  timeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  random: () => number;
  now: () => number;
}

const RETRYABLE_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504, 529]);

/**
 * Parses a `Retry-After` value: delay-seconds (fractions accepted) or an HTTP date.
 * Returns milliseconds to wait (≥ 0), or null when the value is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random. */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
) {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return exp / 2 + (exp / 2) * policy.random();
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Pulls the provider's own error message out of an error body (all four use `error.message`). */
function providerMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (parsed.error && typeof parsed.error.message === 'string') return parsed.error.message;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function statusError(status: number, body: string, retryAfterMs: number | null): EngineRequestError {
  const detail = truncate(providerMessage(body)) || 'no error message';
  const retryable = RETRYABLE_STATUS.has(status);
  let what: string;
  if (status === 401) what = 'authentication failed (check the API key)';
  else if (status === 403) what = 'access denied (check the API key and its permissions)';
  else if (status === 404) what = 'not found (check the base URL and the model name)';
  else if (status === 429) what = 'rate limited or out of quota';
  else if (status >= 500) what = 'server error';
  else what = 'request rejected';
  const fatal = status === 401 || status === 403 || status === 404;
  return new EngineRequestError(`HTTP ${status} ${what}: ${detail}`, retryable, status, fatal, retryAfterMs);
}

/** Far above any real answer: a runaway or hostile endpoint cannot exhaust the worker's memory. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** The body as text, refusing (and cancelling) bodies over `maxBytes`. */
async function readBounded(response: Response, maxBytes: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) {
      throw new EngineRequestError(`response larger than ${maxBytes} bytes`, false, response.status);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One attempt: POST JSON, read the whole body under the timeout, parse it. */
async function attempt(request: HttpRequest, policy: RetryPolicy, runSignal?: AbortSignal): Promise<unknown> {
  // A cancelled run starts no request (fetch with an aborted signal would reject too, but only
  // after building the request).
  runSignal?.throwIfAborted();
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  const signal = runSignal ? AbortSignal.any([runSignal, timeout]) : timeout;
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...request.headers },
      body: JSON.stringify(request.body),
      signal,
      redirect: 'error',
    });
    status = response.status;
    const retryAfterMs = response.headers.get('retry-after-ms');
    retryAfter =
      retryAfterMs != null ? String(Number(retryAfterMs) / 1000) : response.headers.get('retry-after');
    text = await readBounded(response, MAX_RESPONSE_BYTES);
  } catch (error) {
    if (error instanceof EngineRequestError) throw error;
    if (runSignal?.aborted) throw runSignal.reason;
    if (timeout.aborted) {
      throw new EngineRequestError(`timed out after ${policy.timeoutMs} ms`, true);
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new EngineRequestError(`network error: ${reason}`, true);
  }
  if (status < 200 || status >= 300) {
    throw statusError(status, text, parseRetryAfter(retryAfter, policy.now()));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new EngineRequestError(
      `malformed JSON in the response (HTTP ${status}): ${truncate(JSON.stringify(text.slice(0, 80)))}`,
      false,
      status,
    );
  }
}

/** Error messages end up in reports: never let a provider echo our credentials into one. */
function redactSecrets(message: string, headers: Record<string, string>): string {
  let redacted = message;
  for (const name of ['authorization', 'x-api-key', 'x-goog-api-key']) {
    const secret = (headers[name] ?? '').replace(/^Bearer\s+/i, '');
    if (secret.length >= 8) redacted = redacted.split(secret).join('[redacted]');
  }
  return redacted;
}

/**
 * POSTs JSON with retries; resolves to the body read by `parse` (the JSON as is by default), or
 * rejects with the last `EngineRequestError`. `parse` runs inside the retry loop, so a body it
 * rejects with a retryable `EngineRequestError` (an answer the provider left unfinished) is
 * requested again like a 5xx would be.
 */
export async function postJsonWithRetry<T = unknown>(
  request: HttpRequest,
  policy: RetryPolicy,
  signal?: AbortSignal,
  parse: (body: unknown) => T = (body) => body as T,
): Promise<{ body: T; attempts: number }> {
  for (let attemptIndex = 0; ; attemptIndex++) {
    try {
      return { body: parse(await attempt(request, policy, signal)), attempts: attemptIndex + 1 };
    } catch (error) {
      if (!(error instanceof EngineRequestError)) throw error;
      if (!error.retryable || attemptIndex >= policy.maxRetries) {
        error.message = redactSecrets(error.message, request.headers);
        error.attempts = attemptIndex + 1;
        if (attemptIndex > 0) error.message += ` (after ${error.attempts} attempts)`;
        throw error;
      }
      const wait =
        error.retryAfterMs != null
          ? Math.min(error.retryAfterMs, policy.maxRetryAfterMs)
          : backoffDelay(attemptIndex, policy);
      await sleep(wait, signal);
    }
  }
}
