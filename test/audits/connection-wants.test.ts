// Connections compute what their selection reads: `count(*)` only for `totalCount`, cursors only
// for `edges.cursor` / `pageInfo.startCursor` / `endCursor` (fragments included).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { register, type Account } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { seedAudits } from './helpers.js';

let server: TestServer;
let alice: Account;
const statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ runWorker: false, onQuery: (sql) => statements.push(sql) });
  alice = await register(server);
  await seedAudits(server, alice.user.id, 25, { findingsPerAudit: 7 });
});
afterAll(async () => {
  await server?.close();
});

/** The response and the SQL statements the API ran for it. */
async function run(query: string, variables: Record<string, unknown> = {}) {
  statements.length = 0;
  const response = await server.gql(query, variables, { token: alice.accessToken });
  expect(response.errors).toBeUndefined();
  return { data: response.data as Record<string, any>, sql: [...statements] };
}

const counts = (sql: string[]) => sql.filter((statement) => /count\(/i.test(statement));

describe('audits(first: 20)', () => {
  it('runs no count when totalCount is not selected', async () => {
    const { data, sql } = await run('{ audits(first: 20) { edges { node { id } } } }');
    expect(data.audits.edges).toHaveLength(20);
    expect(counts(sql)).toEqual([]);
  });

  it('still counts when totalCount is selected, directly or through a fragment', async () => {
    const direct = await run('{ audits(first: 20) { totalCount edges { node { id } } } }');
    expect(direct.data.audits.totalCount).toBe(25);
    expect(counts(direct.sql)).toHaveLength(1);
    const fragment = await run(
      'query { audits(first: 2) { ...Count } } fragment Count on AuditConnection { ... on AuditConnection { totalCount } }',
    );
    expect(fragment.data.audits.totalCount).toBe(25);
  });

  it('builds cursors that page on when they are selected', async () => {
    const first = await run(
      '{ audits(first: 20) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
    );
    const { edges, pageInfo } = first.data.audits;
    expect(pageInfo).toEqual({ hasNextPage: true, endCursor: edges[19].cursor });
    expect(counts(first.sql)).toEqual([]);
    const next = await run(
      'query($after: String) { audits(first: 20, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor } edges { node { id } } } }',
      { after: pageInfo.endCursor },
    );
    expect(next.data.audits.totalCount).toBe(25);
    expect(next.data.audits.edges).toHaveLength(5);
    expect(next.data.audits.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(typeof next.data.audits.pageInfo.startCursor).toBe('string');
  });
});

describe('findings of each audit', () => {
  it('runs no findings count without totalCount, and one batched count with it', async () => {
    const without = await run(
      '{ audits(first: 20) { edges { node { findings(first: 5) { pageInfo { hasNextPage } edges { node { id title } } } } } } }',
    );
    const firstAudit = without.data.audits.edges[0].node.findings;
    expect(firstAudit.edges).toHaveLength(5);
    expect(firstAudit.pageInfo.hasNextPage).toBe(true);
    expect(counts(without.sql)).toEqual([]);

    const withCount = await run(
      '{ audits(first: 20) { edges { node { findings(first: 5) { totalCount edges { cursor node { id } } pageInfo { endCursor } } } } } }',
    );
    const findings = withCount.data.audits.edges[0].node.findings;
    expect(findings.totalCount).toBe(7);
    expect(findings.pageInfo.endCursor).toBe(findings.edges[4].cursor);
    expect(counts(withCount.sql)).toHaveLength(1);
    expect(counts(withCount.sql)[0]).toMatch(/from findings/i);
  });

  it('answers the same nodes either way', async () => {
    const query = (extra: string) =>
      `{ audits(first: 20) { ${extra} edges { ${extra ? 'cursor' : ''} node { id findings(first: 5) { ${extra} edges { ${extra ? 'cursor' : ''} node { id severity title } } } } } } }`;
    const bare = await run(query(''));
    const full = await run(query('totalCount'));
    const strip = (audits: any) =>
      audits.edges.map((edge: any) => ({
        id: edge.node.id,
        findings: edge.node.findings.edges.map((finding: any) => finding.node),
      }));
    expect(strip(bare.data.audits)).toEqual(strip(full.data.audits));
  });

  it('reads first pages as plain rows that answer exactly as the entities do', async () => {
    const fields = 'id checkId category severity title detail recommendation urls pointsLost';
    const head = await run(
      `{ audits(first: 3) { edges { node { findings(first: 7) { edges { cursor node { ${fields} } } } } } } }`,
    );
    // `last` pages through the ORM's entities.
    const entities = await run(
      `{ audits(first: 3) { edges { node { findings(last: 7) { edges { cursor node { ${fields} } } } } } } }`,
    );
    expect(head.data).toEqual(entities.data);
    const finding = head.data.audits.edges[0].node.findings.edges[0].node;
    expect(finding).toMatchObject({
      checkId: 'check.0',
      severity: 'CRITICAL',
      urls: [expect.any(String)],
      pointsLost: 7,
    });
    const fetched = await run(`query($id: ID!) { node(id: $id) { ... on Finding { ${fields} } } }`, {
      id: finding.id,
    });
    expect(fetched.data.node).toEqual(finding);
  });
});
