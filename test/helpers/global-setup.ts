// One PostgreSQL server for the whole run: DATABASE_URL when set (CI, your own server),
// otherwise an embedded one. Each test file then creates its own database on it.
// Jest loads global setup as CommonJS without its module mapper: name the TypeScript file itself.
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/infra/embedded-postgres.ts';

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
  const embedded = await startEmbeddedPostgres({
    dir: '.data/test-postgres',
    port: Number(process.env.TEST_EMBEDDED_POSTGRES_PORT ?? 54339),
  });
  globalThis.embeddedTestDatabase = embedded;
  process.env.TEST_DATABASE_SERVER_URL = embedded.url;
}
