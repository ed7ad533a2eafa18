import { countWords } from '../page/readability.js';
import { isContentPage, runPageRule, type PageRule } from './page-rule.js';
import type { Check } from './types.js';

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

const rule =
  (r: Omit<PageRule, 'category'>): Check =>
  (site) =>
    runPageRule({ applies: isContentPage, ...r, category: 'answerability' }, site);

const answerFirst = rule({
  id: 'answerability.answer-first',
  weight: 3,
  title: 'Pages do not open with a direct answer',
  recommendation:
    'Start each page with a 40–60 word paragraph right under the H1 that answers the page’s main question in plain declarative sentences; details follow below.',
  severity: 'MEDIUM',
  problem: (page) => answerFirstProblem(page.facts.firstParagraph),
});

const questionHeadings = rule({
  id: 'answerability.question-headings',
  weight: 2,
  title: 'No question-style headings',
  recommendation:
    'Phrase some H2/H3 headings as the questions users ask ("How long does shipping take?") and answer each directly below it.',
  severity: 'LOW',
  problem: (page) =>
    page.facts.questionHeadings.length === 0 ? 'no H2/H3 phrased as a question' : undefined,
});

const listsTables = rule({
  id: 'answerability.lists-tables',
  weight: 2,
  title: 'No lists or tables in the content',
  recommendation:
    'Present steps, options and comparisons as <ol>/<ul> lists or <table>s: answer engines extract them readily.',
  severity: 'LOW',
  problem: (page) =>
    page.facts.lists + page.facts.tables === 0 ? 'no list or table in the main content' : undefined,
});

const statistics = rule({
  id: 'answerability.statistics',
  weight: 2,
  title: 'No statistics',
  recommendation:
    'Back claims with concrete figures (percentages, amounts, counts) and their source; adding statistics was among the strongest visibility gains in the GEO study (arXiv:2311.09735).',
  severity: 'LOW',
  problem: (page) => (page.facts.statistics === 0 ? 'no percentages or figures found' : undefined),
});

const quotations = rule({
  id: 'answerability.quotations',
  weight: 1,
  title: 'No quotations',
  recommendation:
    'Quote named experts or sources (<blockquote> or “…”, said Name) where relevant; quotations raised visibility in the GEO study.',
  severity: 'LOW',
  problem: (page) => (page.facts.quotations === 0 ? 'no <blockquote>, <q> or attributed quote' : undefined),
});

const citations = rule({
  id: 'answerability.citations',
  weight: 2,
  title: 'No outbound citations',
  recommendation:
    'Link to the primary, authoritative sources behind your claims (studies, standards, official data) from the body text.',
  severity: 'LOW',
  problem: (page) =>
    page.facts.citations.length === 0 ? 'no external links in the main content' : undefined,
});

const readability = rule({
  id: 'answerability.readability',
  weight: 1,
  title: 'Hard-to-read text',
  recommendation:
    'Use shorter sentences and plainer words (aim for Flesch reading ease ≥ 60); answer engines prefer passages that stand alone.',
  severity: 'LOW',
  applies: (page) => isContentPage(page) && page.facts.fleschReadingEase !== undefined,
  problem: (page) => {
    const ease = page.facts.fleschReadingEase;
    return ease !== undefined && ease < MIN_READING_EASE ? `Flesch reading ease ${ease}` : undefined;
  },
});

export const answerabilityChecks: Check[] = [
  answerFirst,
  questionHeadings,
  listsTables,
  statistics,
  quotations,
  citations,
  readability,
];
