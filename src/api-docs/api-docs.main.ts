// `npm run docs [-- --out <dir>] [--server-url <url>]`: builds the static API docs (SpectaQL)
// into docs-site/ (not committed), from the schema emitted from code.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { buildApiDocs } from './build-api-docs.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs-site' },
    'server-url': { type: 'string', default: 'http://localhost:4000/graphql' },
  },
});
const started = Date.now();
await buildApiDocs({ outDir: values.out, serverUrl: values['server-url'] });
console.log(`wrote ${values.out}/index.html in ${((Date.now() - started) / 1000).toFixed(1)} s`);
