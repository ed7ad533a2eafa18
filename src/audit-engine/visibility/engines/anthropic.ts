// Anthropic Messages API with the server-side web search tool (web_search_20250305).
// POST {base}/v1/messages; content[] alternates `server_tool_use`, `web_search_tool_result`
// (content = the pages found: consulted sources) and `text` blocks whose `citations` of type
// `web_search_result_location` are the cited pages.
//
// The answer is the text written after the last search: Claude narrates its searches ("I'll
// search for the best CRM for Acme…") in text blocks before each `server_tool_use`, and that
// narration often echoes the prompt's brand, so it must not count as a mention. Text blocks of the
// answer itself are split at citation boundaries; they are joined with a space where neither side
// already has whitespace, so words of adjacent blocks never fuse. Citations are read from the kept
// blocks only; every search result still counts as a consulted source.
//
// `stop_reason: 'pause_turn'` means the server paused a long tool-using turn and the content is
// partial (possibly only narration and search results). Anthropic's docs allow continuing the turn
// by sending the paused content back as an assistant message; we do not, because the adapter
// contract is one request per answer. Instead a paused turn is a retryable failure: the runner
// parses inside its retry loop (`postJsonWithRetry`'s `parse`), so a fresh request is made with the
// usual backoff and, when retries run out, the sample is reported missing rather than analysed on
// a partial answer.
import {
  approximateLocation,
  citation,
  dedupeCitations,
  isRecord,
  joinUrl,
  num,
  records,
  str,
  unexpectedShape,
  type EngineAdapter,
} from './adapter.js';
import { EngineRequestError } from '../http.js';
import type { Citation } from '../types.js';

export const ANTHROPIC_VERSION = '2023-06-01';
const MAX_TOKENS = 2048;

/** Appends a text block, adding a space when neither side of the seam is whitespace. */
function joinText(text: string, next: string): string {
  if (text.length === 0 || next.length === 0 || /\s$/u.test(text) || /^\s/u.test(next)) return text + next;
  return `${text} ${next}`;
}

export const anthropicAdapter: EngineAdapter = {
  name: 'anthropic',
  defaultBaseUrl: 'https://api.anthropic.com',
  requiresApiKey: true,
  // The web search tool's approximate `user_location`; the Messages API has no language parameter.
  localeFields: ['country', 'region', 'city', 'timezone'],
  buildRequest(config, prompt, locale) {
    const userLocation = approximateLocation(locale);
    return {
      url: joinUrl(config.baseUrl, '/v1/messages'),
      headers: { 'x-api-key': config.apiKey ?? '', 'anthropic-version': ANTHROPIC_VERSION },
      body: {
        model: config.model,
        max_tokens: MAX_TOKENS,
        messages: [{ role: 'user', content: prompt }],
        tools: [
          {
            type: 'web_search_20250305',
            name: 'web_search',
            max_uses: 5,
            ...(userLocation ? { user_location: userLocation } : {}),
          },
        ],
      },
    };
  },
  parseResponse(body) {
    if (!isRecord(body) || !Array.isArray(body.content)) {
      throw unexpectedShape('Anthropic', 'no `content` array');
    }
    if (body.stop_reason === 'pause_turn') {
      throw new EngineRequestError(
        'Anthropic paused the turn (stop_reason pause_turn): partial answer',
        true,
      );
    }
    const blocks = records(body.content);
    const lastToolBlock = blocks.findLastIndex(
      (block) => block.type === 'server_tool_use' || block.type === 'web_search_tool_result',
    );
    let text = '';
    const citations: Citation[] = [];
    const sources: Citation[] = [];
    blocks.forEach((block, index) => {
      if (block.type === 'text' && index > lastToolBlock) {
        text = joinText(text, str(block.text) ?? '');
        for (const cited of records(block.citations)) {
          const url = str(cited.url);
          if (cited.type === 'web_search_result_location' && url) {
            citations.push(citation(url, str(cited.title)));
          }
        }
      } else if (block.type === 'web_search_tool_result') {
        // On a search error `content` is an object ({ type: 'web_search_tool_result_error' }), not a list.
        for (const result of records(block.content)) {
          const url = str(result.url);
          if (result.type === 'web_search_result' && url) sources.push(citation(url, str(result.title)));
        }
      }
    });
    const usage = isRecord(body.usage) ? body.usage : {};
    return {
      text: text.trim(),
      citations: dedupeCitations(citations),
      sources: dedupeCitations([...sources, ...citations]),
      usage: { inputTokens: num(usage.input_tokens), outputTokens: num(usage.output_tokens) },
    };
  },
};
