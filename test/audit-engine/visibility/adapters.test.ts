import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  runVisibilityAudit,
  type EngineAnswer,
  type EngineName,
  type VisibilityDetails,
} from '../../../src/audit-engine/visibility/index.js';
import { FakeProviders } from './fake-providers.js';

const PROMPT = 'What is the best CRM for a startup?';

let fake: FakeProviders;

beforeAll(async () => {
  fake = await FakeProviders.start();
  fake.answer = () => ({
    text: 'Acme is a reliable choice for startups; Globex is popular with larger teams.',
    cited: [{ url: 'https://www.acme.com/crm', title: 'Acme CRM' }],
    consulted: [{ url: 'https://globex.com/pricing', title: 'Globex pricing' }],
  });
});

afterAll(() => fake.close());

async function askAll(): Promise<Map<EngineName, EngineAnswer>> {
  const report = await runVisibilityAudit(
    {
      brand: 'Acme',
      aliases: [],
      competitors: ['Globex'],
      domain: 'acme.com',
      prompts: [PROMPT],
      engines: [],
    },
    { engines: fake.configs() },
  );
  const details = report.details as unknown as VisibilityDetails;
  return new Map(details.answers.map((answer) => [answer.engine, answer]));
}

describe('engine adapters against the providers’ API shapes', () => {
  let answers: Map<EngineName, EngineAnswer>;
  beforeAll(async () => {
    answers = await askAll();
  });

  it('sends each provider the request it expects, search tool included', () => {
    const openai = fake.callsFor('openai')[0];
    expect(openai?.headers.authorization).toBe('Bearer sk-openai-test');
    expect(openai?.body).toEqual({
      model: 'gpt-4.1',
      input: PROMPT,
      tools: [{ type: 'web_search' }],
      include: ['web_search_call.action.sources'],
    });
    const anthropic = fake.callsFor('anthropic')[0];
    expect(anthropic?.headers['x-api-key']).toBe('sk-ant-test');
    expect(anthropic?.headers['anthropic-version']).toBe('2023-06-01');
    expect(anthropic?.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: PROMPT }],
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }],
    });
    expect(fake.callsFor('perplexity')[0]?.headers.authorization).toBe('Bearer pplx-test');
    const gemini = fake.callsFor('gemini')[0];
    expect(gemini?.path).toBe('/gemini/v1beta/models/gemini-2.5-flash:generateContent');
    expect(gemini?.headers['x-goog-api-key']).toBe('AIza-test');
    expect(gemini?.body).toMatchObject({
      contents: [{ parts: [{ text: PROMPT }] }],
      tools: [{ google_search: {} }],
    });
    const compat = fake.callsFor('openai-compatible')[0];
    expect(compat?.headers.authorization).toBeUndefined();
    expect(compat?.body).toEqual({ model: 'llama3.1:8b', messages: [{ role: 'user', content: PROMPT }] });
  });

  it('openai: text from output_text, citations from url_citation, sources from the search call', () => {
    const a = answers.get('openai');
    expect(a?.text).toMatch(/^Acme is a reliable choice/);
    expect(a?.citations).toEqual([{ url: 'https://www.acme.com/crm?utm_source=openai', title: 'Acme CRM' }]);
    expect(a?.sources.map((s) => s.url)).toEqual(['https://www.acme.com/crm', 'https://globex.com/pricing']);
    expect(a?.usage).toEqual({ inputTokens: 312, outputTokens: 148 });
    expect(a?.cached).toBe(false);
  });

  it('anthropic: text blocks joined, web_search_result_location citations, search results as sources', () => {
    const a = answers.get('anthropic');
    // The narration before the search is dropped; the two answer blocks are joined with a space.
    expect(a?.text).toBe('Acme is a reliable choice for startups; Globex is popular with larger teams.');
    expect(a?.citations).toEqual([{ url: 'https://www.acme.com/crm', title: 'Acme CRM' }]);
    expect(a?.sources).toEqual([
      { url: 'https://www.acme.com/crm', title: 'Acme CRM' },
      { url: 'https://globex.com/pricing', title: 'Globex pricing' },
    ]);
    expect(a?.usage).toEqual({ inputTokens: 6039, outputTokens: 931 });
  });

  it('anthropic: the search narration echoing a branded prompt is not a brand mention', async () => {
    const previous = fake.answer;
    fake.answer = () => ({ text: 'Globex is the better pick; it suits most teams.' });
    try {
      const report = await runVisibilityAudit(
        {
          brand: 'Acme',
          aliases: [],
          competitors: ['Globex'],
          domain: 'acme.com',
          prompts: ['Is Acme or Globex the better CRM?'],
          engines: ['anthropic'],
        },
        { engines: fake.configs() },
      );
      const [answer] = (report.details as unknown as VisibilityDetails).answers;
      expect(fake.callsFor('anthropic').at(-1)?.body).toMatchObject({
        messages: [{ content: 'Is Acme or Globex the better CRM?' }],
      });
      expect(answer?.text).toBe('Globex is the better pick; it suits most teams.');
      expect(answer?.analysis).toMatchObject({
        brandMentioned: false,
        brandPosition: null,
        competitorsMentioned: ['Globex'],
      });
    } finally {
      fake.answer = previous;
    }
  });

  it('perplexity: citations are the sources the [n] markers reference', () => {
    const a = answers.get('perplexity');
    expect(a?.text).toMatch(/\[1\]$/);
    expect(a?.citations).toEqual([{ url: 'https://www.acme.com/crm', title: 'Acme CRM' }]);
    expect(a?.sources).toHaveLength(2);
    expect(a?.usage).toEqual({ inputTokens: 14, outputTokens: 236 });
  });

  it('gemini: grounding chunks as sources, supported chunks as citations', () => {
    const a = answers.get('gemini');
    expect(a?.text).toBe('Acme is a reliable choice for startups; Globex is popular with larger teams.');
    expect(a?.citations).toEqual([
      {
        url: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/AUZIYQ0xk3lP',
        title: 'acme.com',
      },
    ]);
    expect(a?.sources.map((s) => s.title)).toEqual(['acme.com', 'globex.com']);
    expect(a?.usage).toEqual({ inputTokens: 50, outputTokens: 280 });
  });

  it('openai-compatible: citations are the URLs written in the answer', () => {
    const a = answers.get('openai-compatible');
    expect(a?.citations).toEqual([{ url: 'https://www.acme.com/crm' }]);
    expect(a?.usage).toEqual({ inputTokens: 20, outputTokens: 120 });
  });

  it('every engine counts the brand mention and the brand-domain citation', async () => {
    const report = await runVisibilityAudit(
      {
        brand: 'Acme',
        aliases: [],
        competitors: ['Globex'],
        domain: 'https://acme.com',
        prompts: [PROMPT],
        engines: [],
      },
      { engines: fake.configs() },
    );
    const { visibility } = report.details as unknown as VisibilityDetails;
    for (const engine of visibility.engines) {
      expect([engine.engine, engine.metrics.mentionRate?.value, engine.metrics.citationRate?.value]).toEqual([
        engine.engine,
        1,
        1,
      ]);
      expect(engine.metrics.averagePosition).toBe(1);
      expect(engine.error).toBeNull();
    }
    expect(visibility.overall.answers).toBe(5);
    expect(visibility.overall.shareOfVoice?.value).toBeCloseTo(0.5);
    expect(visibility.overall.sentiment).toBe(1);
  });
});

describe('request validation by the fake APIs surfaces as engine errors', () => {
  it('a wrong key is a 401 that stops the engine at once (no retries, no further prompts)', async () => {
    const local = await FakeProviders.start();
    try {
      local.keys.openai = 'sk-other';
      const report = await runVisibilityAudit(
        {
          brand: 'Acme',
          aliases: [],
          competitors: [],
          domain: 'acme.com',
          prompts: ['q1', 'q2', 'q3'],
          engines: ['openai', 'perplexity'],
        },
        { engines: local.configs({ concurrency: 1 }) },
      );
      const { visibility } = report.details as unknown as VisibilityDetails;
      const openai = visibility.engines.find((e) => e.engine === 'openai');
      expect(openai?.error).toMatch(/HTTP 401 authentication failed .*Incorrect API key/);
      expect(openai?.error).toMatch(/3 of 3 answers missing/);
      expect(openai?.error).not.toContain('sk-openai-test');
      expect(openai?.error).toContain('Incorrect API key provided: [redacted]');
      expect(local.callsFor('openai')).toHaveLength(1);
      expect(visibility.engines.find((e) => e.engine === 'perplexity')?.metrics.answers).toBe(3);
    } finally {
      await local.close();
    }
  });
});
