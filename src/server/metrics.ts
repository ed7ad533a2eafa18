// Prometheus metrics: HTTP and GraphQL figures added to the process registry (which also holds
// the in-process worker's audit metrics), served on GET /metrics — on the API's port, or on
// METRICS_PORT (ops-http.ts) — and, with METRICS_TOKEN, only to its bearer.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { ERROR_CODES } from '../common/errors.js';

export interface Metrics {
  registry: Registry;
  graphqlOperations: Counter<'operation' | 'type' | 'outcome'>;
  graphqlDuration: Histogram<'operation' | 'type' | 'outcome'>;
  /** Counts one error sent to a client by its `extensions.code` (a bounded label). */
  clientError: (code: unknown) => void;
}

/** Codes a client can be sent: the contract's, and the persisted-query protocol's; else "other". */
const ERROR_CODE_LABELS: ReadonlySet<string> = new Set([
  ...ERROR_CODES,
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const errorCodeLabel = (code: unknown): string =>
  typeof code === 'string' && ERROR_CODE_LABELS.has(code) ? code : 'other';

export interface MetricsOptions {
  /** Serve GET /metrics on this app (false when METRICS_PORT serves it elsewhere). */
  serve: boolean;
  token: string | undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True without a configured token, else only for `Bearer <token>` (compared in constant time). */
export function metricsAuthorized(authorization: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const presented = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/** Seconds: 5 ms to 10 s, for the HTTP and GraphQL durations alike (one set of dashboard buckets). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function registerMetrics(app: FastifyInstance, registry: Registry, options: MetricsOptions): Metrics {
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const graphqlOperations = new Counter({
    name: 'graphql_operations_total',
    // Never the client's operation name: that is client text, and every new one a new series.
    help:
      'GraphQL operations by root field (the one field an operation selects at its root, ' +
      '"multiple" for several, "invalid" when it did not validate), type and outcome.',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const graphqlDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help:
      'GraphQL operation duration over HTTP, from the request reaching Apollo to the response, ' +
      'by the same bounded root-field operation, type and outcome as graphql_operations_total.',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const graphqlErrors = new Counter({
    name: 'graphql_errors_total',
    help:
      'Errors sent to GraphQL clients (HTTP and WebSocket), by extensions.code (the known codes, ' +
      'else "other").',
    labelNames: ['code'] as const,
    registers: [registry],
  });

  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, not the raw URL: bounded label cardinality.
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe(
      { route, method: request.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  if (options.serve) {
    app.get('/metrics', async (request, reply) => {
      if (!metricsAuthorized(request.headers.authorization, options.token)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send();
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  }
  return {
    registry,
    graphqlOperations,
    graphqlDuration,
    clientError: (code) => graphqlErrors.inc({ code: errorCodeLabel(code) }),
  };
}

/** What the WebSocket server reports about itself (read at scrape time). */
export interface WebSocketStats {
  connections(): number;
  subscriptions(): number;
}

export function registerWebSocketMetrics(registry: Registry, stats: WebSocketStats): void {
  new Gauge({
    name: 'websocket_connections',
    help: 'Open GraphQL WebSocket connections on this API process.',
    registers: [registry],
    collect() {
      this.set(stats.connections());
    },
  });
  new Gauge({
    name: 'websocket_subscriptions',
    help: 'GraphQL subscriptions running on this API process (over all its WebSocket connections).',
    registers: [registry],
    collect() {
      this.set(stats.subscriptions());
    },
  });
}
