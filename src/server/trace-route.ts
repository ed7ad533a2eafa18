// With tracing on, an HTTP server span is named after the route that answered (`POST /graphql`,
// `GET /reports/:id`) and carries `http.route`: the HTTP instrumentation names it by method
// alone. The route pattern, never the path: paths hold ids and a span name is a grouping key.
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { FastifyInstance } from 'fastify';
import { isTracingEnabled } from '../infra/spans.js';

export function registerTraceRoute(app: FastifyInstance): void {
  if (!isTracingEnabled()) return;
  app.addHook('onRequest', (request, _reply, done) => {
    const metadata = getRPCMetadata(context.active());
    const route = request.routeOptions.url;
    if (metadata?.type === RPCType.HTTP && route) metadata.route = route;
    done();
  });
}
