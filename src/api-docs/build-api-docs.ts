// The static API docs: SpectaQL renders the schema emitted from code (with each field's access
// line) after intro pages on authentication, examples, errors, webhooks and report formats.
// Everything is local: SpectaQL runs from node_modules and the site loads no external asset.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildAppSchema, printSchemaSDL } from '../graphql/schema.js';
import { authenticationPage, embeddedDoc, errorsPage, examplesPage, GETTING_STARTED } from './intro-pages.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export interface ApiDocsOptions {
  /** Where the site goes (index.html, javascripts/, stylesheets/); replaced if it exists. */
  outDir: string;
  /** The endpoint the examples and curl commands name. */
  serverUrl: string;
  /** The repository's docs/ folder, whose webhook and report pages are included. */
  docsDir?: string;
}

/** The repository pages the site includes, by title. */
const EMBEDDED_DOCS = [
  { title: 'Webhooks', file: 'webhooks.md' },
  { title: 'Report formats', file: 'report-format.md' },
  { title: 'Reports and share links', file: 'reports.md' },
];

function spectaqlBin(): string {
  return path.join(path.dirname(require.resolve('spectaql/package.json')), 'bin', 'spectaql.js');
}

export async function buildApiDocs({ outDir, serverUrl, docsDir = 'docs' }: ApiDocsOptions): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'aeo-api-docs-'));
  try {
    const schemaFile = path.join(work, 'schema.graphql');
    await writeFile(schemaFile, printSchemaSDL(await buildAppSchema()));
    const embedded = await Promise.all(
      EMBEDDED_DOCS.map(async ({ title, file }) => ({
        title,
        description: embeddedDoc(await readFile(path.join(docsDir, file), 'utf8')),
      })),
    );
    const config = {
      spectaql: { targetDir: path.resolve(outDir) },
      introspection: { schemaFile, removeTrailingPeriodFromDescriptions: false },
      info: {
        title: 'AEO Audit API',
        description: GETTING_STARTED,
        'x-introItems': [
          { title: 'Authentication and API keys', description: authenticationPage(serverUrl) },
          { title: 'Examples', description: examplesPage(serverUrl) },
          { title: 'Errors', description: errorsPage() },
          ...embedded,
        ],
      },
      servers: [
        {
          url: serverUrl,
          description: 'GraphQL endpoint (HTTP POST; WebSocket for subscriptions)',
          production: true,
          headers: [
            {
              name: 'Authorization',
              example: 'Bearer <accessToken or API key>',
              comment: 'See Authentication: fields marked public need none',
            },
          ],
        },
      ],
    };
    // YAML is a superset of JSON: SpectaQL reads this as its config.
    const configFile = path.join(work, 'spectaql.yml');
    await writeFile(configFile, JSON.stringify(config, null, 2));
    await rm(outDir, { recursive: true, force: true });
    await run(process.execPath, [spectaqlBin(), '--quiet', configFile], {
      cwd: work,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 5 * 60_000,
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
