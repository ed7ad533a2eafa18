// Open progress streams are re-checked together: one statement per interval for all of them, a
// full re-check only for the streams whose facts changed. Changes nobody announced (written
// straight to the database, as a lost broker message would leave them) still end or advance
// the stream at the next batched check, with the same errors as a pushed change.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { pino } from 'pino';
import { fromGlobalId } from '../../src/common/global-id.js';
import { register, signIn } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { createAudit } from './helpers.js';

const CHECK_MS = 300;
let server: TestServer;
const statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer({
    runWorker: false,
    env: { PROGRESS_STREAM_CHECK_MS: String(CHECK_MS) },
    onQuery: (sql) => statements.push(sql),
  });
});
afterAll(async () => {
  await server?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sql = (text: string, params: unknown[]) => server.orm.em.fork().getConnection().execute(text, params);

/** Follows an audit's progress; resolves with what arrived and how the stream ended. */
function follow(client: Client, id: string) {
  const statuses: string[] = [];
  let opened!: () => void;
  const firstEvent = new Promise<void>((resolve) => (opened = resolve));
  const ended = new Promise<{ error: unknown }>((resolve) => {
    client.subscribe(
      { query: 'subscription($id: ID!) { auditProgress(id: $id) { status stage } }', variables: { id } },
      {
        next: (result) => {
          statuses.push((result.data as { auditProgress: { status: string } }).auditProgress.status);
          opened();
        },
        error: (error) => resolve({ error }),
        complete: () => resolve({ error: null }),
      },
    );
  });
  return { statuses, firstEvent, ended };
}

describe('open progress streams', () => {
  it('are checked with one statement per interval, without a per-stream check while nothing changes', async () => {
    const user = await register(server);
    const audit = await createAudit(server, user.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const clients = Array.from({ length: 4 }, () =>
      server.wsClient({ authorization: `Bearer ${user.accessToken}` }),
    );
    const streams = clients.flatMap((client) => Array.from({ length: 5 }, () => follow(client, audit.id)));
    await Promise.all(streams.map((stream) => stream.firstEvent));
    // Opening them looked sessions up (the pattern below does match the ORM's SQL).
    expect(statements.some((text) => /from "sessions"/.test(text))).toBe(true);
    statements.length = 0;
    await sleep(CHECK_MS * 4);
    const batched = statements.filter((text) => text.includes('jsonb_to_recordset'));
    expect(batched.length).toBeGreaterThanOrEqual(2);
    expect(batched.length).toBeLessThanOrEqual(5);
    // Nobody looked up a session or an audit on their own.
    expect(statements.filter((text) => /from "sessions"|from "audits"/.test(text))).toEqual([]);
    expect(streams.every((stream) => stream.statuses.length === 1)).toBe(true);
    await Promise.all(clients.map(async (client) => client.dispose()));
  });

  it('check an announced change with one statement: only the streams it concerns re-check in full', async () => {
    const user = await register(server);
    const other = await signIn(server, user.user.email);
    const audit = await createAudit(server, user.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const client = server.wsClient({ authorization: `Bearer ${user.accessToken}` });
    const staying = Array.from({ length: 10 }, () => follow(client, audit.id));
    const leaving = follow(server.wsClient({ authorization: `Bearer ${other.accessToken}` }), audit.id);
    await Promise.all([...staying, leaving].map((stream) => stream.firstEvent));
    statements.length = 0;
    await server.gql('mutation($token: String!) { logout(refreshToken: $token) }', {
      token: other.refreshToken,
    });
    expect(JSON.stringify((await leaving.ended).error)).toContain('UNAUTHENTICATED');
    await sleep(200);
    // The logout's own lookups and the ended stream's check; none for the ten others (11 before).
    expect(statements.filter((text) => /from "sessions"/.test(text)).length).toBeLessThanOrEqual(4);
    expect(staying.every((stream) => stream.statuses.length === 1)).toBe(true);
    await client.dispose();
  });

  it('end at the next check when a session is revoked without an announcement', async () => {
    const user = await register(server);
    const audit = await createAudit(server, user.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const client = server.wsClient({ authorization: `Bearer ${user.accessToken}` });
    const stream = follow(client, audit.id);
    await stream.firstEvent;
    const revokedAt = Date.now();
    await sql('update sessions set revoked_at = now() where user_id = ?', [
      fromGlobalId(user.user.id, 'User').id,
    ]);
    const { error } = await stream.ended;
    expect(Date.now() - revokedAt).toBeLessThan(CHECK_MS * 5);
    expect(JSON.stringify(error)).toContain('UNAUTHENTICATED');
  });

  it('end with NOT_FOUND at the next check when the viewer left the workspace unannounced', async () => {
    const user = await register(server);
    const audit = await createAudit(server, user.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const client = server.wsClient({ authorization: `Bearer ${user.accessToken}` });
    const stream = follow(client, audit.id);
    await stream.firstEvent;
    await sql(
      'delete from workspace_members where user_id = ? and workspace_id = (select workspace_id from audits where id = ?)',
      [fromGlobalId(user.user.id, 'User').id, fromGlobalId(audit.id, 'Audit').id],
    );
    const { error } = await stream.ended;
    expect(JSON.stringify(error)).toContain('NOT_FOUND');
    expect(stream.statuses).toEqual(['QUEUED']);
  });

  it('send the stored state at the next check when its live event was lost', async () => {
    const user = await register(server);
    const audit = await createAudit(server, user.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const client = server.wsClient({ authorization: `Bearer ${user.accessToken}` });
    const stream = follow(client, audit.id);
    await stream.firstEvent;
    await sql(
      `update audits set status = 'CANCELLED', stage = 'Cancelled', finished_at = now(), updated_at = now() where id = ?`,
      [fromGlobalId(audit.id, 'Audit').id],
    );
    const { error } = await stream.ended;
    expect(error).toBeNull();
    expect(stream.statuses).toEqual(['QUEUED', 'CANCELLED']);
  });

  it('stop being checked when the app closes, before its database does', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const own = await startTestServer({ runWorker: false, logger, env: { PROGRESS_STREAM_CHECK_MS: '100' } });
    const user = await register(own);
    const audit = await createAudit(own, user.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const clients = Array.from({ length: 3 }, () =>
      own.wsClient({ authorization: `Bearer ${user.accessToken}` }),
    );
    await Promise.all(clients.map((client) => follow(client, audit.id).firstEvent));
    await own.close();
    await sleep(400);
    expect(lines.filter((line) => /destroyed|check failed|re-?check/i.test(line))).toEqual([]);
  });
});
