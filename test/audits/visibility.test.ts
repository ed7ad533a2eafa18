// A VISIBILITY audit through the API, against local servers speaking each provider's API.
import type { CreateAuditInput } from '../../client/generated/graphql.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeProviders, KEYS } from '../audit-engine/visibility/fake-providers.js';
import { register, uniqueEmail } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';
import { collectProgress, createAudit, seedAudits, waitForAudit } from './helpers.js';

let server: TestServer;
let providers: FakeProviders;
let user: { accessToken: string };

beforeAll(async () => {
  providers = await FakeProviders.start();
  providers.answer = (prompt, engine) =>
    prompt.includes('CRM')
      ? {
          text: `For small teams, Acme CRM is the top pick, ahead of Globex. (${engine})`,
          cited: [
            { url: 'https://blog.acme.com/crm-guide', title: 'Acme guide' },
            { url: 'https://globex.com/crm', title: 'Globex' },
          ],
        }
      : {
          text: 'Globex leads here; see their docs.',
          cited: [{ url: 'https://globex.com/docs', title: 'Globex docs' }],
        };
  // Gemini is down for the whole run: the audit still finishes and says so.
  providers.down('gemini', { status: 503, body: '{"error":{"message":"overloaded"}}' });
  server = await startTestServer({
    env: {
      OPENAI_API_KEY: KEYS.openai,
      OPENAI_BASE_URL: `${providers.url}/openai/v1`,
      OPENAI_MODEL: 'gpt-4.1',
      ANTHROPIC_API_KEY: KEYS.anthropic,
      ANTHROPIC_BASE_URL: `${providers.url}/anthropic`,
      ANTHROPIC_MODEL: 'claude-sonnet-4-5',
      GEMINI_API_KEY: KEYS.gemini,
      GEMINI_BASE_URL: `${providers.url}/gemini`,
      GEMINI_MODEL: 'gemini-2.5-flash',
    },
  });
  user = await register(server, { email: uniqueEmail('brand') });
});
afterAll(async () => {
  await server?.close();
  await providers?.close();
});

describe('VISIBILITY audits', () => {
  it('measures mentions and citations per engine, with live progress, despite an engine outage', async () => {
    const created = await createAudit(server, user.accessToken, {
      kind: 'VISIBILITY',
      url: 'https://acme.com',
      brand: 'Acme',
      competitors: ['Globex'],
      prompts: ['What is the best CRM for small teams?', 'Which vendor has the best docs?'],
      engines: ['openai', 'anthropic', 'gemini'],
    });
    const events = await collectProgress(
      server.wsClient({ authorization: `Bearer ${user.accessToken}` }),
      created.id,
    ).done;
    expect(events.at(-1)!.status).toBe('SUCCEEDED');

    const response = await server.gql(
      `query($id: ID!) { audit(id: $id) { score grade categories { category score weight }
         findings(first: 50) { edges { node { checkId severity title } } }
         visibility {
           overall { answers mentionRate { value low high n } promptCoverage { value n } shareOfVoice { value n }
                     citationRate { value n } citationShare { value n } averagePosition sentiment }
           engines { engine model error metrics { answers mentionRate { value n } } }
         } } }`,
      { id: created.id },
      { token: user.accessToken },
    );
    expect(response.errors).toBeUndefined();
    const audit = response.data!.audit;
    const { overall, engines } = audit.visibility;
    // 2 prompts × 2 working engines; the brand is named in half the answers (the CRM prompt).
    expect(overall.answers).toBe(4);
    expect(overall.mentionRate).toMatchObject({ value: 0.5, n: 4 });
    expect(overall.mentionRate.low).toBeLessThan(0.5);
    expect(overall.mentionRate.high).toBeGreaterThan(0.5);
    expect(overall.promptCoverage).toMatchObject({ value: 0.5, n: 2 });
    expect(overall.averagePosition).toBe(1);
    const gemini = engines.find((engine: any) => engine.engine === 'gemini');
    expect(gemini.error).toMatch(/503|overloaded/);
    expect(gemini.metrics.answers).toBe(0);
    expect(gemini.metrics.mentionRate).toBeNull();
    expect(engines.find((engine: any) => engine.engine === 'openai').metrics.answers).toBe(2);
    expect(audit.score).toBeGreaterThan(0);
    expect(audit.grade).toMatch(/^[A-F]$/);
    const checkIds = audit.findings.edges.map((edge: any) => edge.node.checkId);
    expect(checkIds).toContain('visibility.engine-failed');
    expect(checkIds).toContain('visibility.brand-absent');
  });

  it('reuses stored answers on a rerun instead of paying the providers again', async () => {
    const input: CreateAuditInput = {
      kind: 'VISIBILITY',
      url: 'https://acme.com',
      brand: 'Acme',
      prompts: ['Which CRM do agencies use?'],
      engines: ['openai', 'anthropic'],
    };
    const first = await createAudit(server, user.accessToken, input);
    expect((await waitForAudit(server, user.accessToken, first.id)).status).toBe('SUCCEEDED');
    const callsBefore = providers.calls.length;
    const rerun = await server.gql(
      'mutation($id: ID!) { rerunAudit(id: $id) { id } }',
      { id: first.id },
      { token: user.accessToken },
    );
    const done = await waitForAudit(server, user.accessToken, rerun.data!.rerunAudit.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(providers.calls.length).toBe(callsBefore);
    const rows = await server.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as n from answer_cache where expires_at > now()');
    expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('is null for SITE audits', async () => {
    const userId = (await server.gql('{ viewer { id } }', {}, { token: user.accessToken })).data!.viewer.id;
    const [siteAudit] = await seedAudits(server, userId, 1);
    const response = await server.gql(
      'query($id: ID!) { audit(id: $id) { kind visibility { overall { answers } } } }',
      { id: siteAudit },
      { token: user.accessToken },
    );
    expect(response.data!.audit).toEqual({ kind: 'SITE', visibility: null });
  });

  it('fails clearly when every engine is down', async () => {
    providers.down('openai', { status: 500, body: 'oops' });
    providers.down('anthropic', { status: 500, body: 'oops' });
    const created = await createAudit(server, user.accessToken, {
      kind: 'VISIBILITY',
      url: 'https://acme.com',
      brand: 'Acme',
      prompts: ['Best CRM?'],
      engines: ['openai', 'anthropic'],
    });
    const audit = await waitForAudit(server, user.accessToken, created.id);
    expect(audit.status).toBe('FAILED');
    expect(audit.error).toMatch(/openai/);
    expect(audit.error).toMatch(/anthropic/);
  });

  it('names what to configure for an engine without a key', async () => {
    const response = await server.gql(
      `mutation { createAudit(input: { kind: VISIBILITY, url: "https://acme.com", brand: "Acme", prompts: ["Best CRM?"], engines: ["perplexity"] }) { id } }`,
      {},
      { token: user.accessToken },
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/PERPLEXITY_API_KEY/);
  });
});
