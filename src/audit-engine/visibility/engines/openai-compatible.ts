// Any OpenAI-compatible chat completions endpoint (local model servers, gateways). No web search:
// citations are the URLs written in the answer itself.
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

const URL_PATTERN = /https?:\/\/[^\s<>"'`)\]}]+/g;

/** URLs written in a text (plain or in Markdown links), without trailing punctuation. */
export function urlsInText(text: string): Citation[] {
  const found: Citation[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?*_]+$/, '');
    try {
      new URL(url);
      found.push(citation(url, undefined));
    } catch {
      // not a URL after all
    }
  }
  return dedupeCitations(found);
}

function messageText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return records(content)
      .map((part) => str(part.text) ?? '')
      .join('');
  }
  return undefined;
}

export const openaiCompatibleAdapter: EngineAdapter = {
  name: 'openai-compatible',
  defaultBaseUrl: null,
  requiresApiKey: false,
  // Chat completions have no location or language parameter.
  localeFields: [],
  buildRequest(config, prompt) {
    const headers: Record<string, string> = {};
    if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
    return {
      url: joinUrl(config.baseUrl, '/chat/completions'),
      headers,
      body: { model: config.model, messages: [{ role: 'user', content: prompt }] },
    };
  },
  parseResponse(body) {
    if (!isRecord(body)) throw unexpectedShape('OpenAI-compatible', 'not a JSON object');
    const choice = records(body.choices)[0];
    const text = choice && isRecord(choice.message) ? messageText(choice.message.content) : undefined;
    if (text === undefined) throw unexpectedShape('OpenAI-compatible', 'no `choices[0].message.content`');
    const urls = urlsInText(text);
    const usage = isRecord(body.usage) ? body.usage : {};
    return {
      text,
      citations: urls,
      sources: urls,
      usage: { inputTokens: num(usage.prompt_tokens), outputTokens: num(usage.completion_tokens) },
    };
  },
};
