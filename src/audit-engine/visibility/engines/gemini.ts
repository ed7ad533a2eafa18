// Gemini generateContent with Grounding with Google Search.
// POST {base}/v1beta/models/{model}:generateContent; candidates[0].groundingMetadata lists
// `groundingChunks[].web.{uri,title}` (the consulted pages; `uri` is usually a Google redirect
// and `title` the page's domain) and `groundingSupports[].groundingChunkIndices` (which chunks
// back which part of the answer: the cited ones).
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
import { EngineRequestError } from '../http.js';
import type { Citation } from '../types.js';

export const geminiAdapter: EngineAdapter = {
  name: 'gemini',
  defaultBaseUrl: 'https://generativelanguage.googleapis.com',
  requiresApiKey: true,
  // `toolConfig.retrievalConfig`: the user's coordinates (`latLng`) and `languageCode`.
  localeFields: ['latitude', 'longitude', 'language'],
  buildRequest(config, prompt, locale) {
    const { latitude, longitude, language } = locale;
    const retrievalConfig = {
      ...(latitude !== undefined && longitude !== undefined ? { latLng: { latitude, longitude } } : {}),
      ...(language ? { languageCode: language } : {}),
    };
    return {
      url: joinUrl(config.baseUrl, `/v1beta/models/${encodeURIComponent(config.model)}:generateContent`),
      headers: { 'x-goog-api-key': config.apiKey ?? '' },
      body: {
        contents: [{ role: 'user', parts: [{ text: prompt }] }],
        tools: [{ google_search: {} }],
        ...(Object.keys(retrievalConfig).length > 0 ? { toolConfig: { retrievalConfig } } : {}),
      },
    };
  },
  parseResponse(body) {
    if (!isRecord(body)) throw unexpectedShape('Gemini', 'not a JSON object');
    const candidate = records(body.candidates)[0];
    if (!candidate) {
      const feedback = isRecord(body.promptFeedback) ? str(body.promptFeedback.blockReason) : undefined;
      if (feedback) throw new EngineRequestError(`Gemini blocked the prompt: ${feedback}`, false);
      throw unexpectedShape('Gemini', 'no candidates');
    }
    const content = isRecord(candidate.content) ? candidate.content : {};
    const text = records(content.parts)
      .filter((part) => part.thought !== true)
      .map((part) => str(part.text) ?? '')
      .join('');

    const grounding = isRecord(candidate.groundingMetadata) ? candidate.groundingMetadata : {};
    const chunks: (Citation | undefined)[] = records(grounding.groundingChunks).map((chunk) => {
      const web = isRecord(chunk.web) ? chunk.web : undefined;
      const uri = web ? str(web.uri) : undefined;
      return uri ? citation(uri, str(web?.title)) : undefined;
    });
    const sources = chunks.filter((chunk): chunk is Citation => chunk !== undefined);
    let citations: Citation[];
    if (Array.isArray(grounding.groundingSupports)) {
      const cited = new Set<number>();
      for (const support of records(grounding.groundingSupports)) {
        if (!Array.isArray(support.groundingChunkIndices)) continue;
        for (const index of support.groundingChunkIndices) if (typeof index === 'number') cited.add(index);
      }
      citations = [...cited]
        .sort((a, b) => a - b)
        .map((index) => chunks[index])
        .filter((chunk): chunk is Citation => chunk !== undefined);
    } else {
      // Without supports the chunks are the grounding shown next to the answer: treat them as cited.
      citations = sources;
    }

    const usage = isRecord(body.usageMetadata) ? body.usageMetadata : {};
    return {
      text,
      citations: dedupeCitations(citations),
      sources: dedupeCitations(sources),
      usage: {
        inputTokens: num(usage.promptTokenCount) + num(usage.toolUsePromptTokenCount),
        // Thinking tokens are billed as output.
        outputTokens: num(usage.candidatesTokenCount) + num(usage.thoughtsTokenCount),
      },
    };
  },
};
