import { countWords } from '../page/readability.js';
import type { Section } from '../page/sections.js';
import { pageCheck, type PageRule } from './page-rule.js';
import type { CheckSpec } from './types.js';

// Passage-level structure: engines split a page at its headings and quote one passage, so each
// passage must answer its heading directly and make sense alone. (One H1 and an unbroken heading
// outline are basics.h1 and basics.heading-order.)

const FEATURED_SNIPPETS = 'https://developers.google.com/search/docs/appearance/featured-snippets';
const GEO_PAPER = 'https://arxiv.org/abs/2311.09735';

/** A direct answer's first sentence has at most this many words (answer-first uses the same bound). */
const MAX_ANSWER_SENTENCE_WORDS = 35;
/** Under one heading, more words than this leave no passage short enough to quote alone. */
export const MAX_PASSAGE_WORDS = 350;
/** A passage shorter than this is not judged for self-containment (a caption, a one-liner). */
const MIN_PASSAGE_WORDS = 25;

/**
 * Openings that lean on text before the heading: a bare pronoun or demonstrative as the subject
 * ("It is…", "This means…"), a connective ("However, …", "Also …") or a pointer ("As mentioned
 * above"). "This tool…" (a demonstrative with its noun) stands alone and is not matched.
 */
const DANGLING_OPENING =
  /^(?:(?:it|they|he|she|its|their)\b|(?:this|that|these|those)\s+(?:is|are|was|were|means|meant|shows|makes|made|can|will|would|has|have|had|helps|lets|allows|includes|also)\b|(?:as\s+(?:mentioned|noted|discussed|explained|shown|described|said|stated)\s+(?:above|earlier|before|previously))|see\s+above\b|the\s+above\b|(?:also|however|but|and|moreover|furthermore|additionally|likewise|similarly|besides|still|otherwise)\b|in\s+addition\b)/i;

/** A section and its subsections (the deeper headings up to the next one of its level or higher). */
function underHeading(sections: Section[], section: Section): Section[] {
  const start = sections.indexOf(section);
  const end = sections.findIndex((s, i) => i > start && s.level <= section.level);
  return sections.slice(start, end === -1 ? undefined : end);
}

const quoteHeading = (s: Section) => `“${s.heading}”`;
const firstSentence = (p: string) => /^.*?[.!?](?=\s|$)/.exec(p)?.[0] ?? p;

/** Why a question heading is not followed by a direct answer, or undefined when it is. */
export function directAnswerProblem(section: Section): string | undefined {
  if (section.firstBlock === 'none') return `${quoteHeading(section)} has no text before the next heading`;
  if (section.firstBlock !== 'paragraph') return undefined; // a list or table answers steps and options
  const sentence = firstSentence(section.firstParagraph ?? '').trim();
  if (sentence.endsWith('?')) return `${quoteHeading(section)} is followed by another question`;
  const words = countWords(sentence);
  if (words > MAX_ANSWER_SENTENCE_WORDS)
    return `${quoteHeading(section)} opens with a ${words}-word sentence, not a direct answer`;
  return undefined;
}

/** Why a passage cannot be quoted alone, or undefined when it can. */
export function selfContainedProblem(section: Section): string | undefined {
  if (section.words > MAX_PASSAGE_WORDS)
    return `${quoteHeading(section)} runs ${section.words} words without a subheading`;
  if (section.words < MIN_PASSAGE_WORDS || section.firstBlock !== 'paragraph') return undefined;
  const opening = DANGLING_OPENING.exec(section.firstParagraph ?? '');
  if (opening) return `${quoteHeading(section)} opens with “${opening[0]}”, which refers to text before it`;
  return undefined;
}

const problems = (sections: Section[], problem: (s: Section) => string | undefined): string | undefined => {
  const found = sections.flatMap((s) => problem(s) ?? []);
  if (found.length === 0) return undefined;
  const more = found.length > 3 ? ` (+${found.length - 3} more)` : '';
  return found.slice(0, 3).join('; ') + more;
};

type Definition = Omit<CheckSpec, 'run' | 'category'>;
const rule = (definition: Definition, r: PageRule): CheckSpec =>
  pageCheck({ ...definition, category: 'answerability' }, r);

const questionAnswered = rule(
  {
    checkId: 'answerability.question-answered',
    weight: 2,
    title: 'Question headings are followed by a direct answer',
    description: `On pages with question-shaped H2–H6 headings (ending in "?" or starting with how, what, why …): the first block under each must be a list, a table, or a paragraph whose first sentence is a statement of at most ${MAX_ANSWER_SENTENCE_WORDS} words; a heading with no text before the next heading, or answered by another question, fails the page. Score: share of such pages passing.`,
    rationale:
      'An engine that matches a prompt to a question heading quotes what follows it; when the answer comes first, in one short statement, that passage answers the prompt by itself.',
    source: FEATURED_SNIPPETS,
  },
  {
    title: 'Question headings without a direct answer',
    recommendation:
      'Answer each question heading in the first sentence below it (a plain statement of up to 35 words), then add the details; use a list or table for steps and options.',
    severity: 'MEDIUM',
    applies: (page) => page.facts.sections.some((s) => s.question),
    notApplicable: 'no crawled page has a question-shaped heading',
    problem: (page) =>
      problems(
        page.facts.sections.filter((s) => s.question),
        directAnswerProblem,
      ),
  },
);

const selfContained = rule(
  {
    checkId: 'answerability.self-contained-passages',
    weight: 2,
    title: 'Passages under each heading can be quoted alone',
    description: `On pages with H2–H6 sections: a section fails when it runs over ${MAX_PASSAGE_WORDS} words without a subheading, or (from ${MIN_PASSAGE_WORDS} words) when its first paragraph opens by leaning on earlier text: a bare pronoun ("It is", "This means"), a connective ("However", "Also") or a pointer ("As mentioned above"). Any failing section fails the page. Score: share of such pages passing.`,
    rationale:
      'Answer engines retrieve and cite passages, not pages: a passage that names its subject and fits under its heading still makes sense when lifted out of the page (the GEO study measures visibility per quoted passage).',
    source: GEO_PAPER,
  },
  {
    title: 'Passages that do not stand alone',
    recommendation:
      'Start each section by naming its subject instead of “it”/“this”/“however”, and split sections longer than about 300 words with subheadings so each passage answers one thing.',
    severity: 'LOW',
    applies: (page) => page.facts.sections.some((s) => s.words > 0),
    notApplicable: 'no crawled page has text under H2–H6 headings',
    problem: (page) => problems(page.facts.sections, selfContainedProblem),
  },
);

const comparisons = rule(
  {
    checkId: 'answerability.comparison-structure',
    weight: 1,
    title: 'Comparisons are laid out as lists or tables',
    description:
      'On pages with a heading that announces a comparison ("X vs Y", "compared to", "differences between", "pros and cons", "which is better"): the section under it must contain a list of 2+ items or a table. Score: share of such pages passing.',
    rationale:
      'Engines reproduce comparisons as tables and bullet lists; a comparison already structured that way is extracted faithfully, one buried in prose is summarised (or skipped).',
    source: FEATURED_SNIPPETS,
  },
  {
    title: 'Comparisons written as prose only',
    recommendation:
      'Put each comparison in a <table> (one row per option, one column per criterion) or a list of the differences, under the heading that names it.',
    severity: 'LOW',
    applies: (page) => page.facts.sections.some((s) => s.comparison),
    notApplicable: 'no crawled page has a comparison heading',
    problem: (page) =>
      problems(
        page.facts.sections.filter((s) => s.comparison),
        (s) => {
          const structured = underHeading(page.facts.sections, s).some((x) => x.lists + x.tables > 0);
          return structured ? undefined : `${quoteHeading(s)} has no list or table`;
        },
      ),
  },
);

export const headingChecks: CheckSpec[] = [questionAnswered, selfContained, comparisons];
