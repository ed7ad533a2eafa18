// GraphiQL for partners, served from our own node_modules: it works with no internet access.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { EXAMPLE_OPERATIONS } from './example-operations.js';
import { ideClientScript } from './graphql-ide.client.js';
import { IDE_CREDENTIAL_FIELDS } from './ide-credential-fields.js';

const require = createRequire(import.meta.url);

const ASSETS = {
  'react.js': { packageName: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': {
    packageName: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    type: 'text/javascript',
  },
  'graphiql.js': { packageName: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { packageName: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
  'graphql-ws.js': { packageName: 'graphql-ws', file: 'umd/graphql-ws.min.js', type: 'text/javascript' },
} as const;

/** The UMD bundles are not in the packages' `exports`, so locate them from package.json. */
function assetPath(packageName: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${packageName}/package.json`)), file);
}

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>AEO Audit API · GraphiQL</title>
    <link rel="stylesheet" href="/ide/graphiql.css" />
    <style>
      body { margin: 0; height: 100vh; } #ide { height: 100vh; }
      .aeo-ide-panel { display: flex; flex-direction: column; gap: 0.75rem; }
      .aeo-ide-panel p { margin: 0; line-height: 1.4; }
      .aeo-ide-panel label { display: flex; flex-direction: column; gap: 0.25rem; }
      .aeo-ide-panel label.aeo-ide-check { flex-direction: row; align-items: center; gap: 0.5rem; }
      .aeo-ide-panel input[type='email'], .aeo-ide-panel input[type='password'] {
        font: inherit; padding: 0.4rem; border-radius: 4px;
        border: 1px solid hsla(var(--color-neutral), var(--alpha-background-heavy));
        background: hsl(var(--color-base)); color: inherit;
      }
      .aeo-ide-actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
      .aeo-ide-error { color: hsl(var(--color-error)); }
      .aeo-ide-signed-in { color: hsl(var(--color-success)); }
    </style>
  </head>
  <body>
    <div id="ide">Loading…</div>
    <script src="/ide/react.js"></script>
    <script src="/ide/react-dom.js"></script>
    <script src="/ide/graphiql.js"></script>
    <script src="/ide/graphql-ws.js"></script>
    <script src="/ide/start.js"></script>
  </body>
</html>`;

// Example tabs, the Sign in panel, header handling and readable errors: graphql-ide.client.ts.
// Headers typed in the IDE (e.g. {"authorization": "Bearer …"}) also become the WebSocket
// connectionParams (graphql-ws), so subscriptions authenticate the same way as queries. They are not kept in
// the browser's storage (shouldPersistHeaders: false, and tabs, history and favorites are stored
// without them), nor are the variables of operations carrying a password or token: a credential
// left in localStorage outlives the session it belongs to.
const START = ideClientScript({ examples: EXAMPLE_OPERATIONS, credentialFields: IDE_CREDENTIAL_FIELDS });

export function wantsHtml(accept: string | undefined): boolean {
  return Boolean(accept && accept.includes('text/html'));
}

/** The IDE when `enabled` (GRAPHQL_IDE; off in production unless set), else a clear 404 for browsers. */
export async function registerGraphqlIde(app: FastifyInstance, enabled: boolean): Promise<void> {
  // Browsers ask for it with every page: answer without a 404 in their console.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  if (!enabled) {
    app.addHook('onRequest', async (request, reply) => {
      if (
        request.method === 'GET' &&
        request.routeOptions.url === '/graphql' &&
        wantsHtml(request.headers.accept)
      ) {
        return reply.code(404).send({ error: 'The GraphQL IDE is not enabled on this server' });
      }
    });
    return;
  }
  const files = new Map<string, { body: string; type: string }>();
  for (const [name, asset] of Object.entries(ASSETS)) {
    files.set(name, {
      body: await readFile(assetPath(asset.packageName, asset.file), 'utf8'),
      type: asset.type,
    });
  }
  files.set('start.js', { body: START, type: 'text/javascript' });

  app.get<{ Params: { file: string } }>('/ide/:file', async (request, reply) => {
    const file = files.get(request.params.file);
    if (!file) return reply.code(404).send({ error: 'not found' });
    return reply
      .header('cache-control', 'public, max-age=3600')
      .type(`${file.type}; charset=utf-8`)
      .send(file.body);
  });

  // GET /graphql with Accept: text/html (a browser) gets the IDE; other GETs reach Apollo.
  app.addHook('onRequest', async (request, reply) => {
    if (
      request.method === 'GET' &&
      request.routeOptions.url === '/graphql' &&
      wantsHtml(request.headers.accept)
    ) {
      return reply.type('text/html; charset=utf-8').send(PAGE);
    }
  });
}
