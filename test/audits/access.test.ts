import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { register, registerAdmin, uniqueEmail, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';
import { collectProgress, createAudit, seedAudits } from './helpers.js';

let server: TestServer;
let alice: Account;
let bob: Account;
let alicesAudit: { id: string };
const statements: string[] = [];

beforeAll(async () => {
  // No worker: audits stay QUEUED, which is all these tests need.
  server = await startTestServer({ runWorker: false, onQuery: (sql) => statements.push(sql) });
  alice = await register(server, { email: uniqueEmail('alice') });
  bob = await register(server, { email: uniqueEmail('bob') });
  alicesAudit = await createAudit(server, alice.accessToken, { kind: 'SITE', url: 'https://alice.example' });
});
afterAll(async () => {
  await server?.close();
});

describe("another user's audit does not exist for you", () => {
  it('answers NOT_FOUND on audit, node, cancelAudit, rerunAudit and deleteAudit', async () => {
    const asBob = (query: string) => server.gql(query, { id: alicesAudit.id }, { token: bob.accessToken });
    expect(errorCode(await asBob('query($id: ID!) { audit(id: $id) { id } }'))).toBe('NOT_FOUND');
    expect(errorCode(await asBob('query($id: ID!) { node(id: $id) { id } }'))).toBe('NOT_FOUND');
    expect(errorCode(await asBob('mutation($id: ID!) { cancelAudit(id: $id) { id } }'))).toBe('NOT_FOUND');
    expect(errorCode(await asBob('mutation($id: ID!) { rerunAudit(id: $id) { id } }'))).toBe('NOT_FOUND');
    expect(errorCode(await asBob('mutation($id: ID!) { deleteAudit(id: $id) }'))).toBe('NOT_FOUND');
    // Still there, untouched, for its owner.
    const mine = await server.gql(
      'query($id: ID!) { audit(id: $id) { id status } }',
      { id: alicesAudit.id },
      { token: alice.accessToken },
    );
    expect(mine.data!.audit).toEqual({ id: alicesAudit.id, status: 'QUEUED' });
  });

  it('never lists it, on any page', async () => {
    const page = await server.gql(
      '{ audits(first: 100) { totalCount edges { node { id } } } }',
      {},
      { token: bob.accessToken },
    );
    expect(page.data!.audits.edges.map((edge: any) => edge.node.id)).not.toContain(alicesAudit.id);
    const viewerAudits = await server.gql(
      '{ viewer { audits(first: 100) { totalCount } } }',
      {},
      { token: bob.accessToken },
    );
    expect(viewerAudits.data!.viewer.audits.totalCount).toBe(page.data!.audits.totalCount);
  });

  it('refuses a subscription to it with NOT_FOUND', async () => {
    const client = server.wsClient({ authorization: `Bearer ${bob.accessToken}` });
    await expect(collectProgress(client, alicesAudit.id).done).rejects.toThrow(/NOT_FOUND/);
  });

  it('refuses anonymous access', async () => {
    expect(errorCode(await server.gql('{ audits { totalCount } }'))).toBe('UNAUTHENTICATED');
    const client = server.wsClient();
    await expect(collectProgress(client, alicesAudit.id).done).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('lets an admin see every audit', async () => {
    const admin = await registerAdmin(server);
    const seen = await server.gql(
      'query($id: ID!) { audit(id: $id) { id owner { id } } }',
      { id: alicesAudit.id },
      { token: admin.accessToken },
    );
    expect(seen.data!.audit.owner.id).toBe(alice.user.id);
  });
});

describe('paging through audits', () => {
  let carol: Account;
  const LIST = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: AuditOrder, $filter: AuditFilter) {
    audits(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {
      totalCount edges { cursor node { id score createdAt updatedAt status url } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  const list = (variables: Record<string, unknown>) =>
    server.gql(LIST, variables, { token: carol.accessToken });

  beforeAll(async () => {
    carol = await register(server, { email: uniqueEmail('carol') });
    await seedAudits(server, carol.user.id, 25);
  });

  async function walk(orderBy: Record<string, string>, backward = false) {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const response: any = await list(
        backward ? { last: 7, before: cursor, orderBy } : { first: 7, after: cursor, orderBy },
      );
      expect(response.errors).toBeUndefined();
      const page = response.data.audits;
      const pageIds = page.edges.map((edge: any) => edge.node.id);
      if (backward) ids.unshift(...pageIds);
      else ids.push(...pageIds);
      const more = backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
      if (!more) break;
      cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
    }
    return ids;
  }

  it.each([
    ['CREATED_AT', 'DESC'],
    ['CREATED_AT', 'ASC'],
    ['SCORE', 'DESC'],
    ['SCORE', 'ASC'],
    ['UPDATED_AT', 'DESC'],
    ['UPDATED_AT', 'ASC'],
  ])('orders by %s %s, the same forward and backward', async (field, direction) => {
    const orderBy = { field, direction };
    const all = (await list({ first: 100, orderBy })).data!.audits;
    expect(all.totalCount).toBe(25);
    const nodes = all.edges.map((edge: any) => edge.node);
    const key = (node: any) =>
      field === 'SCORE'
        ? (node.score ?? -1)
        : Date.parse(field === 'CREATED_AT' ? node.createdAt : node.updatedAt);
    const keys = nodes.map(key);
    const sorted = [...keys].sort((a, b) => (direction === 'ASC' ? a - b : b - a));
    expect(keys).toEqual(sorted);
    const ids = nodes.map((node: any) => node.id);
    expect(await walk(orderBy)).toEqual(ids);
    expect(await walk(orderBy, true)).toEqual(ids);
  });

  it('stays stable when audits are added while paging', async () => {
    const first = (await list({ first: 10 })).data!.audits;
    await seedAudits(server, carol.user.id, 1, { startAt: new Date() });
    const second = (await list({ first: 10, after: first.pageInfo.endCursor })).data!.audits;
    const firstIds = first.edges.map((edge: any) => edge.node.id);
    const secondIds = second.edges.map((edge: any) => edge.node.id);
    expect(secondIds.filter((id: string) => firstIds.includes(id))).toEqual([]);
    expect(second.totalCount).toBe(26);
  });

  it('filters by status, kind, url search and creation time', async () => {
    const queued = (await list({ first: 100, filter: { status: ['QUEUED'] } })).data!.audits;
    expect(queued.edges.every((edge: any) => edge.node.status === 'QUEUED')).toBe(true);
    const search = (await list({ first: 100, filter: { search: 'SITE1' } })).data!.audits;
    expect(search.edges.map((edge: any) => edge.node.url).sort()).toEqual(
      [
        'https://site1.example/',
        ...Array.from({ length: 10 }, (_, i) => `https://site1${i}.example/`),
      ].sort(),
    );
    const percent = (await list({ first: 100, filter: { search: '%' } })).data!.audits;
    expect(percent.totalCount).toBe(0);
    const none = (await list({ first: 100, filter: { kind: ['VISIBILITY'] } })).data!.audits;
    expect(none.totalCount).toBe(0);
    const all = (await list({ first: 100, orderBy: { field: 'CREATED_AT', direction: 'ASC' } })).data!.audits
      .edges;
    const middle = all[10].node.createdAt;
    const after = (await list({ first: 100, filter: { createdAfter: middle } })).data!.audits;
    expect(after.totalCount).toBe(all.filter((edge: any) => edge.node.createdAt >= middle).length);
  });

  it('refuses bad page sizes and cursors with BAD_USER_INPUT', async () => {
    expect(errorCode(await list({ first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await list({ last: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await list({ first: 5, after: 'garbage' }))).toBe('BAD_USER_INPUT');
    const byScore = (await list({ first: 1, orderBy: { field: 'SCORE', direction: 'DESC' } })).data!.audits;
    // A cursor made under one ordering is refused under another.
    expect(errorCode(await list({ first: 1, after: byScore.pageInfo.endCursor }))).toBe('BAD_USER_INPUT');
  });
});

describe('DataLoader batching', () => {
  it('runs the same number of SQL statements for 5 and for 100 audits', async () => {
    const dave = await register(server, { email: uniqueEmail('dave') });
    await seedAudits(server, dave.user.id, 100, { findingsPerAudit: 7 });
    const query = `query($n: Int) { audits(first: $n) { edges { node { owner { email } findings(first: 5) { totalCount edges { node { title } } } } } } }`;
    const count = async (n: number) => {
      statements.length = 0;
      const response = await server.gql(query, { n }, { token: dave.accessToken });
      expect(response.errors).toBeUndefined();
      expect(response.data!.audits.edges).toHaveLength(n);
      for (const { node } of response.data!.audits.edges) {
        expect(node.findings.totalCount).toBe(7);
        expect(node.findings.edges).toHaveLength(5);
      }
      return statements.length;
    };
    const small = await count(5);
    const large = await count(100);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });
});
