// The CPU-heavy parsing of fetched content, run in worker threads (see analysis-pool.ts): parse5
// needs up to seconds for a hostile 2 MiB page, which must never stall the API's event loop.
import { validateLlmsTxt } from './crawler/llms-txt-format.js';
import { extractFacts } from './page/extract.js';
import type { MessagePort } from 'node:worker_threads';
import type { PageFacts } from './page/facts.js';

/** Every task says when it starts, so that its time limit counts work, not the queue before it. */
interface Task {
  started: MessagePort;
}

function start(task: Task): void {
  task.started.postMessage('started');
  task.started.close();
}

export function page(task: Task & { html: string; url: string }): PageFacts {
  start(task);
  return extractFacts(task.html, task.url);
}

export function llmsTxt(task: Task & { text: string; baseUrl: string }): ReturnType<typeof validateLlmsTxt> {
  start(task);
  return validateLlmsTxt(task.text, task.baseUrl);
}

/** Does nothing: submitted after a thread was ended, so that piscina starts its replacement. */
export function ready(): void {}
