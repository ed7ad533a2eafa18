// An audit's results field by field through the real server: pages, checks, bot access,
// skipped URLs, answers, categories' applicability, the check catalogue, and the FAILED
// progress event's reason. Real SITE crawls of the local good site and VISIBILITY audits on
// fake providers; audits whose details are stored in the contract shape directly, too.
import { AuditResultsDocument, ChecksDocument } from '../../client/generated/graphql.js';
import { CHECK_CATALOGUE } from '../../src/audit-engine/site/index.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFixtureServer, type FixtureServer } from '../audit-engine/helpers/fixture-server.js';
import { goodSiteRoutes } from '../audit-engine/helpers/good-site.js';
import { FakeProviders, KEYS } from '../audit-engine/visibility/fake-providers.js';
import { register, uniqueEmail, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';
import { runAeo } from '../cli/aeo.js';
import { collectProgress, createAudit, seedResultAudit, waitForAudit } from './helpers.js';

let server: TestServer;
let site: FixtureServer;
let providers: FakeProviders;
let owner: Account;
let stranger: Account;

const results = async (id: string, token = owner.accessToken) => {
  const response = await server.gql(AuditResultsDocument, { id }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.audit!;
};

/** How many answers an audit has (SITE audits: none). */
const answerCount = async (id: string) => {
  const response = await server.gql(
    `query($id: ID!) { audit(id: $id) { answers(first: 100) { totalCount edges { node { engine } } } } }`,
    { id },
    { token: owner.accessToken },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.audit.answers;
};

beforeAll(async () => {
  site = await startFixtureServer(goodSiteRoutes());
  providers = await FakeProviders.start();
  providers.answer = () => ({
    text: 'Globex is fine, but Acme CRM is the best pick for small teams.',
    cited: [
      { url: 'https://blog.acme.com/crm-guide', title: 'Acme guide' },
      { url: 'https://globex.com/crm', title: 'Globex' },
    ],
  });
  server = await startTestServer({
    env: {
      AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      OPENAI_API_KEY: KEYS.openai,
      OPENAI_BASE_URL: `${providers.url}/openai/v1`,
      OPENAI_MODEL: 'gpt-4.1',
      ANTHROPIC_API_KEY: KEYS.anthropic,
      ANTHROPIC_BASE_URL: `${providers.url}/anthropic`,
      ANTHROPIC_MODEL: 'claude-sonnet-4-5',
    },
  });
  owner = await register(server, { email: uniqueEmail('results') });
  stranger = await register(server, { email: uniqueEmail('stranger') });
});
afterAll(async () => {
  await server?.close();
  await site?.close();
  await providers?.close();
});

describe('stored results (contract shape)', () => {
  it('reads pages, checks, bot access and skipped URLs of a SITE audit', async () => {
    const id = await seedResultAudit(server, owner.user.id, {
      categories: [
        { category: 'basics', score: 80, weight: 0.6, applicable: true },
        {
          category: 'content',
          score: 0,
          weight: 0,
          applicable: false,
          reason: 'no page has 150 words of text',
        },
      ],
    });
    const audit = await results(id);
    expect(audit.pages.totalCount).toBe(3);
    expect(audit.pages.edges[1]!.node).toMatchObject({
      url: 'https://shop.example/old',
      finalUrl: 'https://shop.example/new',
      redirects: ['https://shop.example/old'],
      status: 200,
      depth: 1,
      indexable: true,
      fetchMs: 12,
    });
    expect(audit.checks.map((check) => check.status)).toEqual(['PASSED', 'FAILED', 'NOT_APPLICABLE']);
    expect(audit.checks[1]).toMatchObject({
      severity: 'LOW',
      pointsLost: 1.5,
      finding: { urls: ['https://shop.example/faq'] },
    });
    expect(audit.checks[2]!.score).toBeNull();
    expect(audit.botAccess[0]).toEqual({
      bot: 'GPTBot',
      operator: 'OpenAI',
      purpose: 'training',
      robots: 'blocked',
      pagesAllowed: 0,
      pagesBlocked: 3,
      probeStatus: 403,
      probeVerdict: 'blocked',
    });
    expect(audit.skipped).toEqual([
      { url: 'https://shop.example/admin', reason: 'robots', detail: 'Disallow: /admin' },
    ]);
    expect(audit.categories).toEqual([
      { category: 'basics', score: 80, weight: 0.6, applicable: true, reason: null },
      {
        category: 'content',
        score: 0,
        weight: 0,
        applicable: false,
        reason: 'no page has 150 words of text',
      },
    ]);
    expect(await answerCount(id)).toEqual({ totalCount: 0, edges: [] });
  });

  it('pages through the crawled pages with cursors, forwards and backwards', async () => {
    const id = await seedResultAudit(server, owner.user.id);
    const page = (args: string) =>
      server.gql(
        `query($id: ID!) { audit(id: $id) { pages(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { url } } } } }`,
        { id },
        { token: owner.accessToken },
      );
    const first = (await page('first: 2')).data!.audit.pages;
    expect(first.edges.map((edge: any) => edge.node.url)).toEqual([
      'https://shop.example/',
      'https://shop.example/old',
    ]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await page(`first: 2, after: "${first.pageInfo.endCursor}"`)).data!.audit.pages;
    expect(second.edges.map((edge: any) => edge.node.url)).toEqual(['https://shop.example/faq']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const last = (await page('last: 1')).data!.audit.pages;
    expect(last.edges.map((edge: any) => edge.node.url)).toEqual(['https://shop.example/faq']);
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    expect(errorCode(await page('first: 101'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await page('first: 1, after: "forged"'))).toBe('BAD_USER_INPUT');
  });

  it('reads rows stored before these fields existed as empty lists, and their categories as applicable', async () => {
    const id = await seedResultAudit(server, owner.user.id, {
      details: {
        pages: [{ url: 'https://shop.example/', status: 200 }],
        checks: [{ checkId: 'old', passed: true }],
      },
      categories: [{ category: 'basics', score: 70, weight: 1 }],
    });
    const audit = await results(id);
    expect(audit.pages.edges[0]!.node).toMatchObject({
      url: 'https://shop.example/',
      finalUrl: 'https://shop.example/',
      redirects: [],
      status: 200,
    });
    expect(audit.checks).toEqual([]);
    expect(audit.botAccess).toEqual([]);
    expect(audit.skipped).toEqual([]);
    expect(audit.categories[0]).toMatchObject({ applicable: true, reason: null });

    const empty = await results(
      await seedResultAudit(server, owner.user.id, { details: null, status: 'FAILED' }),
    );
    expect(empty.pages.totalCount).toBe(0);
    expect(empty.checks).toEqual([]);
  });

  it('reads the details of many audits in one query', async () => {
    const ids = await Promise.all(Array.from({ length: 3 }, () => seedResultAudit(server, owner.user.id)));
    const statements: string[] = [];
    const probe = await startTestServer({
      databaseUrl: server.databaseUrl,
      runWorker: false,
      onQuery: (sql) => statements.push(sql),
    });
    try {
      const response = await probe.gql(
        `{ nodes: audits(first: 50) { edges { node { id checks { checkId } botAccess { bot } skipped { url }
           pages(first: 5) { totalCount } } } } }`,
        {},
        { token: owner.accessToken },
      );
      expect(response.errors).toBeUndefined();
      const seen = response.data!.nodes.edges.map((edge: any) => edge.node.id);
      for (const id of ids) expect(seen).toContain(id);
      expect(statements.filter((sql) => /select id, details from audits/.test(sql))).toHaveLength(1);
    } finally {
      await probe.close();
    }
  });

  it('treats a category that did not apply as absent when comparing audits', async () => {
    const base = await seedResultAudit(server, owner.user.id, {
      categories: [
        { category: 'basics', score: 60, weight: 1, applicable: true },
        { category: 'content', score: 0, weight: 0, applicable: false, reason: 'no text' },
      ],
    });
    const head = await seedResultAudit(server, owner.user.id, {
      categories: [
        { category: 'basics', score: 70, weight: 0.5, applicable: true },
        { category: 'content', score: 90, weight: 0.5, applicable: true },
      ],
    });
    const response = await server.gql(
      `query($base: ID!, $head: ID!) { compareAudits(base: $base, head: $head) { categories { category base head delta } } }`,
      { base, head },
      { token: owner.accessToken },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.compareAudits.categories).toEqual([
      { category: 'basics', base: 60, head: 70, delta: 10 },
      { category: 'content', base: null, head: 90, delta: null },
    ]);
  });

  it("answers another user's audit with NOT_FOUND", async () => {
    const id = await seedResultAudit(server, owner.user.id);
    const response = await server.gql(
      `query($id: ID!) { audit(id: $id) { checks { checkId } } }`,
      { id },
      { token: stranger.accessToken },
    );
    expect(errorCode(response)).toBe('NOT_FOUND');
  });
});

describe('Query.checks', () => {
  it('lists the check catalogue, to anyone', async () => {
    const response = await server.gql(ChecksDocument);
    expect(response.errors).toBeUndefined();
    const checks = response.data!.checks;
    // The very table the engine runs from, field for field.
    expect(checks).toEqual(CHECK_CATALOGUE.map((c) => ({ ...c })));
    expect(checks.find((c) => c.checkId === 'ai_access.robots-txt')).toMatchObject({
      category: 'ai_access',
      source: expect.stringMatching(/^https:\/\//),
    });
  });
});

describe('a real SITE audit of the good site', () => {
  it('exposes the crawled pages, checks, bot access and skipped URLs, with rounded, distinct progress', async () => {
    const created = await createAudit(server, owner.accessToken, { kind: 'SITE', url: site.origin });
    const events = await collectProgress(
      server.wsClient({ authorization: `Bearer ${owner.accessToken}` }),
      created.id,
    ).done;
    expect(events.at(-1)!.status).toBe('SUCCEEDED');
    for (const event of events) expect(Math.round(event.progress * 1000) / 1000).toBe(event.progress);
    for (const [index, event] of events.entries()) {
      if (index === 0) continue;
      const previous = events[index - 1]!;
      expect([event.status, event.progress, event.stage, event.message]).not.toEqual([
        previous.status,
        previous.progress,
        previous.stage,
        previous.message,
      ]);
    }

    const audit = await results(created.id);
    expect(audit.pages.totalCount).toBeGreaterThan(1);
    const home = audit.pages.edges[0]!.node;
    expect(home).toMatchObject({ status: 200, depth: 0, indexable: true, error: null, redirects: [] });
    expect(home.url.startsWith(site.origin)).toBe(true);
    expect(home.title).toEqual(expect.any(String));
    expect(home.words).toBeGreaterThan(0);
    // Every check of the catalogue ran; the good site passes nearly all of them.
    expect(audit.checks.map((check) => check.checkId)).toEqual(CHECK_CATALOGUE.map((c) => c.checkId));
    const failed = audit.checks.filter((check) => check.status === 'FAILED');
    expect(failed.map((check) => check.checkId)).toEqual(['trust.https']); // served over http
    expect(failed[0]!.pointsLost).toBeGreaterThan(0);
    const gptBot = audit.botAccess.find((row) => row.bot === 'GPTBot');
    expect(gptBot).toMatchObject({
      operator: 'OpenAI',
      purpose: 'training',
      robots: 'blocked',
      // robots.txt refuses GPTBot, so its user agent is not probed; ClaudeBot's is.
      probeStatus: null,
    });
    expect(audit.botAccess.find((row) => row.bot === 'ClaudeBot')).toMatchObject({ probeStatus: 200 });
    // Why URLs were not audited: robots.txt, another host, a redirect to a page already audited.
    const reasons = new Map(audit.skipped.map((s) => [new URL(s.url).pathname, s.reason]));
    expect(reasons.get('/private/notes')).toBe('robots');
    expect(reasons.get('/questions')).toBe('duplicate');
    expect(audit.skipped.some((s) => s.reason === 'off-site' && !s.url.startsWith(site.origin))).toBe(true);
    expect(audit.categories.map((category) => category.applicable)).toEqual(audit.categories.map(() => true));

    // The CLI, on the same site, gives the same score as the API.
    const cli = await runAeo(['site', site.origin, '--allow-private', '127.0.0.1', '--format', 'json', '-q']);
    expect(cli.code).toBe(0);
    const scored = await server.gql(
      'query($id: ID!) { audit(id: $id) { score grade } }',
      { id: created.id },
      {
        token: owner.accessToken,
      },
    );
    expect(JSON.parse(cli.stdout)).toMatchObject(scored.data!.audit as object);
    expect((await answerCount(created.id)).totalCount).toBe(0);
  });

  it('ends with a FAILED event that says why', async () => {
    const closed = await startFixtureServer({});
    const origin = closed.origin;
    await closed.close();
    const created = await createAudit(server, owner.accessToken, { kind: 'SITE', url: origin });
    const client = server.wsClient({ authorization: `Bearer ${owner.accessToken}` });
    const events: any[] = [];
    await new Promise<void>((resolve, reject) => {
      client.subscribe(
        {
          query: 'subscription($id: ID!) { auditProgress(id: $id) { status progress stage error } }',
          variables: { id: created.id },
        },
        { next: (result) => events.push(result.data!.auditProgress), error: reject, complete: resolve },
      );
    });
    const last = events.at(-1);
    expect(last.status).toBe('FAILED');
    expect(last.error).toMatch(/cannot be audited/);
    expect(events.slice(0, -1).every((event) => event.error === null)).toBe(true);
    const stored = await waitForAudit(server, owner.accessToken, created.id);
    expect(stored.error).toBe(last.error);
    // The stored snapshot (a late subscriber's only event) carries it too.
    const late: any[] = [];
    await new Promise<void>((resolve, reject) => {
      client.subscribe(
        {
          query: 'subscription($id: ID!) { auditProgress(id: $id) { status error } }',
          variables: { id: created.id },
        },
        { next: (result) => late.push(result.data!.auditProgress), error: reject, complete: resolve },
      );
    });
    expect(late).toEqual([{ status: 'FAILED', error: last.error }]);
  });
});

describe('a VISIBILITY audit', () => {
  it('lists its answers with mentions and citations, by engine; SITE fields are empty', async () => {
    const created = await createAudit(server, owner.accessToken, {
      kind: 'VISIBILITY',
      url: 'https://acme.com',
      brand: 'Acme',
      competitors: ['Globex'],
      prompts: ['What is the best CRM for small teams?', 'Which CRM should a startup buy?'],
      engines: ['openai', 'anthropic'],
    });
    const done = await waitForAudit(server, owner.accessToken, created.id);
    expect(done.status).toBe('SUCCEEDED');
    const response = await server.gql(
      `query($id: ID!) { audit(id: $id) {
         all: answers(first: 100) { totalCount edges { node {
           engine model prompt sample text mentioned position sentiment cached latencyMs
           mentions { name brand position offset }
           citations { url title brand } sources { url brand } tokens { input output } } } }
         openai: answers(engine: "openai", first: 1) { totalCount pageInfo { hasNextPage } edges { node { engine } } }
         pages { totalCount } checks { checkId } botAccess { bot } skipped { url } } }`,
      { id: created.id },
      { token: owner.accessToken },
    );
    expect(response.errors).toBeUndefined();
    const audit = response.data!.audit;
    expect(audit.all.totalCount).toBe(4);
    const answer = audit.all.edges[0].node;
    expect(answer).toMatchObject({ mentioned: true, position: 2, cached: false });
    expect(answer.text).toContain('Acme CRM');
    expect(answer.mentions).toEqual([
      expect.objectContaining({ name: 'Globex', brand: false, position: 1 }),
      expect.objectContaining({ name: 'Acme', brand: true, position: 2 }),
    ]);
    expect(answer.citations).toEqual(
      expect.arrayContaining([
        // OpenAI tags the links it cites (`?utm_source=openai`).
        { url: expect.stringContaining('https://blog.acme.com/crm-guide'), title: 'Acme guide', brand: true },
        { url: expect.stringContaining('https://globex.com/crm'), title: 'Globex', brand: false },
      ]),
    );
    expect(answer.tokens.input).toBeGreaterThanOrEqual(0);
    expect(audit.openai).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    expect(audit.openai.edges).toEqual([{ node: { engine: 'openai' } }]);
    expect(audit).toMatchObject({ pages: { totalCount: 0 }, checks: [], botAccess: [], skipped: [] });
  });
});
