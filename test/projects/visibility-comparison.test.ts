// Runs of a VISIBILITY project against a local answer engine whose answers change between runs:
// compareAudits flags a significant drop of the mention rate and not an insignificant one, names
// the prompts that lost the brand, and a METRIC_DROP rule fires on the significant one only.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { FakeProviders, KEYS } from '../audit-engine/visibility/fake-providers.js';
import { waitForAudit } from '../audits/helpers.js';
import { register, type Account } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const PROMPTS = Array.from({ length: 20 }, (_, i) => `Which widget maker is best for case ${i + 1}?`);
let providers: FakeProviders;
let server: TestServer;
let account: Account;
/** The prompts whose answers name the brand, in the current phase. */
let mentioning = new Set<string>();

beforeAll(async () => {
  providers = await FakeProviders.start();
  providers.answer = (prompt) =>
    mentioning.has(prompt)
      ? { text: 'Acme Widgets is the top pick, ahead of Globex.' }
      : { text: 'Globex is the usual choice here.' };
  server = await startTestServer({
    env: {
      OPENAI_API_KEY: KEYS.openai,
      OPENAI_BASE_URL: `${providers.url}/openai/v1`,
      OPENAI_MODEL: 'gpt-4.1',
      // Every run asks again (no cached answers), with every prompt.
      VISIBILITY_CACHE_TTL_SECONDS: '0',
      PLAN_FREE_MAX_PROMPTS: '50',
    },
  });
  account = await register(server);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await providers?.close();
});

const COMPARE = `query ($b: ID!, $h: ID!) { compareAudits(base: $b, head: $h) {
  visibility { engine metric delta significant base { value n } head { value n } } mentionLostPrompts mentionGainedPrompts } }`;

it('flags a significant drop and not an insignificant one', async () => {
  const created = await server.gql(
    `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    {
      input: {
        name: 'Acme',
        url: 'https://acme-widgets.example',
        kinds: ['VISIBILITY'],
        brand: 'Acme Widgets',
        competitors: ['Globex'],
        prompts: PROMPTS,
        alertRules: [{ kind: 'METRIC_DROP', metric: 'MENTION_RATE' }],
      },
    },
    { token: account.accessToken },
  );
  expect(created.errors).toBeUndefined();
  const projectId = created.data!.createProject.id as string;
  const run = async (mentioned: string[]) => {
    mentioning = new Set(mentioned);
    const response = await server.gql(
      `mutation ($id: ID!) { runProject(id: $id) { id } }`,
      { id: projectId },
      {
        token: account.accessToken,
      },
    );
    const id = response.data!.runProject[0].id as string;
    expect((await waitForAudit(server, account.accessToken, id)).status).toBe('SUCCEEDED');
    return id;
  };
  const overallMention = async (b: string, h: string) => {
    const compared = await server.gql(COMPARE, { b, h }, { token: account.accessToken });
    const result = compared.data!.compareAudits;
    return {
      ...result.visibility.find(
        (d: { engine: string | null; metric: string }) => !d.engine && d.metric === 'MENTION_RATE',
      ),
      lost: result.mentionLostPrompts as string[],
    };
  };

  const all = await run(PROMPTS); // 20 / 20
  const few = await run(PROMPTS.slice(0, 5)); // 5 / 20: a real drop
  const fewer = await run(PROMPTS.slice(0, 4)); // 4 / 20: noise

  const drop = await overallMention(all, few);
  expect(drop).toMatchObject({ base: { value: 1, n: 20 }, head: { value: 0.25, n: 20 }, significant: true });
  expect(drop.delta).toBeCloseTo(-0.75, 6);
  expect(drop.lost.sort()).toEqual(PROMPTS.slice(5).sort());

  const noise = await overallMention(few, fewer);
  expect(noise).toMatchObject({ head: { value: 0.2, n: 20 }, significant: false });
  expect(noise.lost).toEqual([PROMPTS[4]]);

  const events = await server.gql(
    `query ($id: ID!) { project(id: $id) { events(first: 50) { edges { node { type message } } } } }`,
    { id: projectId },
    { token: account.accessToken },
  );
  const alerts = events
    .data!.project.events.edges.map((e: { node: { type: string; message: string } }) => e.node)
    .filter((e: { type: string }) => e.type === 'ALERT');
  expect(alerts).toEqual([
    expect.objectContaining({
      message: expect.stringMatching(/^METRIC_DROP: MENTION_RATE fell from 100% \(n=20\) to 25%/),
    }),
  ]);
}, 120_000);
