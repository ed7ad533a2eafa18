import { describe, expect, it } from '@jest/globals';
import { anthropicAdapter } from '../../../src/audit-engine/visibility/engines/anthropic.js';
import { geminiAdapter } from '../../../src/audit-engine/visibility/engines/gemini.js';
import { urlsInText } from '../../../src/audit-engine/visibility/engines/openai-compatible.js';
import { openaiAdapter } from '../../../src/audit-engine/visibility/engines/openai.js';
import { perplexityAdapter } from '../../../src/audit-engine/visibility/engines/perplexity.js';
import { EngineRequestError } from '../../../src/audit-engine/visibility/http.js';

describe('response parsing edge cases', () => {
  it('perplexity: without [n] markers every listed source counts as cited; <think> is dropped', () => {
    const parsed = perplexityAdapter.parseResponse({
      choices: [{ message: { role: 'assistant', content: '<think>reasoning…</think>\nAcme and Globex.' } }],
      citations: ['https://acme.com/a', 'https://globex.com/b'],
      usage: { prompt_tokens: 3, completion_tokens: 4 },
    });
    expect(parsed.text).toBe('Acme and Globex.');
    expect(parsed.citations.map((c) => c.url)).toEqual(['https://acme.com/a', 'https://globex.com/b']);
  });

  it('perplexity: markers pick the referenced sources only', () => {
    const parsed = perplexityAdapter.parseResponse({
      choices: [{ message: { content: 'Globex leads [2].' } }],
      citations: ['https://acme.com/a', 'https://globex.com/b'],
      search_results: [
        { url: 'https://acme.com/a', title: 'Acme' },
        { url: 'https://globex.com/b', title: 'Globex' },
      ],
    });
    expect(parsed.citations).toEqual([{ url: 'https://globex.com/b', title: 'Globex' }]);
    expect(parsed.sources).toHaveLength(2);
  });

  it('gemini: without groundingSupports the grounding chunks count as cited; a blocked prompt fails', () => {
    const parsed = geminiAdapter.parseResponse({
      candidates: [
        {
          content: { parts: [{ text: 'Acme.' }] },
          groundingMetadata: { groundingChunks: [{ web: { uri: 'https://acme.com/', title: 'acme.com' } }] },
        },
      ],
    });
    expect(parsed.citations).toEqual([{ url: 'https://acme.com/', title: 'acme.com' }]);
    expect(() => geminiAdapter.parseResponse({ promptFeedback: { blockReason: 'SAFETY' } })).toThrow(
      'Gemini blocked the prompt: SAFETY',
    );
  });

  it('anthropic: a search error block yields no sources but keeps the text', () => {
    const parsed = anthropicAdapter.parseResponse({
      content: [
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_1',
          content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' },
        },
        { type: 'text', text: 'From memory: Acme.' },
      ],
      usage: { input_tokens: 10, output_tokens: 5 },
    });
    expect(parsed).toEqual({
      text: 'From memory: Acme.',
      citations: [],
      sources: [],
      usage: { inputTokens: 10, outputTokens: 5 },
    });
  });

  it('anthropic: the narration before a search is not part of the answer; blocks never fuse words', () => {
    const parsed = anthropicAdapter.parseResponse({
      content: [
        { type: 'text', text: "I'll search for the best CRM, Acme included." },
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'acme crm' } },
        { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
        { type: 'text', text: 'Let me look for pricing of Acme too.' },
        { type: 'server_tool_use', id: 'srvtoolu_2', name: 'web_search', input: { query: 'pricing' } },
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_2',
          content: [{ type: 'web_search_result', url: 'https://globex.com/p', title: 'Globex' }],
        },
        { type: 'text', text: 'The pick is' },
        {
          type: 'text',
          text: 'Globex',
          citations: [{ type: 'web_search_result_location', url: 'https://globex.com/p', title: 'Globex' }],
        },
        { type: 'text', text: ' for most teams.' },
      ],
      stop_reason: 'end_turn',
      usage: { input_tokens: 1, output_tokens: 2 },
    });
    expect(parsed.text).toBe('The pick is Globex for most teams.');
    expect(parsed.citations).toEqual([{ url: 'https://globex.com/p', title: 'Globex' }]);
    expect(parsed.sources).toEqual([{ url: 'https://globex.com/p', title: 'Globex' }]);
  });

  it('anthropic: a paused turn (stop_reason pause_turn) is a retryable failure, not a partial answer', () => {
    const paused = () =>
      anthropicAdapter.parseResponse({
        content: [
          { type: 'text', text: "I'll search for Acme." },
          { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'acme' } },
        ],
        stop_reason: 'pause_turn',
      });
    expect(paused).toThrow(/pause_turn/);
    try {
      paused();
    } catch (error) {
      expect(error).toBeInstanceOf(EngineRequestError);
      expect((error as EngineRequestError).retryable).toBe(true);
    }
  });

  it('openai: a failed response is an error', () => {
    expect(() =>
      openaiAdapter.parseResponse({ status: 'failed', output: [], error: { message: 'server_error' } }),
    ).toThrow('OpenAI response failed: server_error');
  });

  it('openai-compatible: finds URLs in prose and Markdown, without trailing punctuation', () => {
    expect(
      urlsInText('See https://acme.com/pricing. Or [Globex](https://globex.com/a_b), (https://x.io)!'),
    ).toEqual([
      { url: 'https://acme.com/pricing' },
      { url: 'https://globex.com/a_b' },
      { url: 'https://x.io' },
    ]);
  });
});
