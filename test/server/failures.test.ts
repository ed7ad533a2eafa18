// When a dependency fails: clients get masked errors with codes, health says not ready.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { register } from '../helpers/accounts.js';
import { startTestServer, testDatabaseServerUrl, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ runWorker: false, env: { NODE_ENV: 'production' } });
  token = (await register(server)).accessToken;
  // The database goes away under the running server: no new connection, existing ones cut.
  await admin(`update pg_database set datallowconn = false where datname = '${databaseName()}'`);
  await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${databaseName()}'`);
});
afterAll(async () => {
  await admin(`update pg_database set datallowconn = true where datname = '${databaseName()}'`);
  await server?.close();
});

const databaseName = () => new URL(server.databaseUrl).pathname.slice(1);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseServerUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('a database outage', () => {
  it('answers masked INTERNAL_SERVER_ERROR without SQL or internals', async () => {
    const response = await server.gql('{ viewer { id } }', {}, { token });
    expect(response.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(response.errors)).not.toMatch(/select|sessions|ECONN|pool|at .+\.ts/i);
  });

  it('reports not ready on /readyz while /healthz stays up', async () => {
    const origin = new URL(server.url).origin;
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: { database: string } }).checks.database).toMatch(/^failing/);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });
});
