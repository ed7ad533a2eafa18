// Outgoing requests go to third parties (crawled sites, answer-engine APIs, webhook receivers)
// whose URLs can hold a secret anywhere: a Slack/Discord-style webhook keeps its key in the path
// (`/services/T…/B…/<secret>`), an API its key in the query. A client span keeps the origin only:
// `url.full` (and the older `http.url`) become `scheme://host:port`, and every attribute that
// carries the path or the query is dropped, whatever instrumentation set it.
import { SpanKind } from '@opentelemetry/api';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/** Attributes of a client span that hold the path or the query string (current and older semconv). */
const PATH_ATTRIBUTES = ['url.path', 'url.query', 'http.target'];

/** The origin of a URL (no user info, path or query), or null when it does not parse. */
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

/** Cuts client spans' URLs to their origin as they end, before any exporter sees them. */
export class ClientSpanUrlProcessor implements SpanProcessor {
  onStart(): void {}

  onEnding(span: Span): void {
    if (span.kind !== SpanKind.CLIENT) return;
    // No API removes an attribute: the span is still open here, its attributes its own object.
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of ['url.full', 'http.url']) {
      const value = attributes[key];
      if (typeof value !== 'string') continue;
      const origin = originOf(value);
      if (origin) attributes[key] = origin;
      else delete attributes[key];
    }
    for (const key of PATH_ATTRIBUTES) delete attributes[key];
  }

  onEnd(): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
