// Operator commands: `npm run cli -- <command>`. Run `npm run cli -- help` for the list.
// First: a clear message on a Node.js too old to run the rest (scripts/check-node-version.cjs).
import '#node-version-check';
import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from './config.js';
import { CONFIG_REFERENCE_FILE, formattedConfigReference } from './config-reference.js';
import { openDatabase, ormOptions } from './infra/database.js';
import { startEmbeddedPostgres } from './infra/embedded-postgres.js';
import { describeFailure } from './infra/lifecycle.js';
import { backupDatabase, restoreDatabase } from './infra/postgres-backup.js';
import { createTemporaryDatabase } from './infra/temporary-database.js';
import { buildAppSchema, printSchemaSDL } from './graphql/schema.js';
import { ENTITIES } from './modules/index.js';
import { promoteUserByEmail } from './modules/users/user.service.js';
import { resealWebhookSecrets } from './modules/webhooks/webhook-reseal.js';
import { SecretBox } from './modules/webhooks/webhook-signature.js';

const SCHEMA_FILE = 'schema.graphql';

const commands: Record<string, { usage: string; run: (args: string[]) => Promise<void> }> = {
  'migrations:up': {
    usage: 'apply pending migrations',
    run: async () => {
      const database = await openDatabase(operatorDatabaseOptions(loadConfig()));
      console.log('migrations applied');
      await database.close();
    },
  },
  'migrations:create': {
    usage: '[name]  write a migration for the difference between the entities and the migrated schema',
    run: async ([name]) => {
      await withMigratedScratchDatabase(async (orm) => {
        // Written to the TypeScript sources (the migrator's own path is the compiled copy).
        const result = await orm.migrator.create(path.resolve('migrations'), false, false, name);
        console.log(
          result.fileName ? `created migrations/${result.fileName}` : 'no changes: nothing to create',
        );
      });
    },
  },
  'migrations:check': {
    usage: 'fail when the entities and the migrations disagree',
    run: async () => {
      await withMigratedScratchDatabase(async (orm) => {
        const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false });
        if (sql.trim()) {
          console.error(`Entities and migrations differ; run \`npm run cli -- migrations:create\`:\n${sql}`);
          process.exitCode = 1;
        } else {
          console.log('migrations match the entities');
        }
      });
    },
  },
  'schema:print': {
    usage: `write the GraphQL schema emitted from code to ${SCHEMA_FILE}`,
    run: async () => {
      await writeFile(SCHEMA_FILE, printSchemaSDL(await buildAppSchema()));
      console.log(`wrote ${SCHEMA_FILE}`);
    },
  },
  'schema:check': {
    usage: `fail when ${SCHEMA_FILE} differs from the schema emitted from code`,
    run: async () => {
      const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
      if (committed !== printSchemaSDL(await buildAppSchema())) {
        console.error(`${SCHEMA_FILE} is out of date: run \`npm run cli -- schema:print\` and commit it`);
        process.exitCode = 1;
      } else {
        console.log(`${SCHEMA_FILE} is up to date`);
      }
    },
  },
  'schema:breaking': {
    usage: `[ref]  fail on breaking changes of ${SCHEMA_FILE} since ref (default: the merge-base with main, else HEAD~1) not acknowledged in schema-changes.allow`,
    run: async ([ref]) => {
      // Loaded here: GraphQL Inspector is a development dependency, absent from the image.
      const { checkSchemaAgainstBase } = await import('./graphql/schema-breaking.js');
      const result = await checkSchemaAgainstBase({ cwd: process.cwd(), schemaFile: SCHEMA_FILE, ref });
      if (result.ok) {
        console.log(result.text);
      } else {
        console.error(result.text);
        process.exitCode = 1;
      }
    },
  },
  'db:backup': {
    usage: '[file]  write the whole database to a pg_dump custom-format file (default .data/backups/…)',
    run: async ([file]) => {
      await withOperatorDatabaseUrl(async (url) => {
        const target = file ?? defaultBackupFile(url);
        const result = await backupDatabase(url, target);
        console.log(
          `backed up to ${result.file} (${result.bytes} bytes, ${result.tool.path}, PostgreSQL ${result.tool.major})`,
        );
      });
    },
  },
  'db:restore': {
    usage: '<file> --yes  replace the database with a backup (stop the API and workers first)',
    run: async (args) => {
      const file = args.find((arg) => !arg.startsWith('--'));
      if (!file) throw new Error('usage: db:restore <file> --yes');
      await withOperatorDatabaseUrl(async (url) => {
        const where = describeDatabase(url);
        if (!args.includes('--yes')) {
          throw new Error(
            `db:restore replaces the data of ${where} with ${file}. Stop the API and workers, then run it again with --yes.`,
          );
        }
        const result = await restoreDatabase(url, file);
        console.log(`restored ${file} into ${where} (${result.tool.path}); now run \`npm run migrate\``);
      });
    },
  },
  'docs:config': {
    usage: `write ${CONFIG_REFERENCE_FILE} from the configuration schema and .env.example`,
    run: async () => {
      await writeFile(
        CONFIG_REFERENCE_FILE,
        await formattedConfigReference(await readFile('.env.example', 'utf8')),
      );
      console.log(`wrote ${CONFIG_REFERENCE_FILE}`);
    },
  },
  'secrets:reseal': {
    usage: 're-encrypt stored webhook secrets under JWT_SECRET (after a rotation, see docs/deployment.md)',
    run: async () => {
      const config = loadConfig();
      const database = await openDatabase(operatorDatabaseOptions(config));
      try {
        const box = new SecretBox([config.jwtSecret, ...config.jwtPreviousSecrets]);
        const { checked, resealed } = await resealWebhookSecrets(database.orm.em.fork(), box);
        console.log(
          `${resealed} of ${checked} webhooks re-encrypted under the current JWT_SECRET; ` +
            'JWT_PREVIOUS_SECRETS may drop the old secret once access tokens it signed expired',
        );
      } finally {
        await database.close();
      }
    },
  },
  'users:promote': {
    usage: '<email>  give an existing account the ADMIN role',
    run: async ([email]) => {
      if (!email) throw new Error('usage: users:promote <email>');
      const database = await openDatabase(operatorDatabaseOptions(loadConfig()));
      try {
        const user = await promoteUserByEmail(database.orm.em.fork(), email);
        console.log(`${user.email} is now ADMIN`);
      } finally {
        await database.close();
      }
    },
  },
};

/**
 * The configured database; without DATABASE_URL, the embedded server of `npm start` when it is
 * running (this command connects to it for its few seconds), else one started for the command.
 */
function operatorDatabaseOptions(config: Config) {
  return {
    ...config,
    embeddedPostgres: { ...config.embeddedPostgres, attachToRunning: true },
    entities: ENTITIES,
  };
}

/** Runs `fn` with the database's URL: DATABASE_URL, else the embedded server (running or started). */
async function withOperatorDatabaseUrl(fn: (url: string) => Promise<void>): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl) return fn(config.databaseUrl);
  const embedded = await startEmbeddedPostgres({ ...config.embeddedPostgres, attachToRunning: true });
  try {
    await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}

/** `host:port/database`, never the credentials. */
function describeDatabase(url: string): string {
  const { hostname, port, pathname } = new URL(url);
  return `the database "${decodeURIComponent(pathname.slice(1))}" on ${hostname}:${port || 5432}`;
}

function defaultBackupFile(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.join('.data', 'backups', `${name}-${stamp}.dump`);
}

/** Runs `fn` against a fresh database with every migration applied, then drops it. */
async function withMigratedScratchDatabase(fn: (orm: MikroORM) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ ...config.embeddedPostgres, attachToRunning: true });
  const scratch = await createTemporaryDatabase(config.databaseUrl ?? embedded!.url, 'aeo_scratch');
  const orm = await MikroORM.init(ormOptions(scratch.url, { entities: ENTITIES, poolMax: 2 }));
  try {
    await orm.migrator.up();
    await fn(orm);
  } finally {
    await orm.close(true);
    await scratch.drop();
    await embedded?.stop();
  }
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.log('Commands (npm run cli -- <command>):');
    for (const [commandName, { usage }] of Object.entries(commands)) console.log(`  ${commandName} ${usage}`);
    process.exitCode = name && name !== 'help' ? 1 : 0;
    return;
  }
  await command.run(args);
}

main().catch((error: unknown) => {
  // A command's own errors (usage, unknown account) and start-up's explain themselves.
  console.error(describeFailure(error));
  process.exit(1);
});
