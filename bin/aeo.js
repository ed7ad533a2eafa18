#!/usr/bin/env node
// Launcher of the `aeo` CLI (package.json "bin"): runs the compiled dist/src/aeo/main.js. In a fresh
// clone (after `npm install`, before any build) the output is missing: it is compiled once, here,
// rather than in a `prepare` script, which would run on every install, including the Dockerfile's
// `npm ci` that happens before the sources are copied in. `npm run aeo -- …` always rebuilds first.
/* global URL */
// First: a clear message on a Node.js too old to run the CLI (scripts/check-node-version.cjs).
import '#node-version-check';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/aeo/main.js', import.meta.url);
if (!existsSync(main)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write('aeo: compiling the CLI on first use (npm run build)\n');
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write('aeo: cannot compile: TypeScript is not installed (run npm install)\n');
    process.exit(1);
  }
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0 || !existsSync(main)) {
    process.stderr.write('aeo: cannot compile the CLI: npm run build failed\n');
    process.exit(1);
  }
}
await import(main.href);
