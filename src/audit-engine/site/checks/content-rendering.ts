import { runPageRule } from './page-rule.js';
import type { Check } from './types.js';

// Most AI crawlers (GPTBot, ClaudeBot, PerplexityBot …) do not run JavaScript: what is not in the
// raw HTML does not exist for them.

const appShell: Check = (site) =>
  runPageRule(
    {
      id: 'content_rendering.app-shell',
      category: 'content_rendering',
      weight: 3,
      title: 'Pages are empty without JavaScript',
      recommendation:
        'Render the content on the server (SSR or static generation, e.g. Next.js/Nuxt SSR, Astro, prerendering) so the HTML response itself contains the text.',
      severity: 'HIGH',
      problem: (page) =>
        page.facts.emptyAppRoot
          ? `empty ${page.facts.emptyAppRoot} mount point, ${page.facts.words} words of text in the HTML`
          : undefined,
    },
    site,
  );

/** Under this many words *and* this share of text in the HTML, content is probably rendered client-side. */
const THIN_WORDS = 100;
const THIN_TEXT_RATIO = 0.1;

const thinRawText: Check = (site) =>
  runPageRule(
    {
      id: 'content_rendering.thin-raw-text',
      category: 'content_rendering',
      weight: 2,
      title: 'Little text in the raw HTML',
      recommendation:
        'Make sure the main content is in the HTML the server sends (not injected by scripts), and give pages enough text to answer a question.',
      severity: 'MEDIUM',
      applies: (page) => !page.facts.emptyAppRoot,
      problem: (page) => {
        const ratio = page.bytes > 0 ? page.facts.textBytes / page.bytes : 1;
        return page.facts.words < THIN_WORDS && ratio < THIN_TEXT_RATIO
          ? `${page.facts.words} words, text is ${(ratio * 100).toFixed(1)}% of ${page.bytes} bytes of HTML`
          : undefined;
      },
    },
    site,
  );

export const contentRenderingChecks: Check[] = [appShell, thinRawText];
