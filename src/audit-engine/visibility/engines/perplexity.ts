// Perplexity Sonar chat completions (search is built in).
// POST {base}/chat/completions; the answer marks sources with [n] (1-based) pointing into
// `search_results` (url, title) and the legacy `citations` (URLs). Citations = the sources the
// markers reference when the text has markers, else every listed source.
import {
  citation,
  definedOnly,
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

/** Reasoning models prefix the answer with their thinking; it is not part of the answer. */
export function stripThinking(text: string): string {
  return text.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
}

export const perplexityAdapter: EngineAdapter = {
  name: 'perplexity',
  defaultBaseUrl: 'https://api.perplexity.ai',
  requiresApiKey: true,
  // `web_search_options.user_location` (coordinates only together with a country, as Perplexity
  // requires) and `search_language_filter` (ISO 639-1 codes).
  localeFields: ['country', 'region', 'city', 'latitude', 'longitude', 'language'],
  coordinatesNeedCountry: true,
  buildRequest(config, prompt, locale) {
    const { country, region, city, latitude, longitude, language } = locale;
    const userLocation = definedOnly({ country, region, city, latitude, longitude });
    return {
      url: joinUrl(config.baseUrl, '/chat/completions'),
      headers: { authorization: `Bearer ${config.apiKey ?? ''}` },
      body: {
        model: config.model,
        messages: [{ role: 'user', content: prompt }],
        ...(Object.keys(userLocation).length > 0
          ? { web_search_options: { user_location: userLocation } }
          : {}),
        ...(language ? { search_language_filter: [language] } : {}),
      },
    };
  },
  parseResponse(body) {
    if (!isRecord(body)) throw unexpectedShape('Perplexity', 'not a JSON object');
    const choice = records(body.choices)[0];
    const message = choice && isRecord(choice.message) ? choice.message : undefined;
    const content = message ? str(message.content) : undefined;
    if (content === undefined) throw unexpectedShape('Perplexity', 'no `choices[0].message.content`');
    const text = stripThinking(content);

    const results = records(body.search_results);
    const listed: Citation[] = results.flatMap((result) => {
      const url = str(result.url);
      return url ? [citation(url, str(result.title))] : [];
    });
    const urls = Array.isArray(body.citations)
      ? body.citations.filter((url): url is string => typeof url === 'string')
      : [];
    // `citations[i]` and `search_results[i]` describe the same source; prefer the one with a title.
    const numbered: Citation[] = [];
    for (let i = 0; i < Math.max(listed.length, urls.length); i++) {
      const fromResults = listed[i];
      const url = urls[i];
      if (fromResults) numbered.push(fromResults);
      else if (url) numbered.push(citation(url, undefined));
    }

    const referenced = new Set<number>();
    for (const match of text.matchAll(/\[(\d{1,3})\]/g)) referenced.add(Number(match[1]));
    const citedByMarker = [...referenced]
      .map((n) => numbered[n - 1])
      .filter((source): source is Citation => source !== undefined);
    const citations = citedByMarker.length > 0 ? citedByMarker : numbered;

    const usage = isRecord(body.usage) ? body.usage : {};
    return {
      text,
      citations: dedupeCitations(citations),
      sources: dedupeCitations([...numbered, ...urls.map((url) => citation(url, undefined))]),
      usage: { inputTokens: num(usage.prompt_tokens), outputTokens: num(usage.completion_tokens) },
    };
  },
};
