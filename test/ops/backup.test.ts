// `npm run db:backup` / `db:restore` for real: a database with audits, projects and webhooks is
// backed up by the CLI (pg_dump custom format), lost, restored (pg_restore), and reads back the
// same, row for row and through the API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { markEmailVerified, register, type Account } from '../helpers/accounts.js';
import {
  createTestDatabase,
  startTestServer,
  testDatabaseServerUrl,
  type TestServer,
} from '../helpers/test-server.js';
import { seedAudits } from '../audits/helpers.js';
import type { TemporaryDatabase } from '../../src/infra/temporary-database.js';
import { runEntry } from './helpers/processes.js';

/** What must come back: the rows of these tables (and the job queue's), compared as text. */
const TABLES = [
  'users',
  'workspaces',
  'audits',
  'findings',
  'projects',
  'webhooks',
  'sessions',
  'pgboss.job',
];

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function snapshot(url: string): Promise<Record<string, { rows: number; digest: string }>> {
  return withClient(url, async (client) => {
    const result: Record<string, { rows: number; digest: string }> = {};
    for (const table of TABLES) {
      // pg-boss creates its schema when the app first starts: a database only migrated has none.
      const exists = await client.query(`select to_regclass($1) as t`, [table]);
      if (!exists.rows[0].t) continue;
      const { rows } = await client.query<{ rows: number; digest: string }>(
        `select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${table} t`,
      );
      result[table] = rows[0]!;
    }
    return result;
  });
}

const NODE = `query ($id: ID!) { node(id: $id) {
  id
  ... on Project { name url kinds }
  ... on Audit { status score findings(first: 10) { totalCount } }
  ... on Webhook { url events enabled }
} }`;

describe('db:backup and db:restore', () => {
  let database: TemporaryDatabase;
  let server: TestServer | undefined;
  let owner: Account;
  let dir: string;
  let before: Awaited<ReturnType<typeof snapshot>>;
  const ids: string[] = [];
  const viewed: unknown[] = [];
  const cliEnv = () => ({ NODE_ENV: 'test', DATABASE_URL: database.url });

  beforeAll(async () => {
    const created = await createTestDatabase();
    await created.orm.close(true);
    database = created.database;
    dir = await mkdtemp(path.join(tmpdir(), 'aeo-backup-'));
    server = await startTestServer({
      databaseUrl: database.url,
      runWorker: false,
      env: { AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' },
    });
    owner = await register(server, { name: 'Owner' });
    await markEmailVerified(server, owner);
    const project = await server.gql(
      'mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }',
      { input: { name: 'Docs site', url: 'https://docs.example/', kinds: ['SITE'] } },
      { token: owner.accessToken },
    );
    expect(project.errors).toBeUndefined();
    const webhook = await server.gql(
      'mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }',
      { input: { url: 'http://127.0.0.1:9/hook', events: ['AUDIT_SUCCEEDED'] } },
      { token: owner.accessToken },
    );
    expect(webhook.errors).toBeUndefined();
    const audits = await seedAudits(server, owner.user.id, 4, { findingsPerAudit: 3 });
    ids.push(project.data!.createProject.id, webhook.data!.createWebhook.webhook.id, ...audits);
    for (const id of ids) {
      const response = await server.gql(NODE, { id }, { token: owner.accessToken });
      expect(response.errors).toBeUndefined();
      viewed.push(response.data!.node);
    }
    before = await snapshot(database.url);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('backs up, and after the database is lost restores every audit, project and webhook', async () => {
    expect(before.audits!.rows).toBe(4);
    expect(before.findings!.rows).toBe(12);
    expect(before.projects!.rows).toBe(1);
    expect(before.webhooks!.rows).toBe(1);
    expect(before['pgboss.job']).toBeDefined();
    const file = path.join(dir, 'aeo.dump');

    const backup = await runEntry('cli.ts', ['db:backup', file], cliEnv());
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(
      new RegExp(`^backed up to ${file} \\(\\d+ bytes, .*pg_dump, PostgreSQL \\d+\\)`),
    );
    // pg_dump's custom format starts with its magic bytes.
    const handle = await open(file);
    const magic = Buffer.alloc(5);
    await handle.read(magic, 0, 5, 0);
    await handle.close();
    expect(magic.toString()).toBe('PGDMP');

    // The database is lost: dropped and created again, empty.
    await server!.close();
    server = undefined;
    const name = new URL(database.url).pathname.slice(1);
    await withClient(testDatabaseServerUrl(), async (client) => {
      await client.query(`drop database "${name}" with (force)`);
      await client.query(`create database "${name}"`);
    });
    const empty = await withClient(database.url, (client) =>
      client.query(`select count(*)::int as n from pg_tables where schemaname in ('public', 'pgboss')`),
    );
    expect(empty.rows[0].n).toBe(0);

    // Without --yes nothing is touched, and the message says what to do.
    const refused = await runEntry('cli.ts', ['db:restore', file], cliEnv());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/replaces the data of the database ".*" on .*--yes/);

    const restore = await runEntry('cli.ts', ['db:restore', file, '--yes'], cliEnv());
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^restored /);

    expect(await snapshot(database.url)).toEqual(before);

    // The API reads it back as it was, with the same session.
    server = await startTestServer({ databaseUrl: database.url, runWorker: false });
    const after: unknown[] = [];
    for (const id of ids) {
      const response = await server.gql(NODE, { id }, { token: owner.accessToken });
      expect(response.errors).toBeUndefined();
      after.push(response.data!.node);
    }
    expect(after).toEqual(viewed);
  }, 120_000);

  it('restoring over changed data puts the backed-up rows back', async () => {
    const file = path.join(dir, 'again.dump');
    expect((await runEntry('cli.ts', ['db:backup', file], cliEnv())).code).toBe(0);
    await withClient(database.url, async (client) => {
      await client.query('delete from webhooks');
      await client.query('delete from projects');
      await client.query(`update audits set score = 1`);
    });
    await server!.close();
    server = undefined;
    const restore = await runEntry('cli.ts', ['db:restore', file, '--yes'], cliEnv());
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(await snapshot(database.url)).toEqual(before);
  }, 120_000);

  it('a missing backup file is one clear line', async () => {
    const result = await runEntry('cli.ts', ['db:restore', path.join(dir, 'nope.dump'), '--yes'], cliEnv());
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`No backup at ${path.join(dir, 'nope.dump')}`);
  }, 60_000);
});

describe('db:restore of a damaged backup', () => {
  it('fails with the reason and changes nothing', async () => {
    const { database, orm } = await createTestDatabase();
    await orm.close(true);
    const dir = await mkdtemp(path.join(tmpdir(), 'aeo-backup-'));
    try {
      const env = { NODE_ENV: 'test', DATABASE_URL: database.url };
      const file = path.join(dir, 'whole.dump');
      expect((await runEntry('cli.ts', ['db:backup', file], env)).code).toBe(0);
      const before = await snapshot(database.url);
      // Half of the file: what an interrupted copy leaves.
      const damaged = path.join(dir, 'half.dump');
      const bytes = await readFile(file);
      await writeFile(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));

      const result = await runEntry('cli.ts', ['db:restore', damaged, '--yes'], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /pg_restore could not read .*half\.dump|The restore failed and changed nothing/,
      );
      expect(await snapshot(database.url)).toEqual(before);
    } finally {
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
