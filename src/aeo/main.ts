// Entry point of `aeo` (bin/aeo.js imports the compiled file). Runs the CLI, then exits with its
// code as soon as the report is out: nothing left behind (a keep-alive socket, an idle worker
// thread) may hold the process open.
import { readFileSync } from 'node:fs';
import { runCli } from './cli.js';
import { CliError, EXIT_INTERRUPTED } from './errors.js';

/** The package's version, from the nearest package.json above this file (sources or dist/). */
function packageVersion(): string {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { version?: string };
      if (pkg.version) return pkg.version;
    } catch {
      // not here: one level up
    }
    if (dir.pathname === '/') return '0.0.0';
  }
}

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => controller.abort(new CliError('interrupted', EXIT_INTERRUPTED)));
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
  version: packageVersion(),
});
process.exit(code);
