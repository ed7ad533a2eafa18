import { pageCheck } from './page-rule.js';
import type { CheckSpec } from './types.js';

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

export const contentRenderingChecks: CheckSpec[] = [appShell, thinRawText];
