// Sentry for real: the API runs as `npm start` runs it (src/instrument.ts preloaded) with
// SENTRY_DSN pointing at a local HTTP endpoint that reads the envelopes the SDK sends. An
// unexpected error (a table gone under the running server) arrives once, with the request id,
// the user's id and nothing secret; the users' mistakes, refusals and limits never arrive.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import WebSocket from 'ws';
import { createTestDatabase } from '../helpers/test-server.js';
import type { TemporaryDatabase } from '../../src/infra/temporary-database.js';
import { errorEvents, fakeSentry } from './helpers/fake-sentry.js';
import { freePort, startEntry, type LongRunning } from './helpers/processes.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PASSWORD = 'a long passphrase for sentry';
const JWT_SECRET = 'sentry-test-secret-0123456789-0123456789-0123456789';

describe('Sentry, against a local endpoint posing as the DSN', () => {
  let sentry: Awaited<ReturnType<typeof fakeSentry>>;
  let database: TemporaryDatabase;
  let api: LongRunning;
  let url: string;
  let token: string;
  let userId: string;
  const email = `sentry-${Date.now()}@example.com`;

  const gql = async (query: string, variables: Record<string, unknown> = {}, bearer?: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  };

  beforeAll(async () => {
    sentry = await fakeSentry();
    const created = await createTestDatabase();
    await created.orm.close(true);
    database = created.database;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // Nothing listens there: every email fails to send (a remote's failure, never reported).
    const smtpPort = await freePort();
    api = startEntry(
      'main.ts',
      {
        NODE_ENV: 'production',
        JWT_SECRET,
        DATABASE_URL: database.url,
        HOST: '127.0.0.1',
        PORT: String(port),
        SENTRY_DSN: sentry.dsn,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      },
      ['./src/instrument.ts'],
    );
    await api.waitFor(/GraphQL API and IDE on/, 90_000);
    const registered = await gql(
      'mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }',
      { input: { email, password: PASSWORD } },
    );
    expect(registered.errors).toBeUndefined();
    token = registered.data.register.accessToken;
    userId = Buffer.from(registered.data.register.user.id, 'base64url').toString().split(':')[1]!;
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
    await new Promise((resolve) => sentry?.server.close(resolve));
  }, 60_000);

  it('sends nothing for bad input, missing auth, not found, limits and syntax errors', async () => {
    const missingAudit = Buffer.from(`Audit:${randomUUID()}`).toString('base64url');
    const responses = [
      await gql('mutation { createAudit(input: { kind: SITE, url: "not a url" }) { id } }', {}, token),
      await gql('{ viewer { id } }'),
      await gql('query ($id: ID!) { audit(id: $id) { id } }', { id: missingAudit }, token),
      await gql(`{ ${Array.from({ length: 300 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`, {}, token),
      await gql('{ viewer { id '),
      await gql('{ viewer { noSuchField } }', {}, token),
    ];
    for (let attempt = 0; attempt < 12; attempt++) {
      responses.push(
        await gql('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', {
          input: { email, password: 'not the password at all' },
        }),
      );
    }
    const codes = new Set(responses.flatMap((response) => response.errors?.map((e) => e.extensions?.code)));
    expect([...codes].sort()).toEqual(
      ['BAD_USER_INPUT', 'NOT_FOUND', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED', 'UNAUTHENTICATED'].sort(),
    );
    // The transport sends at once; give it time anyway before concluding nothing came.
    await sleep(3000);
    expect(errorEvents(sentry.envelopes)).toEqual([]);
  }, 60_000);

  it('sends nothing when a remote fails a job (SMTP down): it is retried and logged', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const deadline = Date.now() + 30_000;
      let failed = 0;
      while (!failed && Date.now() < deadline) {
        await sleep(200);
        failed = (await admin.query('select 1 from mail_outbox where last_error is not null')).rowCount ?? 0;
      }
      expect(failed).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await sleep(2000);
    expect(errorEvents(sentry.envelopes)).toEqual([]);
  }, 60_000);

  describe('an unexpected error', () => {
    let requestId: string;
    let captured: ReturnType<typeof errorEvents>;

    beforeAll(async () => {
      // A real fault under the running server: the table its resolver reads is gone.
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        await admin.query('alter table projects rename to projects_gone');
        const response = await gql(
          'query DashboardProjects { projects(first: 5) { totalCount } }',
          {},
          token,
        );
        expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        requestId = response.errors![0].extensions.requestId;
        expect(requestId).toEqual(expect.any(String));
      } finally {
        await admin.query('alter table projects_gone rename to projects');
        await admin.end();
      }
      const deadline = Date.now() + 15_000;
      while (!errorEvents(sentry.envelopes).length && Date.now() < deadline) await sleep(100);
      await sleep(2000); // a duplicate would arrive within this
      captured = errorEvents(sentry.envelopes);
    }, 60_000);

    it('is captured once, with the request id and the user id', () => {
      expect(captured).toHaveLength(1);
      const { event } = captured[0]!;
      expect(event.exception.values.at(-1).value).toMatch(/projects/);
      expect(event.tags).toMatchObject({ request_id: requestId });
      expect(event.user).toEqual({ id: userId });
    });

    it('carries the release and the environment', () => {
      const { event } = captured[0]!;
      expect(event.release).toBe('aeo-audit-api@0.1.0');
      expect(event.environment).toBe('production');
    });

    it('carries no email, token, password or request body', () => {
      const { envelope, event } = captured[0]!;
      for (const secret of [email, token, PASSWORD, JWT_SECRET, token.split('.')[2]!]) {
        expect(envelope.raw).not.toContain(secret);
      }
      expect(event.request?.data).toBeUndefined();
      expect(event.request?.cookies).toBeUndefined();
      // The SDK attaches the request's headers; the credential's value never leaves.
      const headers: Record<string, string> = event.request?.headers ?? {};
      expect(Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')).toEqual([
        'authorization',
        '[redacted]',
      ]);
    });

    it('over WebSocket too, once, with the request id the client got', async () => {
      const before = captured.length;
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      let wsRequestId: string;
      try {
        await admin.query('alter table projects rename to projects_gone');
        const client = createClient({
          url: `${url.replace('http', 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${token}` },
          retryAttempts: 0,
        });
        try {
          const result = await new Promise<any>((resolve, reject) => {
            let value: unknown;
            client.subscribe(
              { query: 'query DashboardProjects { projects(first: 5) { totalCount } }' },
              { next: (next) => (value = next), error: reject, complete: () => resolve(value) },
            );
          });
          expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
          wsRequestId = result.errors[0].extensions.requestId;
        } finally {
          await client.dispose();
        }
      } finally {
        await admin.query('alter table projects_gone rename to projects');
        await admin.end();
      }
      const deadline = Date.now() + 15_000;
      while (errorEvents(sentry.envelopes).length === before && Date.now() < deadline) await sleep(100);
      await sleep(2000);
      const events = errorEvents(sentry.envelopes).slice(before);
      expect(events).toHaveLength(1);
      expect(events[0]!.event.tags).toMatchObject({ request_id: wsRequestId });
      expect(events[0]!.event.user).toEqual({ id: userId });
      expect(events[0]!.envelope.raw).not.toContain(token);
    }, 60_000);

    it('carries the operation name', () => {
      expect(captured[0]!.event.tags).toMatchObject({ operation: 'DashboardProjects' });
    });
  });

  it('in a background job: captured with the queue and the job id', async () => {
    const before = errorEvents(sentry.envelopes).length;
    // A job our own code cannot handle (a delivery id that is no uuid): the worker's query fails.
    const boss = new PgBoss({
      connectionString: database.url,
      schema: 'pgboss',
      supervise: false,
      schedule: false,
    });
    await boss.start();
    let jobId: string | null;
    try {
      jobId = await boss.send('webhook-delivery', { deliveryId: 'not-a-uuid' }, { retryLimit: 0 });
    } finally {
      await boss.stop({ graceful: false });
    }
    const deadline = Date.now() + 20_000;
    while (errorEvents(sentry.envelopes).length === before && Date.now() < deadline) await sleep(100);
    await sleep(1000);
    const events = errorEvents(sentry.envelopes).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]!.event.tags).toMatchObject({ job: 'webhook-delivery', job_id: jobId! });
  }, 60_000);
});
