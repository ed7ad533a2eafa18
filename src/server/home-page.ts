// GET /: where a person or a script lands first. A small HTML page (browsers) or a JSON index
// (everything else) of what this server offers: the GraphQL endpoint and its IDE, the health
// checks, the metrics when they are served here, and where the documentation lives.
import type { FastifyInstance } from 'fastify';
import { escapeHtml } from '../reports/escape.js';

export interface HomePageOptions {
  /** The IDE answers GET /graphql for browsers. */
  ide: boolean;
  /** GET /metrics is on this port (not on METRICS_PORT). */
  metrics: boolean;
}

interface Link {
  path: string;
  title: string;
}

function links(options: HomePageOptions): Link[] {
  return [
    {
      path: '/graphql',
      title: options.ide
        ? 'GraphQL endpoint (POST, or GET for queries); in a browser, the GraphQL IDE with the schema docs'
        : 'GraphQL endpoint (POST, or GET for queries)',
    },
    { path: '/healthz', title: 'Liveness: the process answers' },
    { path: '/readyz', title: 'Readiness: the database (and Redis when configured) answer' },
    ...(options.metrics ? [{ path: '/metrics', title: 'Prometheus metrics' }] : []),
  ];
}

function page(all: Link[]): string {
  const items = all
    .map(
      (link) => `<li><a href="${link.path}"><code>${link.path}</code></a> — ${escapeHtml(link.title)}</li>`,
    )
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>AEO Audit API</title>
    <style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem}code{font-size:.95em}</style>
  </head>
  <body>
    <h1>AEO Audit API</h1>
    <p>A GraphQL API for answer engine optimization audits: site readiness and answer-engine visibility.
      Sign in with <code>login</code> or use an API key (<code>Authorization: Bearer …</code>).</p>
    <ul>
      ${items}
    </ul>
    <p>Documentation: every type and field in the IDE’s Docs pane; guides (authentication, webhooks, reports,
      deployment) in the repository’s <code>docs/</code> folder.</p>
  </body>
</html>
`;
}

export function registerHomePage(app: FastifyInstance, options: HomePageOptions): void {
  const all = links(options);
  const html = page(all);
  const json = { name: 'AEO Audit API', graphql: '/graphql', links: all };
  app.get('/', async (request, reply) => {
    const accept = request.headers.accept ?? '';
    reply.header('vary', 'accept');
    if (accept.includes('text/html')) return reply.type('text/html; charset=utf-8').send(html);
    return reply.send(json);
  });
}
