// A real API server on a random loopback port, on its own fresh database, for one test file.
import 'reflect-metadata';
import { randomInt, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TypedDocumentString } from '../../client/generated/graphql.js';
import { createApp, type App } from '../../src/app.js';
import type { AppLogger } from '../../src/common/logger.js';
import { loadConfig, type Config } from '../../src/config.js';
import { ormOptions } from '../../src/infra/database.js';
import { createLogger } from '../../src/infra/logger.js';
import { createTemporaryDatabase, type TemporaryDatabase } from '../../src/infra/temporary-database.js';
import { ENTITIES } from '../../src/modules/index.js';
import type { AppServer } from '../../src/server/app.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** A typed document's variables: optional when it has no required variable. */
export type VariablesArgs<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: RequestOptions]
    : [variables: TVariables, options?: RequestOptions];

export interface TestServer {
  url: string;
  wsUrl: string;
  orm: MikroORM;
  server: AppServer;
  /** The whole app, built by the same composition root as `npm start`. */
  app: App;
  config: Config;
  databaseUrl: string;
  /**
   * A typed document of client/generated (client/operations/*.graphql): its variables and its
   * `data` are typed from schema.graphql, so an incompatible schema change fails `tsc`.
   */
  gql<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...args: VariablesArgs<TVariables>
  ): Promise<GraphQLResponse<TResult>>;
  /** A query string, for what no operation document covers (malformed or hostile requests). */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<T>>;
  wsClient(connectionParams?: Record<string, unknown>): Client;
  close(): Promise<void>;
}

export function testDatabaseServerUrl(): string {
  const url = process.env.TEST_DATABASE_SERVER_URL;
  if (!url) throw new Error('TEST_DATABASE_SERVER_URL is not set: jest globalSetup did not run');
  return url;
}

export async function createTestDatabase(
  onQuery?: (sql: string) => void,
): Promise<{ database: TemporaryDatabase; orm: MikroORM }> {
  const database = await createTemporaryDatabase(testDatabaseServerUrl(), 'aeo_test');
  const orm = await MikroORM.init(ormOptions(database.url, { entities: ENTITIES, poolMax: 5, onQuery }));
  await orm.migrator.up();
  return { database, orm };
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Share another server's database (several API replicas); default: a fresh one. */
  databaseUrl?: string;
  /** Run audits in this process (default true). */
  runWorker?: boolean;
  /** Sees every SQL statement the API's ORM runs. */
  onQuery?: (sql: string) => void;
  /** The app's logger (default: one at TEST_LOG_LEVEL, silent unless set). */
  logger?: AppLogger;
}

/**
 * Redis for tests that need it: REDIS_URL, required under CI (such tests must fail loudly
 * there); undefined elsewhere, and those tests are skipped.
 */
export function testRedisUrl(): string | undefined {
  const url = process.env.REDIS_URL;
  if (!url && process.env.CI === 'true') throw new Error('CI=true but REDIS_URL is not set');
  return url || undefined;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const owned = options.databaseUrl ? undefined : await createTestDatabase(options.onQuery);
  const databaseUrl = options.databaseUrl ?? owned!.database.url;
  const orm =
    owned?.orm ??
    (await MikroORM.init(
      ormOptions(databaseUrl, { entities: ENTITIES, poolMax: 5, onQuery: options.onQuery }),
    ));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    DATABASE_URL: databaseUrl,
    JOB_SUPERVISE_INTERVAL_SECONDS: '1',
    AUDIT_JOB_RETRY_DELAY_SECONDS: '0',
    // Each request claims its own client address (see gql), so per-address limits only bite the
    // tests that aim at them.
    TRUSTED_PROXIES: '127.0.0.1',
    // Counters of one test server never meet another's (or an earlier run's) in a shared Redis.
    RATE_LIMIT_KEY_PREFIX: `rl-test-${randomUUID()}:`,
    // Tests that send raw requests all come from loopback: only the budget tests want a budget.
    HTTP_BUDGET_ANONYMOUS_PER_MINUTE: '1000000',
    HTTP_BUDGET_PER_MINUTE: '1000000',
    WS_MAX_CONNECTIONS_PER_ADDRESS: '1000',
    // Tests write rows behind the app's back (e.g. markEmailVerified), which no cache can see:
    // the session cache is off unless a test turns it on (TEST_SESSION_CACHE_SECONDS runs
    // whole suites with it).
    SESSION_CACHE_SECONDS: process.env.TEST_SESSION_CACHE_SECONDS ?? '0',
    ...options.env,
  });
  const app = await createApp(config, {
    logger: options.logger ?? createLogger({ level: config.logLevel }),
    api: true,
    runWorker: options.runWorker ?? true,
    database: { orm, url: databaseUrl },
  });
  const server = app.server!;
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not bind a TCP port');
  const url = `http://127.0.0.1:${address.port}/graphql`;
  const clients: Client[] = [];

  return {
    url,
    wsUrl: url.replace('http', 'ws'),
    orm,
    server,
    app,
    config,
    databaseUrl,
    async gql(
      query: string | TypedDocumentString<unknown, unknown>,
      variables?: unknown,
      options: RequestOptions = {},
    ) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-forwarded-for': `198.18.${randomInt(256)}.${randomInt(256)}`,
        ...options.headers,
      };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: String(query), variables }),
      });
      const body = (await response.json()) as { data?: never; errors?: never };
      return { status: response.status, headers: response.headers, data: body.data, errors: body.errors };
    },
    wsClient(connectionParams) {
      const client = createClient({
        url: url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams,
        lazy: true,
        retryAttempts: 0,
      });
      clients.push(client);
      return client;
    },
    async close() {
      // graphql-ws's dispose is synchronous or a promise, depending on the client's state.
      await Promise.all(clients.map(async (client) => client.dispose()));
      await app.close();
      await orm.close(true);
      await owned?.database.drop();
    },
  };
}

/** The `extensions.code` of the first error, for compact assertions. */
export function errorCode(response: GraphQLResponse): unknown {
  return response.errors?.[0]?.extensions?.code;
}
