// Parses fetched pages and llms.txt in worker threads, so that no input can block the event
// loop the API shares with the in-process worker. Each task has a time limit: a page that takes
// longer (parse5 is quadratic on some hostile markup) ends its thread and is reported as not
// analysed, and the pool starts a fresh thread for the next one.
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
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

  /**
   * Runs a task with its time limit counted from when a thread starts it: waiting behind other
   * audits' pages (or for a fresh thread to load) never makes a page time out.
   */
  async function run<R>(name: string, task: object, what: string, signal?: AbortSignal): Promise<R> {
    const limit = new AbortController();
    const started = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    started.port1.once('message', () => {
      timer = setTimeout(() => limit.abort(), timeoutMs);
    });
    try {
      return (await pool.run(
        { ...task, started: started.port2 },
        {
          name,
          transferList: [started.port2],
          signal: signal ? AbortSignal.any([signal, limit.signal]) : limit.signal,
        },
      )) as R;
    } catch (error) {
      // An aborted task ends its thread, and piscina replaces it only when a task arrives:
      // without one, pages queued behind it would wait for the next audit's page.
      if (signal?.aborted || limit.signal.aborted) pool.run({}, { name: 'ready' }).catch(() => undefined);
      if (signal?.aborted) throw signal.reason;
      if (limit.signal.aborted) {
        throw new AnalysisTimeoutError(`${what} took longer than ${timeoutMs / 1000} s to analyse`);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      started.port1.close();
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
