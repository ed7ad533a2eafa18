// The Node.js older than the project needs that the version checks are tried with. CI provisions
// it (.ci/run: the npm registry's `node@20` under the cache folder, exported as AEO_OLD_NODE);
// locally it is looked for in the same place, and the tests skip without it (never under CI).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

const cached = path.join(
  process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'),
  'aeo-ci/node-20/node_modules/.bin/node',
);

export function oldNodeBinary(): string | undefined {
  const binary = process.env.AEO_OLD_NODE || cached;
  if (existsSync(binary)) return binary;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but no old Node.js at ${binary}: .ci/run provisions node@20 there`);
  }
  return undefined;
}

/** npm's own entry script (`npm test` sets npm_execpath), to run npm itself on the old Node. */
export function npmCli(): string {
  const candidates = [process.env.npm_execpath, '/usr/lib/node_modules/npm/bin/npm-cli.js'];
  const found = candidates.find((file) => file && file.endsWith('.js') && existsSync(file));
  if (!found) throw new Error('npm-cli.js not found: run the tests through `npm test`');
  return found;
}
