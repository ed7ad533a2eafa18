// Whether the main content survives without JavaScript: a few pages are rendered in headless
// Chromium (when one is configured) and the text a browser shows is compared with the text of
// the raw HTML. The browser never reaches the network itself: every request it makes goes
// through the audit's SSRF-safe fetcher (route.fulfill), only documents, scripts and XHR/fetch
// GETs are served (images, styles, fonts and media are not needed for text), same-site URLs only
// when robots.txt lets our crawler fetch them, and each page has a request budget.
import type { AlternatesInput } from './alternates.js';
import type { HtmlPage } from './crawler/fetch-page.js';
import { robotsAllows } from './crawler/robots.js';
import { PRODUCT_ROBOTS_TOKEN, PRODUCT_USER_AGENT } from './limits.js';

/** Pages rendered per audit: a browser costs about a second and 100 MB per page. */
export const RENDER_SAMPLE = 3;
/** Requests one rendered page may make (scripts, API calls) before the rest are refused. */
const MAX_REQUESTS_PER_PAGE = 60;
const MAX_PAGE_MS = 15_000;
/** After the load event, how long to wait for scripts' requests to settle. */
const SETTLE_MS = 2_000;
/**
 * The documented headless flags, plus a proxy that does not exist (loopback included) so that any
 * traffic `route()` does not intercept (WebRTC, prefetches) fails instead of leaving the machine.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
];
const SERVED_TYPES = new Set(['document', 'script', 'xhr', 'fetch']);

export interface RenderedPage {
  url: string;
  /** Words of text in the raw HTML (as the crawl measured them). */
  rawWords: number;
  /** Words of text the browser shows (document.body.innerText). */
  renderedWords?: number;
  error?: string;
}

export interface RenderReport {
  /** `skipped`: no Chromium configured, or no time left; `failed`: the browser did not start. */
  state: 'rendered' | 'skipped' | 'failed';
  /** Why nothing was rendered (skipped or failed). */
  reason?: string;
  pages: RenderedPage[];
}

/** What the alternates stage gets, plus the browser to render with (none: not compared). */
export interface RenderInput extends AlternatesInput {
  chromiumPath?: string;
}

const countWords = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** Pages most likely to depend on scripts first: empty app shells, then the thinnest pages. */
export function renderSample(pages: HtmlPage[]): HtmlPage[] {
  return [...pages]
    .sort(
      (a, b) =>
        Number(!!b.facts.emptyAppRoot) - Number(!!a.facts.emptyAppRoot) || a.facts.words - b.facts.words,
    )
    .slice(0, RENDER_SAMPLE);
}

export async function renderPages(input: RenderInput): Promise<RenderReport> {
  if (!input.chromiumPath) {
    return { state: 'skipped', reason: 'no Chromium is configured (CHROMIUM_PATH)', pages: [] };
  }
  if (Date.now() > input.deadline)
    return { state: 'skipped', reason: 'the audit ran out of time', pages: [] };
  const { chromium } = await import('playwright-core');
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({
      executablePath: input.chromiumPath,
      headless: true,
      args: CHROMIUM_FLAGS,
      timeout: Math.min(MAX_PAGE_MS, input.timeoutMs * 2),
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { state: 'failed', reason: `Chromium did not start: ${message}`, pages: [] };
  }
  const onAbort = () => void browser.close().catch(() => undefined);
  input.signal?.addEventListener('abort', onAbort, { once: true });
  const siteHost = new URL(input.origin).host;
  try {
    const context = await browser.newContext({ userAgent: PRODUCT_USER_AGENT, serviceWorkers: 'block' });
    const pages: RenderedPage[] = [];
    for (const page of renderSample(input.pages)) {
      input.signal?.throwIfAborted();
      if (Date.now() > input.deadline) break;
      pages.push(await renderOne(context, page, input, siteHost));
    }
    return { state: 'rendered', pages };
  } catch (err) {
    if (input.signal?.aborted) throw input.signal.reason;
    throw err;
  } finally {
    input.signal?.removeEventListener('abort', onAbort);
    await browser.close().catch(() => undefined);
  }
}

type Context = Awaited<
  ReturnType<Awaited<ReturnType<(typeof import('playwright-core'))['chromium']['launch']>>['newContext']>
>;

async function renderOne(
  context: Context,
  source: HtmlPage,
  input: RenderInput,
  siteHost: string,
): Promise<RenderedPage> {
  const result: RenderedPage = { url: source.finalUrl, rawWords: source.facts.words };
  const tab = await context.newPage();
  let requests = 0;
  const timeoutMs = Math.min(MAX_PAGE_MS, Math.max(1000, input.deadline - Date.now()));
  // WebSockets bypass route(): close each one before it connects.
  await tab.routeWebSocket(/.*/, (ws) => ws.close());
  await tab.route('**/*', async (route) => {
    const request = route.request();
    const url = request.url();
    const allowed =
      SERVED_TYPES.has(request.resourceType()) &&
      request.method() === 'GET' &&
      /^https?:/i.test(url) &&
      requests++ < MAX_REQUESTS_PER_PAGE &&
      (new URL(url).host !== siteHost || robotsAllows(input.robots, url, PRODUCT_ROBOTS_TOKEN));
    if (!allowed) return route.abort('blockedbyclient').catch(() => undefined);
    try {
      const res = await input.fetcher.fetch(url, {
        signal: input.signal,
        timeoutMs: input.timeoutMs,
        headers: { accept: request.headers()['accept'] ?? '*/*' },
      });
      const headers: Record<string, string> = {};
      const type = res.headers['content-type'];
      if (type) headers['content-type'] = type;
      await route.fulfill({ status: res.status, headers, body: res.body });
    } catch {
      await route.abort('failed').catch(() => undefined);
    }
  });
  try {
    await tab.goto(source.finalUrl, { waitUntil: 'load', timeout: timeoutMs });
    await tab.waitForLoadState('networkidle', { timeout: SETTLE_MS }).catch(() => undefined);
    // Runs in the page; the project compiles without DOM types, so the body is reached untyped.
    const text = await tab.evaluate(
      () =>
        (globalThis as unknown as { document?: { body?: { innerText?: string } } }).document?.body
          ?.innerText ?? '',
    );
    result.renderedWords = countWords(text);
  } catch (err) {
    if (input.signal?.aborted) throw input.signal.reason;
    result.error = err instanceof Error ? (err.message.split('\n')[0] ?? 'render failed') : String(err);
  } finally {
    await tab.close().catch(() => undefined);
  }
  return result;
}
