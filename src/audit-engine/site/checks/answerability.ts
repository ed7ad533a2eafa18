import { countWords } from '../page/readability.js';
import { CONTENT_MIN_WORDS, isContentPage, NO_CONTENT_PAGES, pageCheck, type PageRule } from './page-rule.js';
import type { CheckSpec } from './types.js';

// What makes a passage easy for an answer engine to lift and cite. Statistics, quotations and
// cited sources are the methods that raised visibility most in "GEO: Generative Engine
// Optimization" (Aggarwal et al., KDD 2024, arXiv:2311.09735); answer-first paragraphs and
// question headings mirror how featured snippets and AI overviews select passages.

/**
 * Answer-first heuristic: the first paragraph under the H1 (of ≥ 8 words) has 15–90 words and
 * opens with a declarative sentence of at most 35 words (not a question). Featured-snippet
 * paragraphs are typically 40–60 words; the band is widened to avoid penalising tight answers.
 */
export function answerFirstProblem(paragraph: string | undefined): string | undefined {
  if (!paragraph) return 'no paragraph after the H1';
  const words = countWords(paragraph);
  const firstSentence = /^.*?[.!?](?=\s|$)/.exec(paragraph)?.[0] ?? paragraph;
  const quote = `"${paragraph.slice(0, 80)}${paragraph.length > 80 ? '…' : ''}"`;
  if (firstSentence.trim().endsWith('?')) return `opening paragraph starts with a question: ${quote}`;
  if (words < 15) return `opening paragraph has only ${words} words: ${quote}`;
  if (words > 90) return `opening paragraph has ${words} words: ${quote}`;
  if (countWords(firstSentence) > 35)
    return `first sentence has ${countWords(firstSentence)} words: ${quote}`;
  return undefined;
}

/** Flesch reading ease below this is "fairly difficult" or harder. */
const MIN_READING_EASE = 50;

const GEO_PAPER = 'https://arxiv.org/abs/2311.09735';
const CONTENT = `content pages (${CONTENT_MIN_WORDS}+ words of main text)`;

type Definition = Omit<CheckSpec, 'run' | 'category'>;
/** Answerability rules judge content pages only, unless they say otherwise. */
const rule = (definition: Definition, r: PageRule): CheckSpec =>
  pageCheck(
    { ...definition, category: 'answerability' },
    { applies: isContentPage, notApplicable: NO_CONTENT_PAGES, ...r },
  );

const answerFirst = rule(
  {
    checkId: 'answerability.answer-first',
    weight: 3,
    title: 'Pages open with a direct answer',
    description: `On ${CONTENT}: the first paragraph of 8+ words after the H1 must have 15–90 words and open with a declarative sentence of at most 35 words, not a question. Score: share of content pages passing.`,
    rationale:
      'Answer engines and featured snippets lift a self-contained passage that answers the question; a page that opens with the answer in 40–60 words gives them that passage first.',
    source: 'https://developers.google.com/search/docs/appearance/featured-snippets',
  },
  {
    title: 'Pages do not open with a direct answer',
    recommendation:
      'Start each page with a 40–60 word paragraph right under the H1 that answers the page’s main question in plain declarative sentences; details follow below.',
    severity: 'MEDIUM',
    problem: (page) => answerFirstProblem(page.facts.firstParagraph),
  },
);

const questionHeadings = rule(
  {
    checkId: 'answerability.question-headings',
    weight: 2,
    title: 'Content pages use question-style headings',
    description: `On ${CONTENT}: passes when at least one H2 or H3 ends with "?" or starts with a question word (how, what, why …). Score: share of content pages with one.`,
    rationale:
      'Users ask answer engines questions; a heading that states the question, with the answer right below it, maps a passage directly to the prompt it answers.',
    source: 'https://developers.google.com/search/docs/appearance/featured-snippets',
  },
  {
    title: 'No question-style headings',
    recommendation:
      'Phrase some H2/H3 headings as the questions users ask ("How long does shipping take?") and answer each directly below it.',
    severity: 'LOW',
    problem: (page) =>
      page.facts.questionHeadings.length === 0 ? 'no H2/H3 phrased as a question' : undefined,
  },
);

const listsTables = rule(
  {
    checkId: 'answerability.lists-tables',
    weight: 2,
    title: 'Content pages structure facts as lists or tables',
    description: `On ${CONTENT}: passes when the main content (outside navigation, header, footer and asides) has a <ul>/<ol> of at least two items or a <table>. Score: share of content pages with one.`,
    rationale:
      'Steps, options and comparisons in lists and tables are extracted and reproduced by answer engines far more readily than the same facts buried in running prose.',
    source: 'https://developers.google.com/search/docs/appearance/featured-snippets',
  },
  {
    title: 'No lists or tables in the content',
    recommendation:
      'Present steps, options and comparisons as <ol>/<ul> lists or <table>s: answer engines extract them readily.',
    severity: 'LOW',
    problem: (page) =>
      page.facts.lists + page.facts.tables === 0 ? 'no list or table in the main content' : undefined,
  },
);

const statistics = rule(
  {
    checkId: 'answerability.statistics',
    weight: 2,
    title: 'Content pages back claims with statistics',
    description: `On ${CONTENT}: passes when the main text contains a figure that reads as a statistic: a percentage, a grouped number (12,000), an amount in thousands/millions/billions or a multiplier (2x). Score: share of content pages with one.`,
    rationale:
      'In the GEO study (Aggarwal et al., KDD 2024) adding statistics was one of the methods that raised a source’s visibility in generative engine answers the most.',
    source: GEO_PAPER,
  },
  {
    title: 'No statistics',
    recommendation:
      'Back claims with concrete figures (percentages, amounts, counts) and their source; adding statistics was among the strongest visibility gains in the GEO study (arXiv:2311.09735).',
    severity: 'LOW',
    problem: (page) => (page.facts.statistics === 0 ? 'no percentages or figures found' : undefined),
  },
);

const quotations = rule(
  {
    checkId: 'answerability.quotations',
    weight: 1,
    title: 'Content pages quote named sources',
    description: `On ${CONTENT}: passes when the main content has a <blockquote> or <q>, a quotation followed by an attribution verb (“…”, said Name) or an "according to Name". Score: share of content pages with one.`,
    rationale:
      'Quotation addition was among the strongest visibility gains in the GEO study: engines reuse attributed quotes as evidence in their answers.',
    source: GEO_PAPER,
  },
  {
    title: 'No quotations',
    recommendation:
      'Quote named experts or sources (<blockquote> or “…”, said Name) where relevant; quotations raised visibility in the GEO study.',
    severity: 'LOW',
    problem: (page) => (page.facts.quotations === 0 ? 'no <blockquote>, <q> or attributed quote' : undefined),
  },
);

const citations = rule(
  {
    checkId: 'answerability.citations',
    weight: 2,
    title: 'Content pages cite their sources',
    description: `On ${CONTENT}: passes when the main content (outside navigation, header and footer, share buttons excluded) links to at least one page on another host. Score: share of content pages with one.`,
    rationale:
      'Citing sources raised visibility in the GEO study, and linking to primary sources shows answer engines where claims come from, which makes the page a safer source to cite.',
    source: GEO_PAPER,
  },
  {
    title: 'No outbound citations',
    recommendation:
      'Link to the primary, authoritative sources behind your claims (studies, standards, official data) from the body text.',
    severity: 'LOW',
    problem: (page) =>
      page.facts.citations.length === 0 ? 'no external links in the main content' : undefined,
  },
);

const readability = rule(
  {
    checkId: 'answerability.readability',
    weight: 1,
    title: 'Content text is easy to read',
    description: `On ${CONTENT} in English (lang en or undeclared) with 30+ words: computes the Flesch reading ease of the main text; below 50 ("fairly difficult" or harder) fails. Score: share of content pages passing.`,
    rationale:
      'Fluency and easy-to-understand wording improved visibility in the GEO study; plain sentences also stand alone as quotable passages.',
    source: GEO_PAPER,
  },
  {
    title: 'Hard-to-read text',
    recommendation:
      'Use shorter sentences and plainer words (aim for Flesch reading ease ≥ 60); answer engines prefer passages that stand alone.',
    severity: 'LOW',
    applies: (page) => isContentPage(page) && page.facts.fleschReadingEase !== undefined,
    notApplicable: (site) =>
      site.htmlPages.some(isContentPage)
        ? 'no content page has enough English text for a reading-ease score'
        : NO_CONTENT_PAGES,
    problem: (page) => {
      const ease = page.facts.fleschReadingEase;
      return ease !== undefined && ease < MIN_READING_EASE ? `Flesch reading ease ${ease}` : undefined;
    },
  },
);

export const answerabilityChecks: CheckSpec[] = [
  answerFirst,
  questionHeadings,
  listsTables,
  statistics,
  quotations,
  citations,
  readability,
];
