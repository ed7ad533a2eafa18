// Runs the `aeo` CLI from its TypeScript sources as a child process: Node strips the types itself
// (--experimental-transform-types for the engine's parameter properties) and the repo's source
// hooks resolve the `.js` specifiers to `.ts` files, as the analysis worker threads do under Jest.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/aeo/main.ts', import.meta.url));
const HOOKS = new URL('../../src/audit-engine/ts-source-hooks.ts', import.meta.url).href;

export interface AeoRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr split into lines, without the trailing empty one. */
  stderrLines: string[];
  ms: number;
}

/** The environment of the child: no engine keys, no allow-list, no Jest NODE_OPTIONS. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/_API_KEY|_BASE_URL|_FILE$|^AUDIT_|^NODE_OPTIONS$|^VISIBILITY_/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export function runAeo(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<AeoRun> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--experimental-transform-types',
      '--disable-warning=ExperimentalWarning',
      '--import',
      HOOKS,
      MAIN,
      ...args,
    ],
    { cwd: root, env: childEnv(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        stderrLines: stderr.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1),
        ms: Date.now() - started,
      }),
    );
  });
}
