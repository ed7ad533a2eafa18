// Parses fetched pages and llms.txt in worker threads, so that no input can block the event
// loop the API shares with the in-process worker. Each task has a time limit: a page that takes
// longer (parse5 is quadratic on some hostile markup) ends its thread and is reported as not
// analysed, and the pool starts a fresh thread for the next one.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { validateLlmsTxt } from './crawler/llms-txt-format.js';
import { MAX_ANALYSED_HTML } from './page/extract.js';
import type { PageFacts } from './page/facts.js';

export interface AnalysisPoolOptions {
  /** Threads at most; default: the cores but one (at least 1, at most 4). */
  threads?: number;
  /** Per task; default 10 s. */
  timeoutMs?: number;
  /** Heap of one thread; default 512 MB. */
  maxHeapMb?: number;
}

export class AnalysisTimeoutError extends Error {
  override name = 'AnalysisTimeoutError';
}

export interface AnalysisPool {
  page(html: string, url: string, signal?: AbortSignal): Promise<PageFacts>;
  llmsTxt(text: string, baseUrl: string, signal?: AbortSignal): Promise<ReturnType<typeof validateLlmsTxt>>;
  close(): Promise<void>;
}

/** The worker script, and how to load it when running from the TypeScript sources (tests). */
function workerScript(): { filename: string; execArgv: string[] } {
  const fromSources = import.meta.url.endsWith('.ts');
  const filename = new URL(`./analysis.worker.${fromSources ? 'ts' : 'js'}`, import.meta.url).href;
  if (!fromSources) return { filename, execArgv: [] };
  const hooks = new URL('../ts-source-hooks.ts', import.meta.url).href;
  return { filename, execArgv: ['--import', hooks, '--disable-warning=ExperimentalWarning'] };
}

export function createAnalysisPool(options: AnalysisPoolOptions = {}): AnalysisPool {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pool = new Piscina({
    ...workerScript(),
    minThreads: 0,
    maxThreads: options.threads ?? Math.min(4, Math.max(1, availableParallelism() - 1)),
    // Idle threads end (and are unref'd meanwhile): a process that audits nothing holds none.
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
  });

  async function run<R>(name: string, task: object, what: string, signal?: AbortSignal): Promise<R> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return (await pool.run(task, {
        name,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      })) as R;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted)
        throw new AnalysisTimeoutError(`${what} took longer than ${timeoutMs / 1000} s to analyse`);
      throw error;
    }
  }

  return {
    // Only what analysis reads is sent to the thread.
    page: (html, url, signal) =>
      run('page', { html: html.slice(0, MAX_ANALYSED_HTML), url }, 'the page', signal),
    llmsTxt: (text, baseUrl, signal) => run('llmsTxt', { text, baseUrl }, 'llms.txt', signal),
    close: () => pool.close({ force: true }),
  };
}

let shared: AnalysisPool | undefined;

/** One pool per process, shared by every audit it runs (they share its cores anyway). */
export function sharedAnalysisPool(): AnalysisPool {
  return (shared ??= createAnalysisPool());
}
