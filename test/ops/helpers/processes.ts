// The app's entry points as real processes, from the TypeScript sources (helpers/ts-hooks.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { run, type Run } from './run.js';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
const HOOKS = fileURLToPath(new URL('./ts-hooks.ts', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The child's environment: this one's without Jest's and npm's variables (nor SENTRY_*, OTEL_*), and without the
 * database and Redis settings unless `env` gives them.
 */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_|^NODE_OPTIONS$|^JEST_|^DATABASE_URL$|^REDIS_URL$|^TEST_|^SENTRY_|^OTEL_/.test(key)) continue;
    clean[key] = value;
  }
  return { ...clean, LOG_LEVEL: 'info', ...env };
}

/** `preload`: more `--import` modules, e.g. src/instrument.ts, as `npm start` preloads it. */
const nodeArgs = (entry: string, args: readonly string[], preload: readonly string[] = []) => [
  '--enable-source-maps',
  '--disable-warning=ExperimentalWarning',
  '--import',
  HOOKS,
  ...preload.flatMap((module) => ['--import', module]),
  entry,
  ...args,
];

/** Runs `src/<entry>` to its end. */
export function runEntry(
  entry: string,
  args: readonly string[],
  env: Record<string, string>,
  preload: readonly string[] = [],
): Promise<Run> {
  return run(process.execPath, nodeArgs(`src/${entry}`, args, preload), { cwd: root, env: childEnv(env) });
}

export interface LongRunning {
  child: ChildProcess;
  output(): string;
  /** Resolves when a line of output matches, rejects when the process ends first or at the timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `src/<entry>` and keeps it running. */
export function startEntry(entry: string, env: Record<string, string>, preload: string[] = []): LongRunning {
  const child = spawn(process.execPath, nodeArgs(`src/${entry}`, [], preload), {
    cwd: root,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: string) => {
    output += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(output)) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then((code) => {
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`exited with ${code} before ${pattern}; output:\n${output}`));
        });
        check();
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
