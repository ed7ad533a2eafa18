import { pageCheck, type PageRule } from './page-rule.js';
import type { CheckSpec } from './types.js';

type Definition = Omit<CheckSpec, 'run' | 'category'>;
const check = (definition: Definition, rule: PageRule): CheckSpec =>
  pageCheck({ ...definition, category: 'basics' }, rule);

/** Search results show about 50–60 title characters; under 10 says nothing. */
const TITLE_RANGE = [10, 60] as const;
/** Snippet length Google usually shows. */
const DESCRIPTION_RANGE = [50, 160] as const;
/** Google's "slow" server response threshold (PageSpeed Insights flags TTFB > 800 ms). */
const SLOW_TTFB_MS = 800;

const title = check(
  {
    checkId: 'basics.title',
    weight: 2,
    title: 'Every page has one descriptive <title>',
    description: `Reads the <title> of every HTML page; a page fails without one, or when the title is shorter than ${TITLE_RANGE[0]} or longer than ${TITLE_RANGE[1]} characters. Score: share of pages passing (MEDIUM when a title is missing, else LOW).`,
    rationale:
      'The title is the first label search and answer engines use for a page: it names the source in result lists and citations, and a missing or truncated one makes the page harder to match to a question.',
    source: 'https://developers.google.com/search/docs/appearance/title-link',
  },
  {
    title: 'Missing or badly sized titles',
    recommendation: `Give every page a unique, descriptive <title> of ${TITLE_RANGE[0]}–${TITLE_RANGE[1]} characters naming its topic.`,
    severity: (failed) => (failed.some((p) => !p.facts.title) ? 'MEDIUM' : 'LOW'),
    problem: ({ facts }) => {
      if (!facts.title) return 'no <title>';
      const n = facts.title.length;
      return n < TITLE_RANGE[0] || n > TITLE_RANGE[1]
        ? `title has ${n} characters: "${facts.title}"`
        : undefined;
    },
  },
);

const metaDescription = check(
  {
    checkId: 'basics.meta-description',
    weight: 1,
    title: 'Every page has a meta description of snippet length',
    description: `Reads <meta name="description"> on every HTML page; a page fails without one or when it is outside ${DESCRIPTION_RANGE[0]}–${DESCRIPTION_RANGE[1]} characters. Score: share of pages passing.`,
    rationale:
      'Engines often use the meta description as the snippet that summarises the page; a concise, accurate one tells them (and users choosing a source) what the page answers.',
    source: 'https://developers.google.com/search/docs/appearance/snippet',
  },
  {
    title: 'Missing or badly sized meta descriptions',
    recommendation: `Write a meta description of ${DESCRIPTION_RANGE[0]}–${DESCRIPTION_RANGE[1]} characters summarising each page.`,
    severity: 'LOW',
    problem: ({ facts }) => {
      if (!facts.metaDescription) return 'no meta description';
      const n = facts.metaDescription.length;
      return n < DESCRIPTION_RANGE[0] || n > DESCRIPTION_RANGE[1]
        ? `meta description has ${n} characters`
        : undefined;
    },
  },
);

const htmlLang = check(
  {
    checkId: 'basics.html-lang',
    weight: 1,
    title: 'Every page declares its language in <html lang>',
    description:
      'Checks that the <html> element of every HTML page has a non-empty lang attribute. Score: share of pages with one.',
    rationale:
      'The declared language lets engines serve the page for queries in that language and pick the right tokenisation and readability rules instead of guessing.',
    source: 'https://www.w3.org/International/questions/qa-html-language-declarations',
  },
  {
    title: 'No <html lang>',
    recommendation: 'Declare the page language: <html lang="en"> (or the right BCP 47 code).',
    severity: 'LOW',
    problem: ({ facts }) => (facts.lang ? undefined : 'no lang attribute on <html>'),
  },
);

const openGraph = check(
  {
    checkId: 'basics.open-graph',
    weight: 1,
    title: 'Every page has Open Graph title, description and image',
    description:
      'Checks every HTML page for og:title, og:description and og:image meta tags; a page missing any of the three fails. Score: share of pages with all three.',
    rationale:
      'Open Graph tags are the page summary that chat assistants, link previews and social crawlers read when a link is shared or shown as a source card.',
    source: 'https://ogp.me/',
  },
  {
    title: 'Incomplete Open Graph tags',
    recommendation: 'Add og:title, og:description and og:image meta tags to every page.',
    severity: 'LOW',
    problem: ({ facts }) => {
      const missing = (['title', 'description', 'image'] as const)
        .filter((k) => !facts.og[k])
        .map((k) => `og:${k}`);
      return missing.length > 0 ? `missing ${missing.join(', ')}` : undefined;
    },
  },
);

const h1 = check(
  {
    checkId: 'basics.h1',
    weight: 2,
    title: 'Every page has exactly one H1',
    description:
      'Counts <h1> elements on every HTML page; none or more than one fails. Score: share of pages with exactly one.',
    rationale:
      'A single H1 states the main topic of the page unambiguously, which is what engines use to decide which question a page answers and how to title the passage they quote.',
    source: 'https://developers.google.com/search/docs/fundamentals/seo-starter-guide',
  },
  {
    title: 'Pages without exactly one H1',
    recommendation: 'Use exactly one <h1> per page, stating its main topic.',
    severity: 'MEDIUM',
    problem: ({ facts }) => (facts.h1Count === 1 ? undefined : `${facts.h1Count} <h1> elements`),
  },
);

const headingOrder = check(
  {
    checkId: 'basics.heading-order',
    weight: 1,
    title: 'Headings nest without skipping levels',
    description:
      'Walks the headings (h1–h6) of every HTML page in document order; a heading more than one level deeper than the one before it (e.g. h1 followed by h3) fails the page. Score: share of pages with an unbroken outline.',
    rationale:
      'Engines split pages into passages by their heading outline; a consistent hierarchy keeps each answer attached to the right heading and question.',
    source: 'https://www.w3.org/WAI/tutorials/page-structure/headings/',
  },
  {
    title: 'Skipped heading levels',
    recommendation:
      'Nest headings without skipping levels (h1 → h2 → h3) so the outline is machine-readable.',
    severity: 'LOW',
    problem: ({ facts }) => {
      const levels = facts.headingLevels;
      const i = levels.findIndex((level, k) => k > 0 && level > (levels[k - 1] ?? level) + 1);
      return i > 0 ? `h${levels[i - 1]} followed by h${levels[i]}` : undefined;
    },
  },
);

const imageAlt = check(
  {
    checkId: 'basics.image-alt',
    weight: 1,
    title: 'Images carry alt text',
    description:
      'On pages with at least one <img>, counts content images without alt text: no alt attribute, or a file name or camera number as alt ("IMG_0042.jpg"). Decorative images are excepted: alt="", role="presentation"/"none", aria-hidden="true", or 1×1 tracking pixels. Any such image fails the page. Score: share of pages with images where every content image is described.',
    rationale:
      'Crawlers cannot see images: alt text is the only description of an image that search, image search and multimodal answer engines can read and cite.',
    source: 'https://developers.google.com/search/docs/appearance/google-images',
  },
  {
    title: 'Images without alt text',
    recommendation:
      'Give every informative image a descriptive alt attribute (alt="" for purely decorative ones).',
    severity: 'LOW',
    applies: (page) => page.facts.images > 0,
    notApplicable: 'no crawled page has images',
    problem: ({ facts }) =>
      facts.imagesMissingAlt > 0
        ? `${facts.imagesMissingAlt} of ${facts.images} images have no alt text (${facts.imagesWithoutAlt.join(', ')})`
        : undefined,
  },
);

const ttfb = check(
  {
    checkId: 'basics.ttfb',
    weight: 2,
    title: `Pages respond within ${SLOW_TTFB_MS} ms`,
    description: `Measures time to first byte of every HTML page as fetched by the audit; over ${SLOW_TTFB_MS} ms fails. Score: share of pages responding in time.`,
    rationale:
      'AI crawlers and user-triggered fetchers work with short timeouts and crawl budgets; a slow server gets fewer pages crawled and live fetches abandoned.',
    source: 'https://web.dev/articles/ttfb',
  },
  {
    title: 'Slow server response',
    recommendation: `Bring time to first byte under ${SLOW_TTFB_MS} ms (caching, CDN, faster backend); crawlers with tight budgets drop slow pages.`,
    severity: 'MEDIUM',
    applies: (page) => page.ttfbMs !== undefined,
    notApplicable: 'no response time was measured',
    problem: (page) =>
      (page.ttfbMs ?? 0) > SLOW_TTFB_MS ? `time to first byte ${page.ttfbMs} ms` : undefined,
  },
);

export const basicsChecks: CheckSpec[] = [
  title,
  metaDescription,
  htmlLang,
  openGraph,
  h1,
  headingOrder,
  imageAlt,
  ttfb,
];
