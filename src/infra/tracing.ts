// The OpenTelemetry SDK, started by src/instrument.ts (preloaded with `node --import`) only when
// OTEL_EXPORTER_OTLP_ENDPOINT is set: without it this module is never loaded and nothing is
// patched. Spans go out by OTLP/HTTP (JSON) in batches; instrumented: HTTP server and client
// (node:http), undici (the crawler, the answer engines, webhooks), pg and ioredis. The app adds
// its own spans (infra/spans.ts): GraphQL operations, jobs, audit runs.
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import { ClientSpanUrlProcessor } from './client-span-urls.js';
import { markTracingStarted } from './spans.js';
import { REDACTED_QUERY_PARAMS } from './redact-url.js';
import { withoutSqlLiterals } from './sql-literals.js';

export class TracingConfigError extends Error {}

export interface TracingSettings {
  endpoint: string;
  serviceName: string;
  serviceVersion: string;
  sampler: Sampler;
  scheduledDelayMillis: number;
}

/** The settings from the environment, or null when OTEL_EXPORTER_OTLP_ENDPOINT is unset (off). */
export function tracingSettings(env: NodeJS.ProcessEnv, serviceVersion: string): TracingSettings | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint) return null;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TracingConfigError(
      `OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://otel-collector:4318, not "${endpoint}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TracingConfigError(
      `OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL (OTLP/HTTP, port 4318), not ${url.protocol}`,
    );
  }
  const delay = env.OTEL_BSP_SCHEDULE_DELAY?.trim() || '5000';
  const scheduledDelayMillis = Number(delay);
  if (!/^\d+$/.test(delay) || scheduledDelayMillis < 1) {
    throw new TracingConfigError(
      `OTEL_BSP_SCHEDULE_DELAY must be a whole number of milliseconds ≥ 1, not "${delay}"`,
    );
  }
  return {
    endpoint,
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'aeo-audit-api',
    serviceVersion,
    sampler: samplerFrom(env.OTEL_TRACES_SAMPLER, env.OTEL_TRACES_SAMPLER_ARG),
    scheduledDelayMillis,
  };
}

function samplerFrom(name: string | undefined, arg: string | undefined): Sampler {
  const ratio = (): number => {
    const raw = arg?.trim() || '1';
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw new TracingConfigError(`OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1, not "${raw}"`);
    }
    return value;
  };
  switch (name?.trim().toLowerCase() || 'parentbased_always_on') {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio());
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio()) });
    default:
      throw new TracingConfigError(
        `OTEL_TRACES_SAMPLER "${name}" is not supported; use parentbased_always_on, parentbased_traceidratio, traceidratio, always_on, always_off or parentbased_always_off`,
      );
  }
}

/** Paths whose requests make no span: probes and scrapes, many a minute, none of interest. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Registers the context manager, a propagator that propagates nothing, the tracer provider and
 * the instrumentations. Must run before the instrumented modules load (the ESM hooks of
 * src/instrument.ts see every `import` after it).
 */
export function startTracing(settings: TracingSettings): void {
  const contextManager = new AsyncLocalStorageContextManager();
  context.setGlobalContextManager(contextManager.enable());
  // No propagation, either way (ADR 0018). Incoming: a client's `traceparent` would choose our
  // trace ids and, through the parent-based samplers, force sampling; its `baggage` would ride
  // along. Every request starts a trace of its own. Outgoing: every request goes to a third party
  // (crawled sites, answer engines, webhook receivers), none to a service of ours, so none gets
  // a `traceparent` or `baggage`. An empty propagator, registered so that nothing else can be.
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [] }));
  const resource = resourceFromAttributes({
    'service.name': settings.serviceName,
    'service.version': settings.serviceVersion,
  }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new TracerProvider({
    resource,
    sampler: settings.sampler,
    spanProcessors: [
      // First: outgoing requests' URLs are cut to their origin before the export sees them.
      new ClientSpanUrlProcessor(),
      new BatchSpanProcessor({
        // Reads OTEL_EXPORTER_OTLP_ENDPOINT (appending /v1/traces), _HEADERS, _TIMEOUT itself.
        exporter: new OTLPTraceExporter(),
        scheduledDelayMillis: settings.scheduledDelayMillis,
      }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]!),
        // Outgoing HTTP of the app goes through undici; node:http clients alone make no root span.
        requireParentforOutgoingSpans: true,
        // A share link's ?token= (and any credential in a query string) never leaves.
        redactedQueryParamsServer: REDACTED_QUERY_PARAMS,
        redactedQueryParams: REDACTED_QUERY_PARAMS,
      }),
      // The crawler's, the engines' and webhooks' requests: their spans keep the origin only
      // (client-span-urls.ts), a webhook URL's path or query may hold its key.
      new UndiciInstrumentation(),
      // pg-boss polls and Redis subscriptions run all the time: only their work inside a
      // request, a job or an audit makes spans. The ORM inlines values into its SQL: the text
      // a span carries has every literal replaced (sql-literals.ts), and no parameters.
      new PgInstrumentation({
        requireParentSpan: true,
        enhancedDatabaseReporting: false,
        ignoreConnectSpans: true,
        requestHook: (span, { query }) => span.setAttribute('db.query.text', withoutSqlLiterals(query.text)),
      }),
      // The command name only: keys and values can hold addresses, emails and tokens.
      new IORedisInstrumentation({ requireParentSpan: true, dbStatementSerializer: (command) => command }),
    ],
  });
  markTracingStarted(async () => {
    await provider.shutdown();
    contextManager.disable();
  });
}
