// VISIBILITY insight through the API, against local servers speaking each provider's API: the
// cited-domain leaderboard, competitor metrics, samples and fresh answers, location and language,
// cost and budget, brand facts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fromGlobalId } from '../../src/common/global-id.js';
import { FakeProviders, KEYS } from '../audit-engine/visibility/fake-providers.js';
import { register, uniqueEmail } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { createAudit, waitForAudit } from './helpers.js';

let server: TestServer;
let providers: FakeProviders;
let user: { accessToken: string };

beforeAll(async () => {
  providers = await FakeProviders.start();
  server = await startTestServer({
    env: {
      OPENAI_API_KEY: KEYS.openai,
      OPENAI_BASE_URL: `${providers.url}/openai/v1`,
      OPENAI_MODEL: 'gpt-4.1',
      ANTHROPIC_API_KEY: KEYS.anthropic,
      ANTHROPIC_BASE_URL: `${providers.url}/anthropic`,
      ANTHROPIC_MODEL: 'claude-sonnet-4-5',
      PERPLEXITY_API_KEY: KEYS.perplexity,
      PERPLEXITY_BASE_URL: `${providers.url}/perplexity`,
      PERPLEXITY_MODEL: 'sonar',
      GEMINI_API_KEY: KEYS.gemini,
      GEMINI_BASE_URL: `${providers.url}/gemini`,
      GEMINI_MODEL: 'gemini-2.5-flash',
      // One dollar per Perplexity answer: budgets are exact.
      VISIBILITY_PRICES: JSON.stringify({
        'perplexity:sonar': {
          inputPerMillion: 0,
          outputPerMillion: 0,
          perRequest: 1,
          typicalInputTokens: 0,
          typicalOutputTokens: 0,
        },
      }),
    },
  });
  user = await register(server, { email: uniqueEmail('insight') });
});
afterAll(async () => {
  await server?.close();
  await providers?.close();
});

async function run(input: Record<string, unknown>, fields: string) {
  const created = await createAudit(server, user.accessToken, {
    kind: 'VISIBILITY',
    url: 'https://acme.com',
    brand: 'Acme',
    ...input,
  });
  const done = await waitForAudit(server, user.accessToken, created.id);
  expect(done.status).toBe('SUCCEEDED');
  const response = await server.gql(
    `query($id: ID!) { audit(id: $id) { ${fields} } }`,
    { id: created.id },
    { token: user.accessToken },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.audit as Record<string, any>;
}

describe('cited domains and competitors', () => {
  it('lists the domains cited instead of the brand, and each competitor per engine', async () => {
    providers.answer = (prompt) => ({
      text: `Globex is the usual pick for ${prompt}; Acme is an alternative.`,
      cited: [
        { url: 'https://www.globex.com/crm', title: 'Globex' },
        { url: 'https://blog.acme.com/guide', title: 'Acme guide' },
        { url: 'https://news.globex.com/2025', title: 'Globex news' },
      ],
    });
    const audit = await run(
      {
        competitors: ['Globex', 'Initech'],
        prompts: ['Best CRM for agencies?'],
        engines: ['openai', 'anthropic'],
      },
      `visibility {
         citedDomains { domain citations answers brand competitor pages { url citations } prompts engines }
         competitors { name engine answers mentionRate { value low high n } shareOfVoice { value n } averagePosition }
       }`,
    );
    const { citedDomains, competitors } = audit.visibility;
    expect(citedDomains).toEqual([
      {
        domain: 'globex.com',
        citations: 4,
        answers: 2,
        brand: false,
        competitor: 'Globex',
        pages: [
          { url: 'https://news.globex.com/2025', citations: 2 },
          { url: 'https://www.globex.com/crm', citations: 2 },
        ],
        prompts: ['Best CRM for agencies?'],
        engines: ['openai', 'anthropic'],
      },
      {
        domain: 'acme.com',
        citations: 2,
        answers: 2,
        brand: true,
        competitor: null,
        pages: [{ url: 'https://blog.acme.com/guide', citations: 2 }],
        prompts: ['Best CRM for agencies?'],
        engines: ['openai', 'anthropic'],
      },
    ]);
    expect(competitors).toHaveLength(6);
    const globex = competitors.find((c: any) => c.name === 'Globex' && c.engine === null);
    expect(globex).toMatchObject({ answers: 2, averagePosition: 1, shareOfVoice: { value: 0.5, n: 4 } });
    expect(globex.mentionRate).toMatchObject({ value: 1, n: 2 });
    const initech = competitors.find((c: any) => c.name === 'Initech' && c.engine === 'openai');
    expect(initech).toMatchObject({ answers: 1, mentionRate: { value: 0, n: 1 }, averagePosition: null });
  });
});

describe('samples and fresh answers', () => {
  it('asks several samples per prompt, bypasses the cache when fresh, and bounds samples', async () => {
    providers.answer = () => ({ text: 'Acme is a good pick.' });
    const input = { prompts: ['Which CRM for dentists?'], engines: ['perplexity'], samples: 3 };
    const fields = `input { samples fresh } visibility { samples overall { answers spread { rounds unstablePrompts } }
      prompts { prompt engine answers mentioned stable } }`;
    const before = providers.callsFor('perplexity').length;
    const first = await run(input, fields);
    expect(providers.callsFor('perplexity').length - before).toBe(3);
    expect(first.input).toEqual({ samples: 3, fresh: false });
    expect(first.visibility).toEqual({
      samples: 3,
      overall: { answers: 3, spread: { rounds: 3, unstablePrompts: 0 } },
      prompts: [
        { prompt: 'Which CRM for dentists?', engine: 'perplexity', answers: 3, mentioned: 3, stable: true },
      ],
    });
    // Cached: no new request. Fresh: every sample asked again.
    await run(input, fields);
    expect(providers.callsFor('perplexity').length - before).toBe(3);
    const fresh = await run({ ...input, fresh: true }, fields);
    expect(fresh.input.fresh).toBe(true);
    expect(providers.callsFor('perplexity').length - before).toBe(6);

    const tooMany = await server.gql(
      `mutation { createAudit(input: { kind: VISIBILITY, url: "https://acme.com", brand: "Acme",
         prompts: ["Best CRM?"], engines: ["perplexity"], samples: 6 }) { id } }`,
      {},
      { token: user.accessToken },
    );
    expect(tooMany.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0]!.message).toMatch(/samples must be an integer from 1 to 5/);
  });
});

describe('location and language', () => {
  it('stores the locale with the audit and reports what each engine sent', async () => {
    providers.answer = () => ({ text: 'Acme ist gut.' });
    const before = providers.callsFor('perplexity').length;
    const audit = await run(
      {
        prompts: ['Bestes CRM für Agenturen?'],
        engines: ['perplexity', 'openai'],
        location: { country: 'de', city: 'Munich', latitude: 48.14, longitude: 11.58 },
        language: 'DE',
      },
      `input { locale { country city latitude longitude language } }
       visibility { locale { requested { country city language } engines { engine sent ignored } } }
       answers { edges { node { engine locale { country city latitude longitude language } } } }`,
    );
    expect(audit.input.locale).toEqual({
      country: 'DE',
      city: 'Munich',
      latitude: 48.14,
      longitude: 11.58,
      language: 'de',
    });
    expect(audit.visibility.locale).toEqual({
      requested: { country: 'DE', city: 'Munich', language: 'de' },
      engines: [
        { engine: 'perplexity', sent: ['country', 'city', 'latitude', 'longitude', 'language'], ignored: [] },
        { engine: 'openai', sent: ['country', 'city'], ignored: ['latitude', 'longitude', 'language'] },
      ],
    });
    const sent = providers.callsFor('perplexity')[before]!.body as Record<string, unknown>;
    expect(sent.search_language_filter).toEqual(['de']);
    // Each answer carries the fields its engine was sent.
    const localeOf = (engine: string) =>
      audit.answers.edges.find((edge: { node: { engine: string } }) => edge.node.engine === engine).node
        .locale;
    expect(localeOf('perplexity')).toEqual({
      country: 'DE',
      city: 'Munich',
      latitude: 48.14,
      longitude: 11.58,
      language: 'de',
    });
    expect(localeOf('openai')).toEqual({
      country: 'DE',
      city: 'Munich',
      latitude: null,
      longitude: null,
      language: null,
    });
  });

  it.each([
    [{ location: { country: 'Germany' } }, 'location.country', /two-letter ISO 3166-1/],
    [{ location: { timezone: 'Mars/Olympus' } }, 'location.timezone', /IANA time zone/],
    [{ location: { latitude: 48 } }, 'location', /go together/],
    [{ location: { latitude: 91, longitude: 0 } }, 'location.latitude', /-90\.\.90/],
    [{ language: 'de-DE' }, 'language', /two-letter ISO 639-1/],
  ])('refuses a bad locale %j', async (extra, field, message) => {
    const response = await server.gql(
      'mutation($input: CreateAuditInput!) { createAudit(input: $input) { id } }',
      {
        input: {
          kind: 'VISIBILITY',
          url: 'https://acme.com',
          brand: 'Acme',
          prompts: ['Best CRM?'],
          engines: ['openai'],
          ...extra,
        },
      },
      { token: user.accessToken },
    );
    const error = response.errors![0]!;
    expect(error.extensions!.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
    expect(JSON.stringify(error.extensions)).toContain(field.split('.')[0]);
  });
});

describe('cost and budget', () => {
  const COST = `cost { estimate { currency total engines { engine model answers inputTokens outputTokens cost } }
    actual { total engines { engine answers inputTokens outputTokens cost } } budgetUsd stoppedByBudget skippedAnswers }`;

  it('shows the estimate at creation and the actual cost after the run', async () => {
    providers.answer = () => ({ text: 'Acme.' });
    const response = await server.gql(
      `mutation($input: CreateAuditInput!) { createAudit(input: $input) { id ${COST} } }`,
      {
        input: {
          kind: 'VISIBILITY',
          url: 'https://acme.com',
          brand: 'Acme',
          prompts: ['Cost prompt one?', 'Cost prompt two?'],
          engines: ['openai'],
          fresh: true,
        },
      },
      { token: user.accessToken },
    );
    expect(response.errors).toBeUndefined();
    const created = response.data!.createAudit;
    expect(created.cost.estimate).toEqual({
      currency: 'USD',
      total: expect.closeTo(2 * (0.006 + 0.0048 + 0.01), 10),
      engines: [
        {
          engine: 'openai',
          model: 'gpt-4.1',
          answers: 2,
          inputTokens: 6000,
          outputTokens: 1200,
          cost: expect.closeTo(2 * (0.006 + 0.0048 + 0.01), 10),
        },
      ],
    });
    expect(created.cost.actual).toBeNull();
    await waitForAudit(server, user.accessToken, created.id);
    const done = await server.gql(
      `query($id: ID!) { audit(id: $id) { ${COST} } }`,
      { id: created.id },
      {
        token: user.accessToken,
      },
    );
    expect(done.data!.audit.cost.actual).toEqual({
      total: expect.closeTo((2 * 312 * 2 + 2 * 148 * 8) / 1e6 + 0.02, 10),
      engines: [
        { engine: 'openai', answers: 2, inputTokens: 624, outputTokens: 296, cost: expect.any(Number) },
      ],
    });
    expect(done.data!.audit.cost).toMatchObject({
      budgetUsd: null,
      stoppedByBudget: false,
      skippedAnswers: 0,
    });
  });

  it('ends the audit with what it has when the budget is reached, and says so', async () => {
    providers.answer = () => ({ text: 'Acme.' });
    const audit = await run(
      {
        prompts: ['Budget one?', 'Budget two?', 'Budget three?', 'Budget four?'],
        engines: ['perplexity'],
        budget: 2,
        fresh: true,
      },
      `input { budgetUsd } ${COST} visibility { overall { answers } }
       findings(first: 20) { edges { node { checkId title } } }`,
    );
    expect(audit.input.budgetUsd).toBe(2);
    expect(audit.visibility.overall.answers).toBe(2);
    expect(audit.cost).toMatchObject({
      budgetUsd: 2,
      stoppedByBudget: true,
      skippedAnswers: 2,
      actual: { total: 2 },
    });
    const findings = audit.findings.edges.map((edge: any) => edge.node);
    expect(findings).toContainEqual({
      checkId: 'visibility.budget-reached',
      title: 'The budget of $2 stopped the audit: 2 answer(s) were not asked',
    });
  });

  it('refuses a budget below one answer, or not positive', async () => {
    const create = (extra: Record<string, unknown>) =>
      server.gql(
        'mutation($input: CreateAuditInput!) { createAudit(input: $input) { id } }',
        {
          input: {
            kind: 'VISIBILITY',
            url: 'https://acme.com',
            brand: 'Acme',
            prompts: ['Best CRM?'],
            ...extra,
          },
        },
        { token: user.accessToken },
      );
    const tooSmall = await create({ engines: ['perplexity'], budget: 0.5 });
    expect(tooSmall.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(tooSmall.errors![0]!.message).toMatch(/does not cover one answer/);
    const negative = await create({ engines: ['perplexity'], budget: -1 });
    expect(negative.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('brand facts', () => {
  it('lists answers that contradict the facts given, with the quote, as findings', async () => {
    providers.answer = () => ({
      text: 'Acme is a CRM founded in 2015. It is headquartered in Berlin.',
      cited: [{ url: 'https://directory.example/acme', title: 'Acme listing' }],
    });
    const audit = await run(
      {
        prompts: ['Who makes the Acme CRM?'],
        engines: ['anthropic'],
        brandFacts: [
          { label: 'founding year', value: '2012' },
          { label: 'headquarters', value: 'Berlin', kind: 'NAME', keywords: ['headquartered'] },
        ],
      },
      `visibility { facts { label value kind keywords answersChecked statements
         contradictions { engine prompt sample quote stated } } }
       findings(first: 20) { edges { node { checkId severity title detail urls } } }`,
    );
    const [founding, headquarters] = audit.visibility.facts;
    expect(founding).toMatchObject({
      label: 'founding year',
      value: '2012',
      kind: 'YEAR',
      answersChecked: 1,
    });
    expect(founding.contradictions).toEqual([
      {
        engine: 'anthropic',
        prompt: 'Who makes the Acme CRM?',
        sample: 0,
        quote: 'Acme is a CRM founded in 2015.',
        stated: '2015',
      },
    ]);
    expect(headquarters).toMatchObject({
      kind: 'NAME',
      keywords: ['headquartered'],
      statements: 1,
      contradictions: [],
    });
    const findings = audit.findings.edges
      .map((edge: any) => edge.node)
      .filter((f: any) => f.checkId === 'visibility.fact-contradicted');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'HIGH',
      title: "1 answer statement(s) contradict Acme's founding year (2012)",
      urls: ['https://directory.example/acme'],
    });
    expect(findings[0].detail).toContain('"Acme is a CRM founded in 2015." (states 2015)');
  });

  it('refuses a fact without a value', async () => {
    const response = await server.gql(
      `mutation { createAudit(input: { kind: VISIBILITY, url: "https://acme.com", brand: "Acme",
         prompts: ["Best CRM?"], engines: ["openai"], brandFacts: [{ label: "founding year", value: "  " }] }) { id } }`,
      {},
      { token: user.accessToken },
    );
    expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/needs a label and a value/);
  });
});

describe('reports stored before these fields', () => {
  it('read as empty lists and defaults, never as errors', async () => {
    providers.answer = () => ({ text: 'Acme.' });
    const created = await createAudit(server, user.accessToken, {
      kind: 'VISIBILITY',
      url: 'https://acme.com',
      brand: 'Acme',
      prompts: ['Old row prompt?'],
      engines: ['openai'],
    });
    await waitForAudit(server, user.accessToken, created.id);
    const { id } = fromGlobalId(created.id, 'Audit');
    await server.orm.em
      .fork()
      .getConnection()
      .execute(
        `update audits set details = (details #- '{visibility,competitors}' #- '{visibility,citedDomains}'
           #- '{visibility,samples}' #- '{visibility,prompts}' #- '{visibility,locale}' #- '{visibility,facts}'
           #- '{visibility,overall,spread}' #- '{cost}') where id = ?`,
        [id],
      );
    const response = await server.gql(
      `query($id: ID!) { audit(id: $id) { visibility { competitors { name } citedDomains { domain } samples
         prompts { prompt } locale { requested { country } } facts { label } overall { answers spread { rounds } } }
         cost { estimate { total } actual { total } stoppedByBudget } } }`,
      { id: created.id },
      { token: user.accessToken },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.audit.visibility).toEqual({
      competitors: [],
      citedDomains: [],
      samples: 1,
      prompts: [],
      locale: null,
      facts: [],
      overall: { answers: 1, spread: null },
    });
    expect(response.data!.audit.cost).toMatchObject({ actual: null, stoppedByBudget: false });
    expect(response.data!.audit.cost.estimate.total).toBeGreaterThan(0);
  });
});
