// The configured database is used, never created: a typo in DATABASE_URL must stop the start
// with a clear message instead of migrating a new, empty database.
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DatabaseMissingError, openDatabase } from '../../src/infra/database.js';
import { ENTITIES } from '../../src/modules/index.js';
import { testDatabaseServerUrl } from '../helpers/test-server.js';

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testDatabaseServerUrl() });
  await client.connect();
  try {
    const result = await client.query('select 1 from pg_database where datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('opening the configured database', () => {
  it('refuses a database that does not exist, names it, and does not create it', async () => {
    const name = `aeo_typo_${Date.now()}`;
    const url = new URL(testDatabaseServerUrl());
    url.pathname = `/${name}`;
    const opening = openDatabase({
      databaseUrl: url.toString(),
      embeddedPostgres: { dir: '.data/unused', port: 1 },
      databasePoolMax: 1,
      entities: ENTITIES,
    });
    await expect(opening).rejects.toBeInstanceOf(DatabaseMissingError);
    await expect(opening).rejects.toThrow(`The database "${name}" does not exist`);
    expect(await databaseExists(name)).toBe(false);
  });
});
