import { describe, expect, it } from '@jest/globals';
import type { AnswerAnalysis } from '../../../src/audit-engine/visibility/analysis.js';
import { computeMetrics } from '../../../src/audit-engine/visibility/metrics.js';
import { scoreVisibility } from '../../../src/audit-engine/visibility/scoring.js';

function analysis(overrides: Partial<AnswerAnalysis>): AnswerAnalysis {
  return {
    engine: 'openai',
    prompt: 'p1',
    sample: 0,
    brandMentioned: false,
    brandMentions: 0,
    brandFirstOffset: null,
    brandPosition: null,
    competitorsMentioned: [],
    mentions: [],
    sentiment: null,
    citationCount: 0,
    brandCitations: [],
    brandSourcesNotCited: [],
    competitorCitations: [],
    otherCitations: [],
    citations: [],
    ...overrides,
  };
}

const mention = (position: number, sentiment: number) => ({
  brandMentioned: true,
  brandMentions: 1,
  brandFirstOffset: 0,
  brandPosition: position,
  sentiment,
});

// Four answers over three prompts:
//  a: p1, brand 1st, sentiment 0.5, competitors [G], cites 2 (1 brand)
//  b: p1, no brand, competitors [G, I], cites 1 (0 brand)
//  c: p2, brand 3rd, sentiment -0.5, competitors [G, I], no citations
//  d: p3, no brand, no competitors, cites 3 (0 brand)
const answers = [
  analysis({
    ...mention(1, 0.5),
    prompt: 'p1',
    competitorsMentioned: ['G'],
    citationCount: 2,
    brandCitations: ['https://acme.com/a'],
  }),
  analysis({ prompt: 'p1', sample: 1, competitorsMentioned: ['G', 'I'], citationCount: 1 }),
  analysis({ ...mention(3, -0.5), prompt: 'p2', competitorsMentioned: ['G', 'I'] }),
  analysis({ prompt: 'p3', citationCount: 3 }),
];

describe('computeMetrics', () => {
  it('computes every metric from hand-counted answers', () => {
    const m = computeMetrics(answers);
    expect(m.answers).toBe(4);
    // 2 of 4 answers mention the brand
    expect(m.mentionRate).toMatchObject({ value: 0.5, n: 4 });
    // p1 and p2 covered, p3 not: 2/3
    expect(m.promptCoverage?.value).toBeCloseTo(2 / 3);
    expect(m.promptCoverage?.n).toBe(3);
    // brand answers 2; competitor answer-mentions 1 + 2 + 2 = 5 → 2 / 7
    expect(m.shareOfVoice?.value).toBeCloseTo(2 / 7);
    expect(m.shareOfVoice?.n).toBe(7);
    // answers with citations: a, b, d (3); citing the brand: a → 1/3
    expect(m.citationRate?.value).toBeCloseTo(1 / 3);
    expect(m.citationRate?.n).toBe(3);
    // citations 2 + 1 + 3 = 6, brand 1 → 1/6
    expect(m.citationShare?.value).toBeCloseTo(1 / 6);
    expect(m.citationShare?.n).toBe(6);
    // positions 1 and 3 → 2; sentiment 0.5 and -0.5 → 0
    expect(m.averagePosition).toBe(2);
    expect(m.sentiment).toBe(0);
    // interval of 2/4
    expect(m.mentionRate?.low).toBeCloseTo(0.15, 4);
    expect(m.mentionRate?.high).toBeCloseTo(0.85, 4);
  });

  it('reports no data rather than zero', () => {
    const empty = computeMetrics([]);
    expect(empty).toEqual({
      answers: 0,
      mentionRate: null,
      promptCoverage: null,
      shareOfVoice: null,
      citationRate: null,
      citationShare: null,
      averagePosition: null,
      sentiment: null,
      spread: null,
    });
    const silent = computeMetrics([analysis({})]);
    expect(silent.mentionRate?.value).toBe(0);
    expect(silent.shareOfVoice).toBeNull();
    expect(silent.citationRate).toBeNull();
    expect(silent.averagePosition).toBeNull();
    expect(silent.sentiment).toBeNull();
  });
});

describe('scoreVisibility', () => {
  it('applies the documented formula', () => {
    const m = computeMetrics(answers);
    const s = scoreVisibility(m);
    // mentions = 100 × (0.5×0.5 + 0.3×2/3 + 0.2×(1/2)) = 55
    // citations = 100 × (0.75×1/3 + 0.25×1/6) = 29.1667
    // share_of_voice = 100 × 2/7 = 28.5714; sentiment = 100 × (0 + 1)/2 = 50
    // score = 0.45×55 + 0.25×29.1667 + 0.2×28.5714 + 0.1×50 = 24.75 + 7.2917 + 5.7143 + 5 = 42.756
    expect(s.raw.mentions).toBeCloseTo(55);
    expect(s.raw.citations).toBeCloseTo(29.1667, 3);
    expect(s.score).toBe(42.8);
    expect(s.categories.map((c) => c.category)).toEqual([
      'mentions',
      'citations',
      'share_of_voice',
      'sentiment',
    ]);
    expect(s.categories.every((c) => c.applicable)).toBe(true);
    // Unrounded weights: exactly the base weights here, summing to 1 within float error.
    const weights = s.categories.map((c) => c.weight);
    [0.45, 0.25, 0.2, 0.1].forEach((w, i) => expect(weights[i]).toBeCloseTo(w, 12));
    expect(s.categories.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1, 12);
  });

  it('lists categories without data as not applicable, with the reason, and rescales the weights', () => {
    // One answer, brand never named, nobody named, nothing cited: only "mentions" has data.
    const s = scoreVisibility(computeMetrics([analysis({})]));
    expect(s.categories).toEqual([
      { category: 'mentions', score: 0, weight: 1, applicable: true },
      {
        category: 'citations',
        score: 0,
        weight: 0,
        applicable: false,
        reason: 'no answer cited any source',
      },
      {
        category: 'share_of_voice',
        score: 0,
        weight: 0,
        applicable: false,
        reason: 'no answer named the brand or a competitor',
      },
      {
        category: 'sentiment',
        score: 0,
        weight: 0,
        applicable: false,
        reason: 'no answer mentioned the brand',
      },
    ]);
    expect(s.score).toBe(0);
  });

  it('lists every category as not applicable when no answer arrived', () => {
    const s = scoreVisibility(computeMetrics([]));
    expect(s.categories.map((c) => [c.category, c.applicable, c.weight, c.reason])).toEqual([
      ['mentions', false, 0, 'no answer arrived'],
      ['citations', false, 0, 'no answer arrived'],
      ['share_of_voice', false, 0, 'no answer arrived'],
      ['sentiment', false, 0, 'no answer arrived'],
    ]);
  });
});
