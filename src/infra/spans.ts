// Spans around the app's own units of work (a GraphQL operation, a job, an audit run), through
// @opentelemetry/api only. Without the SDK (OTEL_EXPORTER_OTLP_ENDPOINT unset, the default)
// nothing is created: `withSpan` runs its function as it is and `flushTracing` does nothing.
import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

export { SpanKind };

const TRACER_NAME = 'aeo-audit-api';

let flush: (() => Promise<void>) | null = null;

/** Set by infra/tracing.ts once the SDK runs: spans are made, and `flush` ends the export. */
export function markTracingStarted(shutdown: () => Promise<void>): void {
  flush = shutdown;
}

/** Whether the OpenTelemetry SDK runs in this process (src/instrument.ts started it). */
export function isTracingEnabled(): boolean {
  return flush !== null;
}

/** Exports what is still buffered and stops the SDK; at process stop (infra/lifecycle.ts). */
export async function flushTracing(): Promise<void> {
  const pending = flush;
  flush = null;
  await pending?.();
}

/**
 * Runs `run` inside an active span named `name`: spans started meanwhile (SQL, Redis, fetches)
 * are its children. A throw marks the span as failed, with the exception, and is rethrown.
 */
export function withSpan<T>(
  name: string,
  attributes: Attributes,
  run: (span: Span | null) => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  if (!flush) return run(null);
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes, kind }, async (span) => {
    try {
      return await run(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : undefined,
      });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The active span's trace and span ids, for a log line; null outside a recorded span. */
export function activeTraceIds(): { traceId: string; spanId: string } | null {
  const span = trace.getActiveSpan();
  if (!span) return null;
  const { traceId, spanId, traceFlags } = span.spanContext();
  // A span that is not sampled is exported nowhere: its id would point at nothing.
  if (!(traceFlags & 1)) return null;
  return { traceId, spanId };
}
