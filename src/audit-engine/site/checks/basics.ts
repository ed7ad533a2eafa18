import { runPageRule, type PageRule } from './page-rule.js';
import type { Check } from './types.js';

const rule =
  (r: Omit<PageRule, 'category'>): Check =>
  (site) =>
    runPageRule({ ...r, category: 'basics' }, site);

/** Search results show about 50–60 title characters; under 10 says nothing. */
const TITLE_RANGE = [10, 60] as const;
/** Snippet length Google usually shows. */
const DESCRIPTION_RANGE = [50, 160] as const;
/** Google's "slow" server response threshold (PageSpeed Insights flags TTFB > 800 ms). */
const SLOW_TTFB_MS = 800;

const title = rule({
  id: 'basics.title',
  weight: 2,
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
});

const metaDescription = rule({
  id: 'basics.meta-description',
  weight: 1,
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
});

const htmlLang = rule({
  id: 'basics.html-lang',
  weight: 1,
  title: 'No <html lang>',
  recommendation: 'Declare the page language: <html lang="en"> (or the right BCP 47 code).',
  severity: 'LOW',
  problem: ({ facts }) => (facts.lang ? undefined : 'no lang attribute on <html>'),
});

const openGraph = rule({
  id: 'basics.open-graph',
  weight: 1,
  title: 'Incomplete Open Graph tags',
  recommendation: 'Add og:title, og:description and og:image meta tags to every page.',
  severity: 'LOW',
  problem: ({ facts }) => {
    const missing = (['title', 'description', 'image'] as const)
      .filter((k) => !facts.og[k])
      .map((k) => `og:${k}`);
    return missing.length > 0 ? `missing ${missing.join(', ')}` : undefined;
  },
});

const h1 = rule({
  id: 'basics.h1',
  weight: 2,
  title: 'Pages without exactly one H1',
  recommendation: 'Use exactly one <h1> per page, stating its main topic.',
  severity: 'MEDIUM',
  problem: ({ facts }) => (facts.h1Count === 1 ? undefined : `${facts.h1Count} <h1> elements`),
});

const headingOrder = rule({
  id: 'basics.heading-order',
  weight: 1,
  title: 'Skipped heading levels',
  recommendation: 'Nest headings without skipping levels (h1 → h2 → h3) so the outline is machine-readable.',
  severity: 'LOW',
  problem: ({ facts }) => {
    const levels = facts.headingLevels;
    const i = levels.findIndex((level, k) => k > 0 && level > (levels[k - 1] ?? level) + 1);
    return i > 0 ? `h${levels[i - 1]} followed by h${levels[i]}` : undefined;
  },
});

const imageAlt = rule({
  id: 'basics.image-alt',
  weight: 1,
  title: 'Images without alt text',
  recommendation:
    'Give every informative image a descriptive alt attribute (alt="" for purely decorative ones).',
  severity: 'LOW',
  applies: (page) => page.facts.images > 0,
  problem: ({ facts }) =>
    facts.imagesMissingAlt > 0
      ? `${facts.imagesMissingAlt} of ${facts.images} images have no alt attribute`
      : undefined,
});

const ttfb = rule({
  id: 'basics.ttfb',
  weight: 2,
  title: 'Slow server response',
  recommendation: `Bring time to first byte under ${SLOW_TTFB_MS} ms (caching, CDN, faster backend); crawlers with tight budgets drop slow pages.`,
  severity: 'MEDIUM',
  applies: (page) => page.ttfbMs !== undefined,
  problem: (page) => ((page.ttfbMs ?? 0) > SLOW_TTFB_MS ? `time to first byte ${page.ttfbMs} ms` : undefined),
});

export const basicsChecks: Check[] = [
  title,
  metaDescription,
  htmlLang,
  openGraph,
  h1,
  headingOrder,
  imageAlt,
  ttfb,
];
