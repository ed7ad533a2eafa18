import { RENDER_SAMPLE } from '../render.js';
import { pageCheck } from './page-rule.js';
import type { CheckSpec, SiteData, Verdict } from './types.js';

// Most AI crawlers (GPTBot, ClaudeBot, PerplexityBot …) do not run JavaScript: what is not in the
// raw HTML does not exist for them.

const appShell = pageCheck(
  {
    checkId: 'content_rendering.app-shell',
    category: 'content_rendering',
    weight: 3,
    title: 'Pages carry their content in the HTML',
    description:
      'Flags HTML pages with fewer than 50 words of text whose body holds an empty JavaScript mount point (#root, #app, #__next, #__nuxt, #___gatsby, [data-reactroot], app-root). Score: share of pages that are not empty app shells.',
    rationale:
      'Most AI crawlers (GPTBot, ClaudeBot, PerplexityBot …) do not execute JavaScript: a page rendered only in the browser is an empty page to them.',
    source: 'https://developers.google.com/search/docs/crawling-indexing/javascript/javascript-seo-basics',
  },
  {
    title: 'Pages are empty without JavaScript',
    recommendation:
      'Render the content on the server (SSR or static generation, e.g. Next.js/Nuxt SSR, Astro, prerendering) so the HTML response itself contains the text.',
    severity: 'HIGH',
    problem: (page) =>
      page.facts.emptyAppRoot
        ? `empty ${page.facts.emptyAppRoot} mount point, ${page.facts.words} words of text in the HTML`
        : undefined,
  },
);

/** Under this many words *and* this share of text in the HTML, content is probably rendered client-side. */
const THIN_WORDS = 100;
const THIN_TEXT_RATIO = 0.1;

const thinRawText = pageCheck(
  {
    checkId: 'content_rendering.thin-raw-text',
    category: 'content_rendering',
    weight: 2,
    title: 'The raw HTML contains enough text',
    description:
      'On pages that are not app shells: fails when the HTML has fewer than 100 words of text and the text is under 10% of the HTML bytes, a sign of content injected by scripts. Score: share of pages passing.',
    rationale:
      'What is not in the server’s HTML does not exist for crawlers that do not render JavaScript, and a page with almost no text has nothing to quote.',
    source: 'https://developers.google.com/search/docs/crawling-indexing/javascript/javascript-seo-basics',
  },
  {
    title: 'Little text in the raw HTML',
    recommendation:
      'Make sure the main content is in the HTML the server sends (not injected by scripts), and give pages enough text to answer a question.',
    severity: 'MEDIUM',
    applies: (page) => !page.facts.emptyAppRoot,
    notApplicable: 'every crawled page is an empty app shell',
    problem: (page) => {
      const ratio = page.bytes > 0 ? page.facts.textBytes / page.bytes : 1;
      return page.facts.words < THIN_WORDS && ratio < THIN_TEXT_RATIO
        ? `${page.facts.words} words, text is ${(ratio * 100).toFixed(1)}% of ${page.bytes} bytes of HTML`
        : undefined;
    },
  },
);

/** A page depends on JavaScript when the browser shows this many words or more… */
const RENDERED_MIN_WORDS = 50;
/** …and the raw HTML has less than this share of them. */
const RAW_SHARE = 0.5;

function renderedComparison(site: SiteData): Verdict {
  const rendering = site.extras.rendering;
  if (rendering.state !== 'rendered')
    return {
      score: undefined,
      reason: `the rendered comparison was not made: ${rendering.reason ?? 'nothing was rendered'}`,
    };
  const compared = rendering.pages.filter((p) => p.renderedWords !== undefined);
  if (compared.length === 0) {
    const errors = rendering.pages.map((p) => `${p.url}: ${p.error ?? 'not rendered'}`);
    return {
      score: undefined,
      reason: `the rendered comparison was not made: no page rendered${errors.length > 0 ? ` (${errors.slice(0, 3).join('; ')})` : ''}`,
    };
  }
  const dependent = compared.filter(
    (p) => (p.renderedWords ?? 0) >= RENDERED_MIN_WORDS && p.rawWords < RAW_SHARE * (p.renderedWords ?? 0),
  );
  const score = 1 - dependent.length / compared.length;
  const summary = (list: typeof compared) =>
    list.map((p) => `${p.url}: ${p.rawWords} words in the HTML, ${p.renderedWords} rendered`).join('; ');
  if (dependent.length === 0) return { score };
  return {
    score,
    finding: {
      severity: 'HIGH',
      title: 'Main content appears only with JavaScript',
      detail: `${dependent.length} of ${compared.length} rendered pages show most of their text only after scripts run: ${summary(dependent)}.`,
      recommendation:
        'Render the content on the server (SSR, static generation or prerendering) so the HTML response carries the text the browser shows; most AI crawlers never run the scripts.',
      urls: dependent.map((p) => p.url),
    },
  };
}

export const contentRenderingChecks: CheckSpec[] = [
  appShell,
  thinRawText,
  {
    checkId: 'content_rendering.rendered-vs-raw',
    category: 'content_rendering',
    weight: 3,
    title: 'The main content survives without JavaScript',
    description: `When a headless Chromium is configured (CHROMIUM_PATH): renders up to ${RENDER_SAMPLE} pages (empty app shells and the thinnest pages first; every browser request goes through the audit's SSRF-safe fetcher, only documents, scripts and XHR/fetch GETs, robots.txt obeyed) and compares the words of the rendered body text with the words of the raw HTML; a page whose browser shows ${RENDERED_MIN_WORDS}+ words of which the raw HTML has less than ${RAW_SHARE * 100}% fails. Score: share of rendered pages passing. Without Chromium the check says the comparison was not made.`,
    rationale:
      'Most AI crawlers (GPTBot, ClaudeBot, PerplexityBot …) fetch the HTML and do not execute JavaScript; text that only a browser produces is invisible to them, whatever a user sees.',
    source: 'https://developers.google.com/search/docs/crawling-indexing/javascript/javascript-seo-basics',
    run: renderedComparison,
  },
];
