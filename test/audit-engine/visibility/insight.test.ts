// VISIBILITY insight through the engine, against local servers speaking each provider's API:
// the cited-domain leaderboard and the competitor metrics, each with a defect and a clean case.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  DEFAULT_PRICES,
  keywordsOf,
  kindOf,
  MemoryAnswerCache,
  parsePriceTable,
  priceFor,
  registrableDomain,
  runVisibilityAudit,
  type EngineName,
  type VisibilityAuditInput,
  type VisibilityAuditOptions,
  type VisibilityDetails,
} from '../../../src/audit-engine/visibility/index.js';
import { FakeProviders } from './fake-providers.js';

let fake: FakeProviders;

beforeEach(async () => {
  fake = await FakeProviders.start();
});
afterEach(() => fake.close());

function input(
  engines: EngineName[],
  prompts: string[],
  extra: Partial<VisibilityAuditInput> = {},
): VisibilityAuditInput {
  return {
    brand: 'Acme',
    aliases: [],
    competitors: ['Globex', 'Initech'],
    domain: 'https://www.acme.com',
    prompts,
    engines,
    ...extra,
  };
}

function options(more: Partial<VisibilityAuditOptions> = {}): VisibilityAuditOptions {
  return {
    engines: fake.configs({ maxRetries: 0, timeoutMs: 2000 }),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    random: () => 0.5,
    ...more,
  };
}

const details = (report: { details?: Record<string, unknown> }) =>
  report.details as unknown as VisibilityDetails;

describe('cited-domain leaderboard', () => {
  it('shows who gets cited instead of the brand: domains, pages, prompts, engines', async () => {
    fake.answer = (prompt) =>
      prompt.includes('crm')
        ? {
            text: 'Globex is the leader; Initech follows.',
            cited: [
              { url: 'https://www.globex.com/crm?utm_source=x', title: 'Globex CRM' },
              { url: 'https://blog.globex.com/why', title: 'Why Globex' },
              { url: 'https://reviews.example.co.uk/best-crm', title: 'Best CRM' },
            ],
          }
        : {
            text: 'Globex again.',
            cited: [{ url: 'https://globex.com/invoicing', title: 'Globex invoicing' }],
          };
    const report = await runVisibilityAudit(
      input(['openai', 'perplexity'], ['best crm', 'best invoicing']),
      options(),
    );
    const domains = details(report).visibility.citedDomains!;
    // 2 engines × (2 globex pages for crm + 1 for invoicing) = 6 citations in 4 answers.
    expect(domains[0]).toMatchObject({
      domain: 'globex.com',
      citations: 6,
      answers: 4,
      brand: false,
      competitor: 'Globex',
      prompts: ['best crm', 'best invoicing'],
      engines: ['openai', 'perplexity'],
    });
    expect(domains[0]!.pages.map((page) => page.url)).toEqual([
      'https://blog.globex.com/why',
      'https://globex.com/invoicing',
      'https://www.globex.com/crm',
    ]);
    expect(domains[0]!.pages.every((page) => page.citations === 2)).toBe(true);
    // A two-part public suffix keeps its owner: example.co.uk, not co.uk.
    expect(domains[1]).toMatchObject({
      domain: 'example.co.uk',
      citations: 2,
      answers: 2,
      brand: false,
      competitor: null,
      prompts: ['best crm'],
    });
    expect(domains.some((domain) => domain.brand)).toBe(false);
  });

  it("marks the brand's own domain, subdomains included, and counts it once per answer", async () => {
    fake.answer = () => ({
      text: 'Acme is a fine choice.',
      cited: [
        { url: 'https://acme.com/pricing', title: 'Pricing' },
        { url: 'https://docs.acme.com/start', title: 'Docs' },
      ],
    });
    const report = await runVisibilityAudit(input(['anthropic'], ['best crm']), options());
    const domains = details(report).visibility.citedDomains!;
    expect(domains).toEqual([
      {
        domain: 'acme.com',
        citations: 2,
        answers: 1,
        brand: true,
        competitor: null,
        pages: [
          { url: 'https://acme.com/pricing', citations: 1 },
          { url: 'https://docs.acme.com/start', citations: 1 },
        ],
        prompts: ['best crm'],
        engines: ['anthropic'],
      },
    ]);
  });

  it("reads Gemini's grounding redirects as the domain they point to", async () => {
    fake.answer = () => ({ text: 'See Globex.', cited: [{ url: 'https://shop.globex.com/a' }] });
    const report = await runVisibilityAudit(input(['gemini'], ['best crm']), options());
    const [domain] = details(report).visibility.citedDomains!;
    expect(domain).toMatchObject({ domain: 'globex.com', competitor: 'Globex', citations: 1 });
  });

  it('is empty when no answer cites anything', async () => {
    fake.answer = () => ({ text: 'Acme and Globex are both fine.' });
    const report = await runVisibilityAudit(input(['openai'], ['best crm']), options());
    expect(details(report).visibility.citedDomains).toEqual([]);
  });

  it('uses registrable domains from the public suffix list', () => {
    expect(registrableDomain('www.blog.acme.co.uk')).toBe('acme.co.uk');
    expect(registrableDomain('acme.github.io')).toBe('acme.github.io');
    expect(registrableDomain('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('competitor metrics', () => {
  it('measures each competitor per engine and overall like the brand', async () => {
    // openai: brand first, Globex second in both answers; anthropic names only Globex, then Initech.
    fake.answer = (_prompt, engine) =>
      engine === 'openai'
        ? { text: 'Acme is best, Globex is fine.' }
        : { text: 'Globex leads, then Initech.' };
    const report = await runVisibilityAudit(
      input(['openai', 'anthropic'], ['best crm', 'best invoicing']),
      options(),
    );
    const { competitors, overall } = details(report).visibility;
    const row = (name: string, engine: string | null) =>
      competitors!.find((c) => c.name === name && c.engine === engine)!;
    expect(competitors!.map((c) => [c.name, c.engine])).toEqual([
      ['Globex', null],
      ['Globex', 'openai'],
      ['Globex', 'anthropic'],
      ['Initech', null],
      ['Initech', 'openai'],
      ['Initech', 'anthropic'],
    ]);
    expect(row('Globex', null).mentionRate).toMatchObject({ value: 1, n: 4 });
    expect(row('Globex', null).averagePosition).toBe(1.5);
    expect(row('Globex', 'anthropic').averagePosition).toBe(1);
    expect(row('Initech', 'openai').mentionRate).toMatchObject({ value: 0, n: 2 });
    expect(row('Initech', 'openai').averagePosition).toBeNull();
    expect(row('Initech', 'anthropic').averagePosition).toBe(2);
    // Names mentioned: brand 2 + Globex 4 + Initech 2 = 8 answer-mentions.
    expect(row('Globex', null).shareOfVoice).toMatchObject({ value: 0.5, n: 8 });
    expect(row('Initech', null).shareOfVoice).toMatchObject({ value: 0.25, n: 8 });
    expect(overall.shareOfVoice).toMatchObject({ value: 0.25, n: 8 });
    const low = row('Globex', null).mentionRate!.low;
    expect(low).toBeGreaterThan(0.4);
    expect(low).toBeLessThan(1);
  });

  it('has no data (null, not 0) for an engine without answers, and no rows without competitors', async () => {
    fake.answer = () => ({ text: 'Acme only.' });
    fake.down('anthropic', { status: 401, body: '{"type":"error","error":{"message":"bad key"}}' });
    const report = await runVisibilityAudit(input(['openai', 'anthropic'], ['best crm']), options());
    const rows = details(report).visibility.competitors!;
    const anthropic = rows.find((c) => c.name === 'Globex' && c.engine === 'anthropic')!;
    expect(anthropic).toMatchObject({
      answers: 0,
      mentionRate: null,
      shareOfVoice: null,
      averagePosition: null,
    });
    const clean = await runVisibilityAudit(input(['openai'], ['best crm'], { competitors: [] }), options());
    expect(details(clean).visibility.competitors).toEqual([]);
  });
});

describe('samples and fresh answers', () => {
  it('asks each prompt several times and reports how the samples disagree', async () => {
    let calls = 0;
    // Every other answer names the brand: the samples of one prompt disagree.
    fake.answer = () => (calls++ % 2 === 0 ? { text: 'Acme, then Globex.' } : { text: 'Globex only.' });
    const report = await runVisibilityAudit(input(['openai'], ['best crm']), {
      ...options(),
      samples: 4,
      engines: fake.configs({ maxRetries: 0, concurrency: 1 }),
    });
    const { visibility } = details(report);
    expect(fake.callsFor('openai')).toHaveLength(4);
    expect(visibility.samples).toBe(4);
    expect(visibility.prompts).toEqual([
      {
        prompt: 'best crm',
        engine: 'openai',
        answers: 4,
        mentioned: 2,
        mentionRate: expect.objectContaining({ value: 0.5, n: 4 }),
        positions: [1, 1],
        cited: 0,
        stable: false,
      },
    ]);
    expect(visibility.overall.spread).toEqual({
      rounds: 4,
      mentionRateMin: 0,
      mentionRateMax: 1,
      mentionRateStdDev: 0.5,
      unstablePrompts: 1,
    });
  });

  it('reports stable samples and no spread for a single sample', async () => {
    fake.answer = () => ({ text: 'Acme is the pick.' });
    const stable = await runVisibilityAudit(input(['perplexity'], ['best crm']), {
      ...options(),
      samples: 3,
    });
    expect(details(stable).visibility.prompts![0]).toMatchObject({ mentioned: 3, stable: true });
    expect(details(stable).visibility.overall.spread).toMatchObject({
      mentionRateStdDev: 0,
      unstablePrompts: 0,
    });
    const single = await runVisibilityAudit(input(['perplexity'], ['best crm']), options());
    expect(details(single).visibility.overall.spread).toBeNull();
  });

  it('reads cached answers unless fresh, and stores the fresh ones', async () => {
    fake.answer = () => ({ text: 'Acme.' });
    const cache = new MemoryAnswerCache();
    await runVisibilityAudit(input(['openai'], ['best crm']), { ...options(), cache, samples: 2 });
    expect(fake.callsFor('openai')).toHaveLength(2);
    const cached = await runVisibilityAudit(input(['openai'], ['best crm']), {
      ...options(),
      cache,
      samples: 2,
    });
    expect(fake.callsFor('openai')).toHaveLength(2);
    expect(details(cached).answers.every((answer) => answer.cached)).toBe(true);
    const fresh = await runVisibilityAudit(input(['openai'], ['best crm']), {
      ...options(),
      cache,
      samples: 2,
      fresh: true,
    });
    expect(fake.callsFor('openai')).toHaveLength(4);
    expect(details(fresh).answers.some((answer) => answer.cached)).toBe(false);
    expect(cache.size).toBe(2);
  });
});

describe('location and language', () => {
  const locale = {
    country: 'DE',
    region: 'Bavaria',
    city: 'Munich',
    timezone: 'Europe/Berlin',
    latitude: 48.14,
    longitude: 11.58,
    language: 'de',
  };

  it('sends each engine the parameters it has, and stores them with the answer', async () => {
    fake.answer = () => ({ text: 'Acme ist gut.' });
    const engines: EngineName[] = ['openai', 'anthropic', 'perplexity', 'gemini', 'openai-compatible'];
    const report = await runVisibilityAudit(input(engines, ['bestes crm'], { locale }), options());
    const body = (engine: EngineName) => fake.callsFor(engine)[0]!.body as Record<string, any>;
    const approximate = {
      type: 'approximate',
      country: 'DE',
      region: 'Bavaria',
      city: 'Munich',
      timezone: 'Europe/Berlin',
    };
    expect(body('openai').tools[0].user_location).toEqual(approximate);
    expect(body('anthropic').tools[0].user_location).toEqual(approximate);
    expect(body('perplexity').web_search_options).toEqual({
      user_location: { country: 'DE', region: 'Bavaria', city: 'Munich', latitude: 48.14, longitude: 11.58 },
    });
    expect(body('perplexity').search_language_filter).toEqual(['de']);
    expect(body('gemini').toolConfig).toEqual({
      retrievalConfig: { latLng: { latitude: 48.14, longitude: 11.58 }, languageCode: 'de' },
    });
    const compat = body('openai-compatible');
    expect(Object.keys(compat).sort()).toEqual(['messages', 'model']);

    const { answers, visibility } = details(report);
    expect(answers.find((a) => a.engine === 'gemini')!.locale).toEqual({
      latitude: 48.14,
      longitude: 11.58,
      language: 'de',
    });
    expect(answers.find((a) => a.engine === 'openai-compatible')!.locale).toBeUndefined();
    expect(visibility.locale!.requested).toEqual(locale);
    expect(visibility.locale!.engines.find((e) => e.engine === 'openai')).toEqual({
      engine: 'openai',
      sent: ['country', 'region', 'city', 'timezone'],
      ignored: ['latitude', 'longitude', 'language'],
    });
    expect(visibility.locale!.engines.find((e) => e.engine === 'openai-compatible')!.sent).toEqual([]);
  });

  it("sends Perplexity's coordinates only with a country, and nothing without a locale", async () => {
    fake.answer = () => ({ text: 'Acme.' });
    await runVisibilityAudit(
      input(['perplexity'], ['best crm'], { locale: { latitude: 1, longitude: 2 } }),
      options(),
    );
    expect(
      (fake.callsFor('perplexity')[0]!.body as Record<string, unknown>).web_search_options,
    ).toBeUndefined();
    const plain = await runVisibilityAudit(input(['openai', 'gemini'], ['best crm']), options());
    expect((fake.callsFor('openai')[0]!.body as any).tools[0]).toEqual({ type: 'web_search' });
    expect((fake.callsFor('gemini')[0]!.body as any).toolConfig).toBeUndefined();
    expect(details(plain).visibility.locale).toBeNull();
  });

  it('keeps answers for different locales apart in the cache', async () => {
    fake.answer = () => ({ text: 'Acme.' });
    const cache = new MemoryAnswerCache();
    const ask = (country?: string) =>
      runVisibilityAudit(input(['openai'], ['best crm'], { locale: country ? { country } : null }), {
        ...options(),
        cache,
      });
    await ask('DE');
    await ask('FR');
    await ask();
    expect(fake.callsFor('openai')).toHaveLength(3);
    await ask('DE');
    expect(fake.callsFor('openai')).toHaveLength(3);
  });
});

describe('cost and budget', () => {
  // One dollar per answer, no token price: budgets are exact whatever the tokens.
  const dollarPerAnswer = {
    'openai:gpt-4.1': {
      inputPerMillion: 0,
      outputPerMillion: 0,
      perRequest: 1,
      typicalInputTokens: 0,
      typicalOutputTokens: 0,
    },
  };
  const prompts = ['p one', 'p two', 'p three', 'p four', 'p five'];

  it('estimates before and measures after, from the price table', async () => {
    fake.answer = () => ({ text: 'Acme.' });
    const report = await runVisibilityAudit(
      input(['openai', 'perplexity', 'openai-compatible'], ['a b', 'c d']),
      {
        ...options(),
        samples: 2,
      },
    );
    const { cost } = details(report);
    const openai = cost!.estimate.engines.find((e) => e.engine === 'openai')!;
    // 2 prompts × 2 samples at gpt-4.1's typical 3000 in / 600 out, $2 / $8 per million, $0.01 per search.
    expect(openai).toEqual({
      engine: 'openai',
      model: 'gpt-4.1',
      answers: 4,
      inputTokens: 12000,
      outputTokens: 2400,
      cost: expect.closeTo(4 * (0.006 + 0.0048 + 0.01), 10),
    });
    // The fake OpenAI reports 312 input and 148 output tokens per answer.
    const actual = cost!.actual.engines.find((e) => e.engine === 'openai')!;
    expect(actual).toMatchObject({ answers: 4, inputTokens: 4 * 312, outputTokens: 4 * 148 });
    expect(actual.cost).toBeCloseTo((4 * 312 * 2 + 4 * 148 * 8) / 1e6 + 0.04, 10);
    // A local model has no price: its cost and the total are unknown, never a guess.
    expect(cost!.actual.engines.find((e) => e.engine === 'openai-compatible')!.cost).toBeNull();
    expect(cost!.actual.total).toBeNull();
    expect(cost!).toMatchObject({ budgetUsd: null, stoppedByBudget: false, skippedAnswers: 0 });
  });

  it('counts cached answers as free', async () => {
    fake.answer = () => ({ text: 'Acme.' });
    const cache = new MemoryAnswerCache();
    await runVisibilityAudit(input(['openai'], ['a b']), { ...options(), cache });
    const again = await runVisibilityAudit(input(['openai'], ['a b']), { ...options(), cache });
    expect(details(again).cost!.actual).toMatchObject({
      total: 0,
      engines: [{ answers: 0, inputTokens: 0 }],
    });
  });

  it('stops cleanly at the budget and says so', async () => {
    fake.answer = () => ({ text: 'Acme.' });
    const report = await runVisibilityAudit(input(['openai'], prompts), {
      ...options(),
      prices: dollarPerAnswer,
      budgetUsd: 2.5,
    });
    const { cost, answers, failures } = details(report);
    expect(fake.callsFor('openai')).toHaveLength(2);
    expect(answers).toHaveLength(2);
    expect(failures).toEqual([]);
    expect(cost).toMatchObject({ budgetUsd: 2.5, stoppedByBudget: true, skippedAnswers: 3 });
    expect(cost!.actual.total).toBe(2);
    const finding = report.findings.find((f) => f.checkId === 'visibility.budget-reached')!;
    expect(finding.title).toMatch(/budget of \$2\.5 stopped the audit: 3 answer\(s\) were not asked/);
    expect(report.findings.some((f) => f.checkId === 'visibility.engine-failed')).toBe(false);
  });

  it('runs to the end within the budget, without a budget finding', async () => {
    fake.answer = () => ({ text: 'Acme.' });
    const report = await runVisibilityAudit(input(['openai'], prompts), {
      ...options(),
      prices: dollarPerAnswer,
      budgetUsd: 5,
    });
    expect(details(report).answers).toHaveLength(5);
    expect(details(report).cost).toMatchObject({ stoppedByBudget: false, skippedAnswers: 0 });
    expect(report.findings.some((f) => f.checkId === 'visibility.budget-reached')).toBe(false);
  });

  it('refuses a budget it cannot honour', async () => {
    await expect(
      runVisibilityAudit(input(['openai-compatible'], prompts), { ...options(), budgetUsd: 5 }),
    ).rejects.toThrow(/openai-compatible \(llama3\.1:8b\) has none; add "openai-compatible:llama3\.1:8b"/);
    await expect(
      runVisibilityAudit(input(['openai'], prompts), {
        ...options(),
        prices: dollarPerAnswer,
        budgetUsd: 0.5,
      }),
    ).rejects.toThrow(/does not cover one answer/);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('price table', () => {
  it('merges the operator table over the defaults and names a bad entry', () => {
    const table = parsePriceTable(
      '{"openai:gpt-4.1-mini":{"inputPerMillion":0.4,"outputPerMillion":1.6,"typicalInputTokens":3000,"typicalOutputTokens":600}}',
    );
    expect(priceFor(table, 'openai', 'gpt-4.1-mini')).toMatchObject({ inputPerMillion: 0.4, perRequest: 0 });
    expect(priceFor(table, 'openai', 'gpt-4.1')).toEqual(DEFAULT_PRICES['openai:gpt-4.1']);
    expect(priceFor(table, 'openai', 'o3')).toBeNull();
    expect(() => parsePriceTable('{"x":{"inputPerMillion":-1}}')).toThrow(
      /VISIBILITY_PRICES\["x"\].*inputPerMillion/,
    );
    expect(() => parsePriceTable('[1]')).toThrow(/JSON object/);
  });
});

describe('brand facts', () => {
  const brandFacts = [
    { label: 'founding year', value: '2012' },
    { label: 'headquarters', value: 'Berlin, Germany' },
    { label: 'starting price', value: '$29 per month' },
    { label: 'employees', value: '250' },
  ];

  it('lists answers whose statements contradict a fact, with the quote', async () => {
    fake.answer = (prompt) =>
      prompt.includes('crm')
        ? {
            text:
              'Acme is a CRM headquartered in Munich. It was founded in 2015 and has about 250 employees. ' +
              'Plans start at $39 per month.',
            cited: [{ url: 'https://wrongfacts.example/acme', title: 'Acme profile' }],
          }
        : { text: 'Globex was founded in 1999 in Paris.' };
    const report = await runVisibilityAudit(
      input(['openai', 'anthropic'], ['best crm', 'best invoicing'], { brandFacts }),
      options(),
    );
    const facts = details(report).visibility.facts!;
    const byLabel = (label: string) => facts.find((f) => f.label === label)!;
    expect(byLabel('founding year')).toMatchObject({ kind: 'YEAR', answersChecked: 2, statements: 2 });
    expect(byLabel('founding year').contradictions).toEqual([
      {
        engine: 'openai',
        prompt: 'best crm',
        sample: 0,
        quote: 'It was founded in 2015 and has about 250 employees.',
        stated: '2015',
      },
      expect.objectContaining({ engine: 'anthropic', stated: '2015' }),
    ]);
    expect(byLabel('headquarters')).toMatchObject({ kind: 'NAME' });
    expect(byLabel('headquarters').contradictions[0]).toMatchObject({
      quote: 'Acme is a CRM headquartered in Munich.',
      stated: 'Munich',
    });
    expect(byLabel('starting price')).toMatchObject({ kind: 'MONEY' });
    expect(byLabel('starting price').contradictions[0]!.stated).toBe('$39');
    // 250 employees is right: no contradiction, though the sentence states other numbers.
    expect(byLabel('employees')).toMatchObject({ kind: 'NUMBER', contradictions: [] });
    // Globex's founding (an answer not naming the brand) is not checked.
    const finding = report.findings.find(
      (f) => f.checkId === 'visibility.fact-contradicted' && f.title.includes('founding year'),
    )!;
    expect(finding.severity).toBe('HIGH');
    expect(finding.title).toBe("2 answer statement(s) contradict Acme's founding year (2012)");
    expect(finding.detail).toContain(
      'openai on "best crm": "It was founded in 2015 and has about 250 employees." (states 2015)',
    );
    expect(finding.urls).toEqual(['https://wrongfacts.example/acme']);
  });

  it('raises nothing when the answers agree with the facts or state none', async () => {
    fake.answer = (prompt) =>
      prompt.includes('crm')
        ? {
            text:
              'Acme, founded in 2012, is headquartered in Berlin. Pricing starts at $29 per month. ' +
              'It employs 250 people.',
          }
        : { text: 'Acme is a popular CRM with a friendly interface.' };
    const report = await runVisibilityAudit(
      input(['openai'], ['best crm', 'best invoicing'], { brandFacts }),
      options(),
    );
    const facts = details(report).visibility.facts!;
    expect(facts.every((fact) => fact.contradictions.length === 0)).toBe(true);
    expect(facts.find((f) => f.label === 'founding year')!.statements).toBe(1);
    expect(report.findings.some((f) => f.checkId === 'visibility.fact-contradicted')).toBe(false);
    const none = await runVisibilityAudit(input(['openai'], ['best crm']), options());
    expect(details(none).visibility.facts).toEqual([]);
  });

  it('uses the keywords given instead of the label', () => {
    expect(keywordsOf({ label: 'x', value: 'y', keywords: ['Flagship Store'] })).toEqual(['flagship store']);
    expect(keywordsOf({ label: 'founding year', value: '2012' })).toEqual(
      expect.arrayContaining(['founding', 'year', 'founded', 'established']),
    );
    expect(kindOf({ label: 'price', value: '€49' })).toBe('MONEY');
    expect(kindOf({ label: 'users', value: '10k' })).toBe('NUMBER');
  });
});
