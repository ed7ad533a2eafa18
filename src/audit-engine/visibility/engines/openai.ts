// OpenAI Responses API with the hosted web_search tool.
// POST {base}/responses; output[] holds `web_search_call` items (action.sources = consulted pages,
// returned because we ask for `include: ['web_search_call.action.sources']`) and `message` items
// whose `output_text` parts carry `url_citation` annotations (the cited pages).
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

export const openaiAdapter: EngineAdapter = {
  name: 'openai',
  defaultBaseUrl: 'https://api.openai.com/v1',
  requiresApiKey: true,
  // The web_search tool's approximate `user_location`; the Responses API has no language parameter.
  localeFields: ['country', 'region', 'city', 'timezone'],
  buildRequest(config, prompt, locale) {
    const userLocation = approximateLocation(locale);
    return {
      url: joinUrl(config.baseUrl, '/responses'),
      headers: { authorization: `Bearer ${config.apiKey ?? ''}` },
      body: {
        model: config.model,
        input: prompt,
        tools: [{ type: 'web_search', ...(userLocation ? { user_location: userLocation } : {}) }],
        include: ['web_search_call.action.sources'],
      },
    };
  },
  parseResponse(body) {
    if (!isRecord(body) || !Array.isArray(body.output)) throw unexpectedShape('OpenAI', 'no `output` array');
    if (body.status === 'failed') {
      const message = isRecord(body.error) ? str(body.error.message) : undefined;
      throw new EngineRequestError(`OpenAI response failed: ${message ?? 'no reason given'}`, false);
    }
    const texts: string[] = [];
    const citations: Citation[] = [];
    const sources: Citation[] = [];
    for (const item of records(body.output)) {
      if (item.type === 'message') {
        for (const part of records(item.content)) {
          if (part.type !== 'output_text') continue;
          texts.push(str(part.text) ?? '');
          for (const annotation of records(part.annotations)) {
            const url = str(annotation.url);
            if (annotation.type === 'url_citation' && url)
              citations.push(citation(url, str(annotation.title)));
          }
        }
      } else if (item.type === 'web_search_call' && isRecord(item.action)) {
        for (const source of records(item.action.sources)) {
          const url = str(source.url);
          if (url) sources.push(citation(url, str(source.title)));
        }
        const opened = str(item.action.url);
        if (opened) sources.push(citation(opened, undefined));
      }
    }
    const usage = isRecord(body.usage) ? body.usage : {};
    return {
      text: texts.join('\n'),
      citations: dedupeCitations(citations),
      sources: dedupeCitations([...sources, ...citations]),
      usage: { inputTokens: num(usage.input_tokens), outputTokens: num(usage.output_tokens) },
    };
  },
};
