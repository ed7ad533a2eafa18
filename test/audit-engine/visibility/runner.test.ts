import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AuditInputError, type ProgressUpdate } from '../../../src/audit-engine/report.js';
import { backoffDelay, parseRetryAfter } from '../../../src/audit-engine/visibility/http.js';
import {
  AllEnginesFailedError,
  availableEngines,
  engineConfigsFromEnv,
  MemoryAnswerCache,
  resolveEngines,
  runVisibilityAudit,
  type EngineConfig,
  type EngineName,
  type VisibilityAuditInput,
  type VisibilityAuditOptions,
  type VisibilityDetails,
} from '../../../src/audit-engine/visibility/index.js';
import { FakeProviders } from './fake-providers.js';

let fake: FakeProviders;

beforeEach(async () => {
  fake = await FakeProviders.start();
  fake.answer = (prompt) => ({
    text: prompt.includes('crm') ? 'Acme and Globex are both solid.' : 'Globex is the usual pick.',
    cited: [{ url: prompt.includes('crm') ? 'https://acme.com/crm' : 'https://globex.com/compare' }],
  });
});

afterEach(() => fake.close());

function input(engines: EngineName[], prompts = ['best crm', 'best invoicing tool']): VisibilityAuditInput {
  return { brand: 'Acme', aliases: [], competitors: ['Globex'], domain: 'acme.com', prompts, engines };
}

/** Fast retries for tests: 5 ms base backoff, no jitter randomness. */
function options(
  extra: Partial<EngineConfig> = {},
  more: Partial<VisibilityAuditOptions> = {},
): VisibilityAuditOptions {
  return {
    engines: fake.configs({ maxRetries: 2, timeoutMs: 2000, ...extra }),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    random: () => 0.5,
    ...more,
  };
}

const details = (report: { details?: Record<string, unknown> }) =>
  report.details as unknown as VisibilityDetails;
const error500 = { status: 500, body: JSON.stringify({ error: { message: 'The server had an error' } }) };

describe('retries', () => {
  it('waits the 1 s Retry-After of a 429 instead of its 5 s backoff, then succeeds', async () => {
    fake.queue('openai', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: JSON.stringify({
        error: { message: 'Rate limit reached for gpt-4.1', type: 'requests', code: 'rate_limit_exceeded' },
      }),
    });
    const started = Date.now();
    // A 5 s backoff would be used without the header: the elapsed time proves the header won.
    const report = await runVisibilityAudit(input(['openai'], ['best crm']), {
      ...options(),
      retry: { baseDelayMs: 5000, maxDelayMs: 5000 },
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3000);
    expect(fake.callsFor('openai')).toHaveLength(2);
    expect(details(report).usage[0]).toMatchObject({ requests: 2, answers: 1, failedAnswers: 0 });
  });

  it('caps a 3600 s Retry-After at maxRetryAfterMs, then retries', async () => {
    fake.queue('anthropic', {
      status: 529,
      headers: { 'retry-after': '3600' },
      body: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    });
    const started = Date.now();
    await runVisibilityAudit(input(['anthropic'], ['best crm']), {
      ...options(),
      retry: { maxRetryAfterMs: 50 },
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.callsFor('anthropic')).toHaveLength(2);
  });

  it('asks again when Anthropic pauses the turn (pause_turn) instead of analysing a partial answer', async () => {
    let anthropicCalls = 0;
    fake.answer = (prompt, engine) => ({
      text: 'Globex is the usual pick.',
      paused: engine === 'anthropic' && anthropicCalls++ === 0,
    });
    const report = await runVisibilityAudit(input(['anthropic'], ['is Acme a good crm']), options());
    expect(fake.callsFor('anthropic')).toHaveLength(2);
    const { answers, usage } = details(report);
    expect(usage[0]).toMatchObject({ requests: 2, answers: 1, failedAnswers: 0 });
    expect(answers[0]?.text).toBe('Globex is the usual pick.');
    expect(answers[0]?.analysis.brandMentioned).toBe(false);
  });

  it('reports a sample missing when every Anthropic turn pauses', async () => {
    fake.answer = () => ({ text: 'unused', paused: true });
    const report = await runVisibilityAudit(input(['anthropic', 'openai'], ['best crm']), options());
    expect(fake.callsFor('anthropic')).toHaveLength(3);
    expect(details(report).failures).toEqual([
      expect.objectContaining({
        engine: 'anthropic',
        error: expect.stringMatching(/pause_turn.*after 3 attempts/),
      }),
    ]);
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0.25', now)).toBe(250);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('backs off exponentially with bounded jitter', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, { ...policy, random: () => 0 })).toBe(50);
    expect(backoffDelay(0, { ...policy, random: () => 1 })).toBe(100);
    expect(backoffDelay(2, { ...policy, random: () => 0.5 })).toBe(300);
    expect(backoffDelay(10, { ...policy, random: () => 1 })).toBe(1000);
  });

  it('retries network errors and reports them when they persist', async () => {
    const closed = await FakeProviders.start();
    const deadUrl = closed.url;
    await closed.close();
    const report = await runVisibilityAudit(input(['openai', 'perplexity'], ['best crm']), {
      ...options(),
      engines: [fake.config('openai'), { ...fake.config('perplexity'), baseUrl: deadUrl, maxRetries: 1 }],
    });
    expect(details(report).visibility.engines[1]?.error).toMatch(
      /network error: ECONNREFUSED \(after 2 attempts\)/,
    );
  });

  it('retries 500s with backoff, then succeeds', async () => {
    fake.queue('perplexity', error500, error500);
    const report = await runVisibilityAudit(input(['perplexity'], ['best crm']), options());
    expect(fake.callsFor('perplexity')).toHaveLength(3);
    expect(details(report).visibility.engines[0]?.error).toBeNull();
    expect(details(report).usage[0]?.requests).toBe(3);
  });

  it('gives up after maxRetries and says why', async () => {
    fake.queue('perplexity', error500, error500, error500);
    const report = await runVisibilityAudit(input(['perplexity', 'openai'], ['best crm']), options());
    expect(fake.callsFor('perplexity')).toHaveLength(3);
    expect(details(report).visibility.engines[0]?.error).toMatch(
      /1 of 1 answers missing; first error: HTTP 500 server error: The server had an error \(after 3 attempts\)/,
    );
  });

  it('times out a hanging request, retries it, and reports a timeout when it keeps hanging', async () => {
    fake.queue('gemini', 'hang');
    const recovered = await runVisibilityAudit(input(['gemini'], ['best crm']), options({ timeoutMs: 150 }));
    expect(details(recovered).visibility.engines[0]?.metrics.answers).toBe(1);
    expect(fake.callsFor('gemini')).toHaveLength(2);

    fake.down('gemini', 'hang');
    const report = await runVisibilityAudit(
      input(['gemini', 'openai'], ['best crm']),
      options({ timeoutMs: 100, maxRetries: 1 }),
    );
    expect(details(report).visibility.engines.find((e) => e.engine === 'gemini')?.error).toMatch(
      /timed out after 100 ms \(after 2 attempts\)/,
    );
  });

  it('treats malformed JSON as a failure with a clear message, without retrying', async () => {
    fake.queue('anthropic', { status: 200, body: '<html><body>Bad gateway</body></html>' });
    const report = await runVisibilityAudit(input(['anthropic', 'openai'], ['best crm']), options());
    expect(fake.callsFor('anthropic')).toHaveLength(1);
    expect(details(report).visibility.engines[0]?.error).toMatch(
      /malformed JSON in the response \(HTTP 200\)/,
    );
  });

  it('rejects a well-formed body of the wrong shape', async () => {
    fake.queue('openai', { status: 200, body: JSON.stringify({ choices: [] }) });
    const report = await runVisibilityAudit(input(['openai', 'gemini'], ['best crm']), options());
    expect(details(report).visibility.engines[0]?.error).toMatch(
      /unexpected OpenAI response: no `output` array/,
    );
  });
});

describe('failing engines', () => {
  it('finishes with partial results when one engine is down for the whole run', async () => {
    fake.down('gemini', {
      status: 503,
      body: JSON.stringify({
        error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' },
      }),
    });
    const report = await runVisibilityAudit(input(['openai', 'gemini']), options());
    const d = details(report);
    const gemini = d.visibility.engines.find((e) => e.engine === 'gemini');
    expect(gemini?.metrics.answers).toBe(0);
    expect(gemini?.metrics.mentionRate).toBeNull();
    expect(gemini?.error).toMatch(/HTTP 503 server error: The model is overloaded/);
    expect(d.visibility.overall.answers).toBe(2);
    const finding = report.findings.find((f) => f.checkId === 'visibility.engine-failed');
    expect(finding?.title).toMatch(/gemini could not be asked/);
    expect(finding?.severity).toBe('HIGH');
    expect(d.failures).toHaveLength(2);
  });

  it('opens the circuit after consecutive failures: the remaining prompts are never sent', async () => {
    fake.down('openai', error500);
    const prompts = ['q1', 'q2', 'q3', 'q4', 'q5'];
    const report = await runVisibilityAudit(input(['openai', 'anthropic'], prompts), {
      ...options({ maxRetries: 1, concurrency: 1 }),
      circuitBreakerThreshold: 2,
    });
    // two answers tried, each with one retry; the other three never sent
    expect(fake.callsFor('openai')).toHaveLength(4);
    const openai = details(report).visibility.engines.find((e) => e.engine === 'openai');
    expect(openai?.error).toMatch(
      /^stopped after 2 consecutive failures, the last: HTTP 500.*\(5 of 5 answers missing\)$/,
    );
    expect(details(report).failures.filter((f) => f.error.startsWith('not asked:'))).toHaveLength(3);
  });

  it('throws, naming every engine and why, when all engines fail', async () => {
    fake.down('openai', error500);
    fake.keys.anthropic = 'another-key';
    const run = runVisibilityAudit(input(['openai', 'anthropic'], ['q1']), options({ maxRetries: 0 }));
    await expect(run).rejects.toThrow(
      /^Every answer engine failed: openai: .*HTTP 500 server error.*; anthropic: .*HTTP 401 authentication failed.*invalid x-api-key/,
    );
    await expect(run).rejects.toBeInstanceOf(AllEnginesFailedError);
  });
});

describe('concurrency', () => {
  it('keeps each engine within its own concurrency limit', async () => {
    fake.delayMs = 30;
    const prompts = ['best crm 1', 'best crm 2', 'best crm 3', 'best crm 4', 'best crm 5', 'best crm 6'];
    const report = await runVisibilityAudit(input(['openai', 'gemini'], prompts), {
      ...options(),
      engines: [fake.config('openai', { concurrency: 2 }), fake.config('gemini', { concurrency: 4 })],
    });
    expect(fake.maxInFlight.get('openai')).toBe(2);
    expect(fake.maxInFlight.get('gemini')).toBe(4);
    // answers come back in prompt order whatever the completion order
    expect(
      details(report)
        .answers.filter((a) => a.engine === 'openai')
        .map((a) => a.prompt),
    ).toEqual(prompts);
  });
});

describe('cache', () => {
  it('reuses answers on a rerun: the provider receives no second call', async () => {
    const cache = new MemoryAnswerCache();
    const first = await runVisibilityAudit(input(['openai', 'perplexity']), options({}, { cache }));
    expect(fake.calls).toHaveLength(4);
    const second = await runVisibilityAudit(input(['openai', 'perplexity']), options({}, { cache }));
    expect(fake.calls).toHaveLength(4);
    expect(details(second).answers.every((a) => a.cached)).toBe(true);
    expect(details(second).usage.map((u) => [u.cachedAnswers, u.requests, u.tokens.inputTokens])).toEqual([
      [2, 0, 0],
      [2, 0, 0],
    ]);
    expect(second.score).toBe(first.score);

    // A different sample index or an expired entry is a miss.
    await runVisibilityAudit(input(['openai'], ['best crm']), options({}, { cache, samples: 2 }));
    expect(fake.calls).toHaveLength(5);
  });

  it('expires entries after the TTL and evicts the least recently used', () => {
    let now = 0;
    const cache = new MemoryAnswerCache(2, () => now);
    const answer = { text: 'x' } as never;
    cache.set('a', answer, 100);
    cache.set('b', answer, 100);
    cache.get('a');
    cache.set('c', answer, 100);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ text: 'x' });
    now = 100;
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('cancellation and progress', () => {
  it('stops within 2 s when the signal aborts mid-request, not at the 10 s request timeout', async () => {
    fake.down('openai', 'hang');
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 100);
    const started = Date.now();
    await expect(
      runVisibilityAudit(input(['openai']), options({ timeoutMs: 10_000 }, { signal: controller.signal })),
    ).rejects.toThrow('cancelled by the user');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('asks nothing more once the signal aborts after an answer', async () => {
    const controller = new AbortController();
    const run = runVisibilityAudit(
      input(['openai'], ['p1', 'p2', 'p3', 'p4']),
      options(
        { concurrency: 1 },
        {
          signal: controller.signal,
          onProgress: (u) => {
            if (u.message?.includes('1/4')) controller.abort(new Error('cancelled by the user'));
          },
        },
      ),
    );
    await expect(run).rejects.toThrow('cancelled by the user');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.callsFor('openai')).toHaveLength(1);
  });

  it('does not retry once the signal aborts during the backoff', async () => {
    fake.queue('openai', error500);
    const controller = new AbortController();
    const watch = setInterval(() => {
      if (fake.callsFor('openai').length > 0) controller.abort(new Error('cancelled by the user'));
    }, 5);
    try {
      await expect(
        runVisibilityAudit(input(['openai'], ['p1']), {
          ...options({ concurrency: 1 }, { signal: controller.signal }),
          retry: { baseDelayMs: 300, maxDelayMs: 300 },
        }),
      ).rejects.toThrow('cancelled by the user');
    } finally {
      clearInterval(watch);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.callsFor('openai')).toHaveLength(1);
  });

  it('sends no request when the signal aborts during the cache lookup', async () => {
    const controller = new AbortController();
    const slowCache = {
      get: async () => {
        controller.abort(new Error('cancelled by the user'));
        await new Promise((resolve) => setTimeout(resolve, 20));
        return undefined;
      },
      set: () => undefined,
    };
    await expect(
      runVisibilityAudit(
        input(['openai'], ['p1']),
        options({ concurrency: 1 }, { signal: controller.signal, cache: slowCache }),
      ),
    ).rejects.toThrow('cancelled by the user');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.callsFor('openai')).toHaveLength(0);
  });

  it('reports progress per answer, never decreasing, ending at 1', async () => {
    const updates: ProgressUpdate[] = [];
    await runVisibilityAudit(
      input(['openai', 'anthropic']),
      options({}, { onProgress: (u) => updates.push(u), samples: 2 }),
    );
    const progress = updates.map((u) => u.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    expect(updates.filter((u) => u.message?.includes('answers'))).toHaveLength(8);
    expect(progress.every((p) => Math.round(p * 1000) / 1000 === p)).toBe(true);
    const keys = updates.map((u) => JSON.stringify([u.progress, u.stage, u.message ?? null]));
    keys.slice(1).forEach((key, i) => expect(key).not.toBe(keys[i]));
    expect(updates.filter((u) => u.stage === 'Analysing answers')).toHaveLength(1);
  });
});

describe('findings', () => {
  it('lists the prompts where the brand is absent and the competitor pages cited instead', async () => {
    const report = await runVisibilityAudit(input(['openai', 'anthropic']), options());
    const absent = report.findings.find((f) => f.checkId === 'visibility.brand-absent');
    expect(absent?.detail).toContain('"best invoicing tool" (named instead: Globex)');
    expect(absent?.urls).toEqual(['https://globex.com/compare']);
    const competitor = report.findings.find((f) => f.checkId === 'visibility.competitor-cited');
    expect(competitor?.urls).toEqual(['https://globex.com/compare']);
    expect(report.score).toBeGreaterThan(0);
    expect(report.categories.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1);
    const points = report.findings.map((f) => f.pointsLost);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    const crm = details(report).answers.find((a) => a.engine === 'openai' && a.prompt === 'best crm');
    expect(crm?.analysis.mentions).toEqual([
      { name: 'Acme', brand: true, position: 1, offset: 0 },
      { name: 'Globex', brand: false, position: 2, offset: 'acme and '.length },
    ]);
    expect(crm?.analysis.citations).toEqual([
      { url: 'https://acme.com/crm?utm_source=openai', title: 'acme.com', brand: true, competitor: null },
    ]);
  });
});

describe('engine configuration', () => {
  const configs = engineConfigsFromEnv({
    OPENAI_API_KEY: 'sk-1',
    GEMINI_API_KEY: '',
    OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:11434/v1',
    OPENAI_COMPATIBLE_MODEL: 'llama3.1',
  });

  it('builds configs from the documented variables with default base URLs', () => {
    expect(configs).toEqual([
      { name: 'openai', apiKey: 'sk-1', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1' },
      { name: 'openai-compatible', apiKey: '', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1' },
    ]);
    expect(availableEngines(configs)).toEqual(['openai', 'openai-compatible']);
  });

  it('names what to configure for an unconfigured or unknown engine', () => {
    expect(() => resolveEngines(['gemini'], configs)).toThrow(
      new AuditInputError('Engine "gemini" is not configured: set GEMINI_API_KEY'),
    );
    expect(() => resolveEngines(['openai-compatible'], [])).toThrow(/set OPENAI_COMPATIBLE_BASE_URL/);
    expect(() => resolveEngines(['bing'], configs)).toThrow(/Unknown engine "bing"/);
    expect(() => resolveEngines([], [])).toThrow(/No answer engine is configured/);
    expect(resolveEngines([], configs).map((c) => c.name)).toEqual(['openai', 'openai-compatible']);
  });

  it('rejects unusable input before calling anyone', async () => {
    await expect(runVisibilityAudit({ ...input(['openai']), prompts: [' '] }, options())).rejects.toThrow(
      AuditInputError,
    );
    await expect(runVisibilityAudit({ ...input(['openai']), brand: '' }, options())).rejects.toThrow(/brand/);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('engine call outcomes (what the app counts in visibility_engine_calls_total)', () => {
  const recorder = () => {
    const told: string[] = [];
    return { told, onEngineCall: (engine: EngineName, outcome: string) => told.push(`${engine} ${outcome}`) };
  };
  const counts = (told: string[]) =>
    Object.fromEntries([...new Set(told)].sort().map((key) => [key, told.filter((t) => t === key).length]));

  it('tells each answer once: ok, error after retries, skipped once the circuit opens, cached on a rerun', async () => {
    fake.down('openai', error500);
    const cache = new MemoryAnswerCache();
    const prompts = ['q1', 'q2', 'q3', 'q4'];
    const first = recorder();
    await runVisibilityAudit(input(['openai', 'anthropic'], prompts), {
      ...options({ maxRetries: 1, concurrency: 1 }, { cache }),
      circuitBreakerThreshold: 2,
      onEngineCall: first.onEngineCall,
    });
    // Retries are not answers: two openai answers failed (each after a retry), two were not asked.
    expect(counts(first.told)).toEqual({ 'anthropic ok': 4, 'openai error': 2, 'openai skipped': 2 });

    const rerun = recorder();
    await runVisibilityAudit(input(['anthropic'], prompts), {
      ...options({}, { cache }),
      onEngineCall: rerun.onEngineCall,
    });
    expect(counts(rerun.told)).toEqual({ 'anthropic cached': 4 });
  });

  it('tells answers the budget left unasked as skipped', async () => {
    const told = recorder();
    await runVisibilityAudit(input(['openai'], ['q1', 'q2', 'q3', 'q4', 'q5']), {
      ...options({ concurrency: 1 }),
      // $1 an answer, $2.50 to spend: two answers asked, three not.
      prices: {
        'openai:gpt-4.1': {
          inputPerMillion: 0,
          outputPerMillion: 0,
          perRequest: 1,
          typicalInputTokens: 0,
          typicalOutputTokens: 0,
        },
      },
      budgetUsd: 2.5,
      onEngineCall: told.onEngineCall,
    });
    expect(counts(told.told)).toEqual({ 'openai ok': 2, 'openai skipped': 3 });
  });
});
