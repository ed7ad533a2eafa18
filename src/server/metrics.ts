// Prometheus metrics on GET /metrics: HTTP and GraphQL figures added to the process registry
// (which also holds the in-process worker's audit metrics).
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  graphqlOperations: Counter<'operation' | 'type' | 'outcome'>;
}

export function registerMetrics(app: FastifyInstance, registry: Registry): Metrics {
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const graphqlOperations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by operation name, type and outcome.',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the raw URL: bounded label cardinality.
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe(
      { route, method: request.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return { registry, graphqlOperations };
}
