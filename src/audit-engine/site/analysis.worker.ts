// The CPU-heavy parsing of fetched content, run in worker threads (see analysis-pool.ts): parse5
// needs up to seconds for a hostile 2 MiB page, which must never stall the API's event loop.
import { validateLlmsTxt } from './crawler/llms-txt-format.js';
import { extractFacts } from './page/extract.js';
import type { PageFacts } from './page/facts.js';

export function page(task: { html: string; url: string }): PageFacts {
  return extractFacts(task.html, task.url);
}

export function llmsTxt(task: { text: string; baseUrl: string }): ReturnType<typeof validateLlmsTxt> {
  return validateLlmsTxt(task.text, task.baseUrl);
}
