// Anthropic Messages API with the server-side web search tool (web_search_20250305).
// POST {base}/v1/messages; content[] alternates `server_tool_use`, `web_search_tool_result`
// (content = the pages found: consulted sources) and `text` blocks whose `citations` of type
// `web_search_result_location` are the cited pages. The answer is the text blocks concatenated.
import {
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
import type { Citation } from '../types.js';

export const ANTHROPIC_VERSION = '2023-06-01';
const MAX_TOKENS = 2048;

export const anthropicAdapter: EngineAdapter = {
  name: 'anthropic',
  defaultBaseUrl: 'https://api.anthropic.com',
  requiresApiKey: true,
  buildRequest(config, prompt) {
    return {
      url: joinUrl(config.baseUrl, '/v1/messages'),
      headers: { 'x-api-key': config.apiKey ?? '', 'anthropic-version': ANTHROPIC_VERSION },
      body: {
        model: config.model,
        max_tokens: MAX_TOKENS,
        messages: [{ role: 'user', content: prompt }],
        tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }],
      },
    };
  },
  parseResponse(body) {
    if (!isRecord(body) || !Array.isArray(body.content)) {
      throw unexpectedShape('Anthropic', 'no `content` array');
    }
    let text = '';
    const citations: Citation[] = [];
    const sources: Citation[] = [];
    for (const block of records(body.content)) {
      if (block.type === 'text') {
        text += str(block.text) ?? '';
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
    }
    const usage = isRecord(body.usage) ? body.usage : {};
    return {
      text,
      citations: dedupeCitations(citations),
      sources: dedupeCitations([...sources, ...citations]),
      usage: { inputTokens: num(usage.input_tokens), outputTokens: num(usage.output_tokens) },
    };
  },
};
