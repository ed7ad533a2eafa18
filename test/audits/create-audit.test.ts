// createAudit's write path: the audit, its quota record and its pg-boss job in one transaction,
// with few statements and plain inserts (no unit-of-work flush), the job always named by the row.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fromGlobalId } from '../../src/common/global-id.js';
import { register } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { createAudit } from './helpers.js';

let server: TestServer;
const statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ runWorker: false, onQuery: (sql) => statements.push(sql) });
});
afterAll(async () => {
  await server?.close();
});

const rows = <T>(text: string, params: unknown[] = []) =>
  server.orm.em.fork().getConnection().execute<T[]>(text, params);

describe('createAudit', () => {
  it('stores the audit with its job in a handful of statements', async () => {
    const user = await register(server);
    await createAudit(server, user.accessToken, { kind: 'SITE', url: 'https://example.com/warm-up' });
    statements.length = 0;
    const audit = await createAudit(server, user.accessToken, { kind: 'SITE', url: 'https://example.com/' });
    // Session, role, begin, plan and locks, counters, quota record, audit, job, commit (and the
    // personal workspace lookup): 16 before.
    expect(statements.length).toBeLessThanOrEqual(11);
    expect(statements.filter((text) => /^update "audits"|update audits/.test(text))).toEqual([]);

    const [row] = await rows<{ job_id: string; status: string; stage: string; progress: number }>(
      'select job_id, status, stage, progress from audits where id = ?',
      [fromGlobalId(audit.id, 'Audit').id],
    );
    expect(row).toMatchObject({ status: 'QUEUED', stage: 'Queued', progress: 0 });
    const jobs = await rows<{ name: string; data: { auditId: string } }>(
      'select name, data from pgboss.job where id = ?',
      [row!.job_id],
    );
    expect(jobs).toEqual([{ name: 'audit-run', data: { auditId: fromGlobalId(audit.id, 'Audit').id } }]);
    expect(audit).toMatchObject({ status: 'QUEUED', stage: 'Queued', progress: 0, attempts: 0 });
  });

  it('keeps inputs exactly as given, placeholders and quotes included', async () => {
    const user = await register(server);
    const url = "https://example.com/it's?q=a?b&c=$1";
    const audit = await createAudit(server, user.accessToken, { kind: 'SITE', url });
    const [row] = await rows<{ url: string; input: { url: string } }>(
      'select url, input from audits where id = ?',
      [fromGlobalId(audit.id, 'Audit').id],
    );
    expect(row!.url).toBe(audit.url);
    expect(row!.input.url).toBe(audit.url);
    expect(audit.url).toContain("it's?q=a?b");
  });

  it('writes neither the audit nor its quota record when the job cannot be enqueued', async () => {
    const user = await register(server);
    const before = await rows<{ count: string }>('select count(*) from audit_quota_usage');
    await rows("alter table pgboss.job add constraint aeo_test_refuse check (name <> 'audit-run') not valid");
    try {
      const response = await server.gql(
        'mutation($input: CreateAuditInput!) { createAudit(input: $input) { id } }',
        { input: { kind: 'SITE', url: 'https://example.com/refused' } },
        { token: user.accessToken },
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await rows('alter table pgboss.job drop constraint aeo_test_refuse');
    }
    expect(await rows("select id from audits where url like '%/refused'")).toEqual([]);
    expect(await rows<{ count: string }>('select count(*) from audit_quota_usage')).toEqual(before);
  });
});
