// One PostgreSQL server for the whole run: DATABASE_URL when set (CI, your own server),
// otherwise an embedded one. Each test file then creates its own database on it.
import { createServer, type AddressInfo } from 'node:net';
// Jest loads global setup as CommonJS without its module mapper: name the TypeScript file itself.
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/infra/embedded-postgres.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

declare global {
  var embeddedTestDatabase: EmbeddedDatabase | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  if (process.env.CI === 'true') {
    throw new Error('CI=true but DATABASE_URL is not set: CI must test against the real PostgreSQL service');
  }
  // A throw-away cluster per run, on a free port: a crashed earlier run cannot get in the way.
  const embedded = await startEmbeddedPostgres({
    dir: `.data/test-postgres/${process.pid}-${Date.now()}`,
    port: await freePort(),
    persistent: false,
  });
  globalThis.embeddedTestDatabase = embedded;
  process.env.TEST_DATABASE_SERVER_URL = embedded.url;
}
