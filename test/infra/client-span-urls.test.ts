// Outgoing requests' spans keep the origin of their URL only, through a real SDK pipeline: a
// webhook's path secret and an API key in a query never reach an exporter.
import { afterAll, describe, expect, it } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ClientSpanUrlProcessor, originOf } from '../../src/infra/client-span-urls.js';

const WEBHOOK = 'https://hooks.slack.com/services/T0001/B0002/webhook-path-secret?key=query-secret';

describe('ClientSpanUrlProcessor', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new ClientSpanUrlProcessor(), new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('client-span-urls-test');
  afterAll(() => provider.shutdown());

  const ended = (kind: SpanKind, attributes: Record<string, string | number>) => {
    exporter.reset();
    tracer.startSpan('POST', { kind, attributes }).end();
    const [span] = exporter.getFinishedSpans();
    return span!.attributes;
  };

  it('cuts a client span to its origin and drops the path and query attributes', () => {
    const attributes = ended(SpanKind.CLIENT, {
      'url.full': WEBHOOK,
      'url.path': '/services/T0001/B0002/webhook-path-secret',
      'url.query': '?key=query-secret',
      'url.scheme': 'https',
      'server.address': 'hooks.slack.com',
      'server.port': 443,
    });
    expect(attributes).toEqual({
      'url.full': 'https://hooks.slack.com',
      'url.scheme': 'https',
      'server.address': 'hooks.slack.com',
      'server.port': 443,
    });
  });

  it('does the same for the older semantic conventions, user info included', () => {
    const attributes = ended(SpanKind.CLIENT, {
      'http.url': 'http://user:pa55@example.com:8080/a/b?token=t0k',
      'http.target': '/a/b?token=t0k',
      'http.method': 'GET',
    });
    expect(attributes).toEqual({ 'http.url': 'http://example.com:8080', 'http.method': 'GET' });
  });

  it('drops a URL that does not parse rather than keep it', () => {
    expect(ended(SpanKind.CLIENT, { 'url.full': 'not a url /secret' })).toEqual({});
  });

  it('leaves server and internal spans as they are', () => {
    const server = { 'url.path': '/graphql', 'url.query': '?token=REDACTED' };
    expect(ended(SpanKind.SERVER, server)).toEqual(server);
    expect(ended(SpanKind.INTERNAL, { 'url.full': WEBHOOK })).toEqual({ 'url.full': WEBHOOK });
  });
});

describe('originOf', () => {
  it('gives scheme, host and a port other than the default', () => {
    expect(originOf('https://example.com:443/x?y=1')).toBe('https://example.com');
    expect(originOf('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080');
    expect(originOf('mailto:someone@example.com')).toBeNull();
  });
});
