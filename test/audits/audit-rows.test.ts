// Audit lists read plain rows of the columns their selection needs (no ORM entities), and answer
// exactly what the entities answer: every field, the owner, and the cursors.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Audit } from '../../src/modules/audits/audit.entity.js';
import { auditColumnsFor } from '../../src/modules/audits/audit-row.js';
import { cursorOf, type Ordering } from '../../src/common/pagination.js';
import { fromGlobalId } from '../../src/common/global-id.js';
import { register, type Account } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { seedAudits } from './helpers.js';

let server: TestServer;
let alice: Account;
const statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ runWorker: false, onQuery: (sql) => statements.push(sql) });
  alice = await register(server, { name: 'Alice' });
  await seedAudits(server, alice.user.id, 12, { findingsPerAudit: 3 });
});
afterAll(async () => {
  await server?.close();
});

async function run(query: string, variables: Record<string, unknown> = {}) {
  statements.length = 0;
  const response = await server.gql(query, variables, { token: alice.accessToken });
  expect(response.errors).toBeUndefined();
  return { data: response.data as Record<string, any>, sql: [...statements] };
}

const auditsPage = (sql: string[]) => sql.filter((statement) => /from audits where/i.test(statement));

const EVERY_FIELD = `id kind status url input { url maxPages brand } progress stage score grade
  categories { category score weight applicable reason } error attempts createdAt updatedAt
  startedAt finishedAt owner { id email name role isActive emailVerified createdAt }
  workspace { id name }`;

describe('audits as plain rows', () => {
  it('reads only the columns the selection needs', async () => {
    const { sql } = await run('{ audits(first: 20) { edges { node { id status score owner { email } } } } }');
    const [page] = auditsPage(sql);
    expect(page).toMatch(/select id, workspace_id, created_at, status, score, owner_id from audits/i);
    const owners = sql.filter((statement) => /from users where/i.test(statement));
    expect(owners).toHaveLength(1);
    expect(owners[0]).toMatch(/select email, id from users/i);
  });

  it("reads only the findings' columns the selection needs, totals in the same statement", async () => {
    const { data, sql } = await run(
      '{ audits(first: 20) { edges { node { findings(first: 2) { totalCount edges { node { id severity title } } } } } } }',
    );
    expect(data.audits.edges[0].node.findings.totalCount).toBe(3);
    expect(data.audits.edges[0].node.findings.edges[0].node).toEqual({
      id: expect.any(String),
      severity: expect.any(String),
      title: expect.any(String),
    });
    const findings = sql.filter((statement) => /from findings/i.test(statement));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/select id, audit_id, rank, severity, title, total from/i);
  });

  it('reads every column for a field it does not know (safe, not fast)', () => {
    expect(auditColumnsFor(new Set(['id', 'status']), ['created_at'])).toEqual([
      'id',
      'workspace_id',
      'created_at',
      'status',
    ]);
    const unknown = auditColumnsFor(new Set(['id', 'aFieldAddedLater']), ['created_at']);
    expect(unknown).toEqual(expect.arrayContaining(['categories', 'input', 'owner_id', 'project_id']));
    expect(unknown).not.toContain('details');
  });

  it('answers every field as the entity does (audit(id) reads the entity)', async () => {
    const { data } = await run(`{ audits(first: 20) { edges { node { ${EVERY_FIELD} } } } }`);
    expect(data.audits.edges).toHaveLength(12);
    for (const { node } of data.audits.edges) {
      const one = await run(`query($id: ID!) { audit(id: $id) { ${EVERY_FIELD} } }`, { id: node.id });
      expect(node).toEqual(one.data.audit);
    }
  });

  it('gives each edge the cursor the entity would have', async () => {
    const orderings: Array<[string, Ordering]> = [
      [
        '{ field: CREATED_AT, direction: DESC }',
        [
          ['createdAt', 'desc'],
          ['id', 'desc'],
        ],
      ],
      [
        '{ field: SCORE, direction: ASC }',
        [
          ['scoreRank', 'asc'],
          ['id', 'asc'],
        ],
      ],
    ];
    const em = server.orm.em.fork();
    for (const [orderBy, ordering] of orderings) {
      const { data } = await run(
        `{ audits(first: 5, orderBy: ${orderBy}) { edges { cursor node { id } } } }`,
      );
      for (const edge of data.audits.edges) {
        const entity = await em.findOneOrFail(Audit, { id: fromGlobalId(edge.node.id, 'Audit').id });
        expect(edge.cursor).toBe(cursorOf(em, Audit, entity, ordering));
      }
    }
  });

  it('pages backwards from a cursor as forwards (last/before)', async () => {
    const all = await run('{ audits(first: 12) { edges { cursor node { id } } } }');
    const ids = all.data.audits.edges.map((edge: any) => edge.node.id);
    const before = all.data.audits.edges[8].cursor;
    const { data } = await run(
      `query($before: String) { audits(last: 3, before: $before) { totalCount edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }`,
      { before },
    );
    expect(data.audits.edges.map((edge: any) => edge.node.id)).toEqual(ids.slice(5, 8));
    expect(data.audits.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });
    expect(data.audits.totalCount).toBe(12);
  });
});
