// Two real runs of a project against a local site that changed in between: the worker crawls it
// each time, and compareAudits lists exactly the findings the change added, then removed.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  startFixtureServer,
  type FixtureServer,
  type Route,
} from '../audit-engine/helpers/fixture-server.js';
import { goodSiteRoutes } from '../audit-engine/helpers/good-site.js';
import { waitForAudit } from '../audits/helpers.js';
import { register, type Account } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let site: FixtureServer;
let account: Account;
const routes: Record<string, Route> = goodSiteRoutes();
const original = { robots: routes['/robots.txt']!, llms: routes['/llms.txt']! };

beforeAll(async () => {
  site = await startFixtureServer(routes);
  server = await startTestServer({ env: { AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' } });
  account = await register(server);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await site?.close();
});

const COMPARE = `query ($b: ID!, $h: ID!) { compareAudits(base: $b, head: $h) { scoreDelta
  newFindings { checkId category } resolvedFindings { checkId } persistingFindings { checkId } } }`;
type Finding = { checkId: string; category: string };

it('lists exactly the findings a change of the site added, and those fixing it removed', async () => {
  const created = await server.gql(
    `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    { input: { name: 'Local', url: site.origin, kinds: ['SITE'], maxPages: 10 } },
    { token: account.accessToken },
  );
  const projectId = created.data!.createProject.id as string;
  const run = async () => {
    const response = await server.gql(
      `mutation ($id: ID!) { runProject(id: $id) { id } }`,
      { id: projectId },
      {
        token: account.accessToken,
      },
    );
    const id = response.data!.runProject[0].id as string;
    const audit = await waitForAudit(server, account.accessToken, id);
    expect(audit.status).toBe('SUCCEEDED');
    return id;
  };
  const compare = async (b: string, h: string) =>
    (await server.gql(COMPARE, { b, h }, { token: account.accessToken })).data!.compareAudits as {
      scoreDelta: number;
      newFindings: Finding[];
      resolvedFindings: Finding[];
      persistingFindings: Finding[];
    };

  const before = await run();
  // The site now blocks OpenAI's search crawler and drops its llms.txt.
  routes['/robots.txt'] = (origin: string) => {
    const robots = typeof original.robots === 'function' ? original.robots(origin) : original.robots;
    return {
      ...robots,
      body: `User-agent: OAI-SearchBot\nDisallow: /\n\n${(robots as { body: string }).body}`,
    };
  };
  routes['/llms.txt'] = { status: 404, body: 'not found' };
  const broken = await run();
  routes['/robots.txt'] = original.robots;
  routes['/llms.txt'] = original.llms;
  const fixed = await run();

  const worse = await compare(before, broken);
  const added = worse.newFindings.map((f) => f.category).sort();
  expect(added.length).toBeGreaterThanOrEqual(2);
  expect(new Set(added)).toEqual(new Set(['ai_access', 'llms_txt']));
  expect(worse.resolvedFindings).toEqual([]);
  expect(worse.scoreDelta).toBeLessThan(0);

  const better = await compare(broken, fixed);
  expect(better.newFindings).toEqual([]);
  expect(better.resolvedFindings.map((f) => f.checkId).sort()).toEqual(
    worse.newFindings.map((f) => f.checkId).sort(),
  );
  expect(better.persistingFindings.map((f) => f.checkId).sort()).toEqual(
    worse.persistingFindings.map((f) => f.checkId).sort(),
  );
}, 120_000);
