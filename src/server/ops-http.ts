// The small operations HTTP side, apart from the API: liveness and Prometheus metrics for the
// orchestrator and monitoring. The standalone worker serves it (it serves no GraphQL), and so
// does the API when METRICS_PORT moves its metrics off the public port.
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { metricsAuthorized } from './metrics.js';

export async function startOpsHttp(
  port: number,
  host: string,
  registry: Registry,
  token: string | undefined,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
    } else if (request.method === 'GET' && path === '/metrics') {
      if (!metricsAuthorized(request.headers.authorization, token)) {
        response.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
        return;
      }
      registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    } else {
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'not found' }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
