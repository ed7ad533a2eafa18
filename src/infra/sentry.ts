// Error reporting to Sentry, active only when SENTRY_DSN is set. `initSentry` runs from
// src/instrument.ts (preloaded with `node --import`, before the app); `reportError` is called
// where an unexpected error is masked (resolvers, the operation plugin, WebSocket, jobs).
// Every event is scrubbed before it leaves: no credentials, no request bodies, no email.
import * as Sentry from '@sentry/node';
import type { ErrorEvent, EventHint } from '@sentry/node';
import { AppError } from '../common/errors.js';

/** The settings read from the environment before configuration loads (see src/instrument.ts). */
export const SENTRY_SETTINGS = {
  SENTRY_DSN: 'Where error events are sent (also `SENTRY_DSN_FILE`); empty = Sentry off.',
  SENTRY_ENVIRONMENT: 'The environment events carry; default `NODE_ENV` (else `development`).',
  SENTRY_RELEASE: 'The release events carry; default `aeo-audit-api@<package.json version>`.',
  SENTRY_TRACES_SAMPLE_RATE: 'Share of requests traced to Sentry, 0 to 1; default 0 (errors only).',
} as const;

export interface SentryStart {
  dsn: string;
  release: string;
  environment: string;
  /** Undefined: Sentry makes no spans at all (what OpenTelemetry tracing needs, see below). */
  tracesSampleRate: number | undefined;
  /**
   * OpenTelemetry owns tracing (src/infra/tracing.ts): events carry the active OTel span's trace
   * id, so an error in Sentry leads to its trace in the collector. Sentry registers no tracer
   * provider of its own (`enableOpenTelemetrySetup` stays false, Sentry 11's default) and must
   * trace nothing itself: a Sentry span, even an unsampled one, would give events its own id.
   */
  openTelemetry?: boolean;
}

export function initSentry(options: SentryStart): void {
  Sentry.init({
    dsn: options.dsn,
    release: options.release,
    environment: options.environment,
    tracesSampleRate: options.tracesSampleRate,
    integrations: options.openTelemetry
      ? (defaults) => [
          ...defaults.filter((integration) => integration.name !== 'Fastify'),
          Sentry.openTelemetryIntegration(),
        ]
      : [],
    // Collected only what helps and cannot hold a credential or personal data: no bodies (they
    // carry passwords and tokens), no cookies, no query strings (share-link tokens), no GraphQL
    // variables or database parameters, no local variables; the user is an id set by reportError.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: {
        request: { allow: ['user-agent', 'content-type', 'accept', 'x-request-id'] },
        response: false,
      },
      httpBodies: [],
      urlQueryParams: false,
      graphQL: { document: false, variables: false },
      databaseQueryData: false,
      queues: false,
      stackFrameVariables: false,
    },
    beforeSend: scrubEvent,
    beforeSendTransaction: (event) => scrubStrings(event),
    beforeBreadcrumb: (breadcrumb) => scrubStrings(breadcrumb),
  });
}

/** What an unexpected error is reported with; never an email or a credential. */
export interface ErrorContext {
  requestId?: string;
  userId?: string;
  /** The GraphQL operation's name (as logged: capped) or its type. */
  operation?: string | null;
  auditId?: string;
  /** The job queue of a failed background job, and the job's id. */
  job?: string;
  jobId?: string;
}

export function reportError(error: unknown, context: ErrorContext): void {
  if (!Sentry.isInitialized()) return;
  Sentry.withScope((scope) => {
    if (context.requestId) scope.setTag('request_id', context.requestId);
    if (context.operation) scope.setTag('operation', context.operation);
    if (context.auditId) scope.setTag('audit_id', context.auditId);
    if (context.job) scope.setTag('job', context.job);
    if (context.jobId) scope.setTag('job_id', context.jobId);
    if (context.userId) scope.setUser({ id: context.userId });
    Sentry.captureException(error);
  });
}

/** Request headers that carry credentials; the values never leave. */
const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-metrics-token)$/i;

/** Credentials as they appear in text: URL passwords, bearer tokens, JWTs, API keys, query tokens. */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, '$1[redacted]@'],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted jwt]'],
  [/\baeo_(live|test)_[A-Za-z0-9_-]+/g, 'aeo_$1_[redacted]'],
  [/\bwhsec_[A-Za-z0-9_-]+/g, 'whsec_[redacted]'],
  [/([?&](?:token|secret|password|api_key|apikey|key)=)[^&\s#]+/gi, '$1[redacted]'],
  [/("?(?:password|secret|token|refreshToken|accessToken|apiKey)"?\s*[:=]\s*)"[^"]*"/gi, '$1"[redacted]"'],
];

export function scrubText(text: string): string {
  return SECRET_PATTERNS.reduce(
    (scrubbed, [pattern, replacement]) => scrubbed.replace(pattern, replacement),
    text,
  );
}

/** Every string of `value`, however deep, with the credentials in it replaced. */
function scrubStrings<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return scrubText(value) as T;
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubStrings(item, depth + 1)) as T;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) object[key] = scrubStrings(object[key], depth + 1);
  return value;
}

/**
 * The last word before an event leaves: an expected error (a user's mistake, a refusal, a
 * limit) is never sent, whoever reported it; credentials and personal data are removed.
 */
export function scrubEvent(event: ErrorEvent, hint?: EventHint): ErrorEvent | null {
  const original = hint?.originalException;
  if (original instanceof AppError && original.code !== 'INTERNAL_SERVER_ERROR') return null;
  if (event.request) {
    const { headers, ...request } = event.request;
    delete request.data;
    delete request.cookies;
    event.request = {
      ...request,
      headers: headers
        ? Object.fromEntries(
            Object.entries(headers).map(([name, value]) => [
              name,
              SECRET_HEADERS.test(name) ? '[redacted]' : value,
            ]),
          )
        : undefined,
    };
  }
  if (event.user) event.user = event.user.id === undefined ? undefined : { id: event.user.id };
  return scrubStrings(event);
}
