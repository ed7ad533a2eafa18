// MikroORM on PostgreSQL: configuration, migrations, and the embedded fallback. Knows no
// domain: the entities come from the caller (the composition root lists the modules').
import { fileURLToPath } from 'node:url';
import {
  MikroORM,
  defineConfig,
  type EntityClass,
  type EntityManager,
  type Options,
} from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** Same relative path from `src/infra` (TypeScript) and `dist/src/infra` (compiled). */
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
/** Jest runs the TypeScript sources; MikroORM cannot detect that on its own. */
const RUNNING_TYPESCRIPT = import.meta.url.endsWith('.ts');

export interface OrmOptions {
  /** Every persisted entity, listed explicitly (no folder scanning). */
  entities: EntityClass<object>[];
  poolMax?: number;
  /** Sees every SQL statement (tests count them to prove batching). */
  onQuery?: (sql: string) => void;
}

export function ormOptions(clientUrl: string, { entities, poolMax = 10, onQuery }: OrmOptions): Options {
  return defineConfig({
    ...(onQuery ? { debug: ['query'] as const, logger: (message: string) => onQuery(message) } : {}),
    clientUrl,
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    preferTs: RUNNING_TYPESCRIPT,
    discovery: { warnWhenNoEntities: true },
    migrations: {
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      glob: RUNNING_TYPESCRIPT ? '!(*.d).ts' : '!(*.d).js',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      silent: true,
    },
    pool: { min: 0, max: poolMax },
    // Entities are loaded per request through a forked EntityManager, never the global one.
    allowGlobalContext: false,
  });
}

/**
 * Serialises transactions on one key of one namespace until the caller's transaction (`em`)
 * ends: check-then-insert limits (quotas, key caps) then hold under concurrency.
 */
export async function lockUntilCommit(em: EntityManager, namespace: number, key: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(?, hashtext(?))', [namespace, key]);
}

export interface Database {
  orm: MikroORM;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** Connects (starting the embedded server when no DATABASE_URL is set) and applies pending migrations. */
export interface DatabaseOptions {
  /** Absent: an embedded PostgreSQL is started under `embeddedPostgres.dir`. */
  databaseUrl: string | undefined;
  /** `attachToRunning`: use the server another process runs on `dir` (operator commands). */
  embeddedPostgres: { dir: string; port: number; attachToRunning?: boolean };
  databasePoolMax: number;
  entities: EntityClass<object>[];
}

export class DatabaseMissingError extends Error {
  override name = 'DatabaseMissingError';
}

/**
 * The configured database must exist: MikroORM's migrator would otherwise create an empty one,
 * and a typo in DATABASE_URL would start a service on no data.
 */
async function assertDatabaseExists(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
    const { hostname, port, pathname } = new URL(url);
    const name = decodeURIComponent(pathname.slice(1));
    throw new DatabaseMissingError(
      `The database "${name}" does not exist on ${hostname}:${port || 5432}. Create it ` +
        `(createdb -h ${hostname} ${name}) or correct DATABASE_URL: the server never creates it.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function openDatabase(
  options: DatabaseOptions,
  log: (message: string) => void = () => undefined,
): Promise<Database> {
  const embedded = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ ...options.embeddedPostgres, onLog: (line) => log(line.trim()) });
  const url = options.databaseUrl ?? embedded!.url;
  if (options.databaseUrl) await assertDatabaseExists(options.databaseUrl);
  try {
    const orm = await MikroORM.init(
      ormOptions(url, { entities: options.entities, poolMax: options.databasePoolMax }),
    );
    await orm.migrator.up();
    return {
      orm,
      url,
      embedded: Boolean(embedded),
      close: async () => {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
