// `npm run schema:breaking`: the committed schema file against the same file at a base commit
// (where the branch left main; on main itself, the previous commit), read with git.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ALLOW_FILE, compareSchemas, formatSchemaChangeReport, parseAllowList } from './schema-changes.js';

export interface SchemaCheckResult {
  /** False when an unacknowledged breaking change was found. */
  ok: boolean;
  /** What to print. */
  text: string;
}

const run = promisify(execFile);

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

const gitSucceeds = (cwd: string, ...args: string[]) =>
  git(cwd, ...args).then(
    () => true,
    () => false,
  );

/**
 * Where the branch left main (origin/main, else a local main). On main itself, or where there is
 * no main, the previous commit; undefined for a repository's first commit.
 */
export async function defaultSchemaBase(cwd: string): Promise<string | undefined> {
  const head = (await git(cwd, 'rev-parse', 'HEAD')).trim();
  for (const main of ['origin/main', 'main']) {
    if (!(await gitSucceeds(cwd, 'rev-parse', '--verify', '--quiet', `${main}^{commit}`))) continue;
    const mergeBase = (await git(cwd, 'merge-base', 'HEAD', main).catch(() => '')).trim();
    if (mergeBase && mergeBase !== head) return mergeBase;
    break;
  }
  if (await gitSucceeds(cwd, 'rev-parse', '--verify', '--quiet', 'HEAD~1^{commit}')) return 'HEAD~1';
  if ((await git(cwd, 'rev-parse', '--is-shallow-repository')).trim() === 'true') {
    throw new Error(
      'shallow clone: the previous commit is missing; fetch it (git fetch --deepen=1) or pass a ref to compare with',
    );
  }
  return undefined;
}

/** Compares `schemaFile` in `cwd` with its version at `ref` (default: defaultSchemaBase). */
export async function checkSchemaAgainstBase(options: {
  cwd: string;
  schemaFile: string;
  ref?: string;
}): Promise<SchemaCheckResult> {
  const { cwd, schemaFile } = options;
  const base = options.ref ?? (await defaultSchemaBase(cwd));
  if (!base) return { ok: true, text: 'no earlier commit to compare with: nothing to check' };
  if (!(await gitSucceeds(cwd, 'rev-parse', '--verify', '--quiet', `${base}^{commit}`))) {
    throw new Error(`unknown git ref "${base}" to compare ${schemaFile} with`);
  }
  const short = (await git(cwd, 'rev-parse', '--short', `${base}^{commit}`)).trim();
  const label = base.startsWith(short) ? short : `${base} (${short})`;
  const baseSdl = await git(cwd, 'show', `${base}:${schemaFile}`).catch(() => undefined);
  if (baseSdl === undefined)
    return { ok: true, text: `${label} has no ${schemaFile}: nothing to compare with` };
  const allowText = await readFile(path.join(cwd, ALLOW_FILE), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    },
  );
  const report = await compareSchemas(
    baseSdl,
    await readFile(path.join(cwd, schemaFile), 'utf8'),
    parseAllowList(allowText),
  );
  return { ok: report.breaking.length === 0, text: formatSchemaChangeReport(report, label) };
}
