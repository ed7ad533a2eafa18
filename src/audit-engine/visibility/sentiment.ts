// A small lexicon-based sentiment scorer for the text around a brand's mentions. No model: the
// score is explainable and repeatable, which matters more here than nuance.
//
// Method:
//  1. Text is normalized like mentions are (`normalizeText`: compatibility folding, accents
//     stripped, lower case) and split into word tokens (letters, digits, apostrophes).
//  2. The window of a mention is the sentence containing it, clipped to WINDOW_TOKENS tokens on
//     either side of the mention. Windows of several mentions are merged (a word counts once).
//  3. Each token in the window found in POSITIVE scores +1, in NEGATIVE −1; the sign flips when
//     one of the NEGATION_LOOKBACK tokens before it is a negator ("not", "never", "…n't" …).
//  4. The answer's sentiment = (sum of scores) / (number of scored tokens): −1 (all negative)
//     … +1 (all positive); 0 when the window holds no lexicon word (neutral).
// English only; other languages score neutral.

export const WINDOW_TOKENS = 12;
export const NEGATION_LOOKBACK = 3;

export const POSITIVE = new Set([
  'best',
  'great',
  'excellent',
  'leading',
  'leader',
  'top',
  'reliable',
  'recommended',
  'recommend',
  'popular',
  'trusted',
  'powerful',
  'easy',
  'intuitive',
  'robust',
  'affordable',
  'innovative',
  'outstanding',
  'strong',
  'favorite',
  'favourite',
  'love',
  'loved',
  'praised',
  'standout',
  'impressive',
  'efficient',
  'fast',
  'secure',
  'flexible',
  'seamless',
  'good',
  'better',
  'superior',
  'ideal',
  'solid',
  'friendly',
  'comprehensive',
  'versatile',
  'valuable',
  'effective',
  'helpful',
  'accurate',
  'excels',
  'excel',
  'award',
  'winning',
  'preferred',
  'renowned',
  'reputable',
  'polished',
  'scalable',
  'generous',
  'responsive',
  'simple',
  'smooth',
  'stable',
  'quality',
]);

export const NEGATIVE = new Set([
  'worst',
  'bad',
  'poor',
  'expensive',
  'overpriced',
  'slow',
  'buggy',
  'unreliable',
  'difficult',
  'complicated',
  'limited',
  'lacking',
  'lacks',
  'outdated',
  'clunky',
  'confusing',
  'frustrating',
  'problem',
  'problems',
  'issue',
  'issues',
  'complaint',
  'complaints',
  'criticized',
  'criticised',
  'weak',
  'inferior',
  'costly',
  'drawback',
  'drawbacks',
  'downside',
  'downsides',
  'risky',
  'insecure',
  'breach',
  'lawsuit',
  'scam',
  'avoid',
  'disappointing',
  'steep',
  'hidden',
  'glitchy',
  'crashes',
  'outage',
  'outages',
  'declining',
  'mediocre',
  'cumbersome',
  'unstable',
  'fails',
  'failed',
  'failure',
  'rigid',
  'dated',
]);

export const NEGATORS = new Set(['not', 'no', 'never', 'hardly', 'barely', 'without', 'neither', 'nor']);

interface Token {
  word: string;
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}']+/gu)].map((match) => ({
    word: match[0].replace(/^'+|'+$/g, ''),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}

/**
 * Sentiment of `text` (already normalized) around the given mention spans, −1..1, or null when
 * there are no spans.
 */
export function sentimentAround(text: string, spans: { start: number; end: number }[]): number | null {
  if (spans.length === 0) return null;
  const tokens = tokenize(text);
  const inWindow = new Set<number>();
  for (const span of spans) {
    const sentenceStart = Math.max(
      ...['.', '!', '?', '\n'].map((mark) => text.lastIndexOf(mark, span.start - 1)),
    );
    const ends = ['.', '!', '?', '\n']
      .map((mark) => text.indexOf(mark, span.end))
      .filter((index) => index >= 0);
    const sentenceEnd = ends.length > 0 ? Math.min(...ends) : text.length;
    const first = tokens.findIndex((token) => token.end > span.start);
    if (first < 0) continue;
    let last = first;
    while (last + 1 < tokens.length && (tokens[last + 1]?.start ?? Infinity) < span.end) last++;
    for (
      let i = Math.max(0, first - WINDOW_TOKENS);
      i <= Math.min(tokens.length - 1, last + WINDOW_TOKENS);
      i++
    ) {
      const token = tokens[i];
      if (token && token.start > sentenceStart && token.end <= sentenceEnd && (i < first || i > last)) {
        inWindow.add(i);
      }
    }
  }
  let sum = 0;
  let scored = 0;
  for (const index of inWindow) {
    const word = tokens[index]?.word ?? '';
    const polarity = POSITIVE.has(word) ? 1 : NEGATIVE.has(word) ? -1 : 0;
    if (polarity === 0) continue;
    let negated = false;
    for (let back = 1; back <= NEGATION_LOOKBACK; back++) {
      const previous = tokens[index - back];
      if (previous && isNegator(previous.word)) negated = true;
    }
    sum += negated ? -polarity : polarity;
    scored++;
  }
  return scored === 0 ? 0 : sum / scored;
}
