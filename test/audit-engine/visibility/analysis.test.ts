import { describe, expect, it } from '@jest/globals';
import {
  analyseAnswer,
  canonicalUrl,
  citationHost,
  findMentions,
  hostMatchesDomain,
  isCompetitorHost,
  normalizeDomain,
  normalizeText,
  type AnalysisContext,
} from '../../../src/audit-engine/visibility/analysis.js';
import { sentimentAround } from '../../../src/audit-engine/visibility/sentiment.js';
import type { EngineAnswer } from '../../../src/audit-engine/visibility/types.js';

function answer(text: string, extra: Partial<EngineAnswer> = {}): EngineAnswer {
  return {
    engine: 'openai',
    model: 'gpt-4.1',
    prompt: 'best crm?',
    sample: 0,
    text,
    citations: [],
    sources: [],
    latencyMs: 10,
    usage: { inputTokens: 0, outputTokens: 0 },
    cached: false,
    ...extra,
  };
}

const context: AnalysisContext = {
  brand: 'Acmé',
  aliases: ['Acme Cloud'],
  competitors: ['Globex', 'Initech', 'Monday.com'],
  domain: 'https://www.acme.com/',
};

describe('mentions', () => {
  it('matches case- and accent-insensitively at Unicode word boundaries', () => {
    const text = normalizeText(
      'ACME leads; acme’s rival Acmeville and ÜberAcme are unrelated. Then acmé again.',
    );
    const spans = findMentions(text, [{ name: 'Acmé', terms: ['Acmé'], isBrand: true }]);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['acme', 'acme', 'acme']);
  });

  it('treats letters of any script as word characters', () => {
    const text = normalizeText('Наш Acmeпродукт, but Acme-Pro and «Acme».');
    const spans = findMentions(text, [{ name: 'Acme', terms: ['Acme'], isBrand: true }]);
    expect(spans).toHaveLength(2);
  });

  it('lets the longest overlapping name win and matches multi-word names across whitespace', () => {
    const text = normalizeText('Try Acme\nCloud or plain Acme.');
    const spans = findMentions(text, [
      { name: 'Acme', terms: ['Acme'], isBrand: false },
      { name: 'Acme Cloud', terms: ['Acme Cloud'], isBrand: true },
    ]);
    expect(spans.map((s) => s.entity)).toEqual(['Acme Cloud', 'Acme']);
  });

  it('ranks the brand among all brands named by first mention (1-based)', () => {
    const result = analyseAnswer(
      answer('Top picks: Globex, then Initech, then Acme. Globex again; acme cloud is also fine.'),
      context,
    );
    expect(result.brandMentioned).toBe(true);
    expect(result.brandMentions).toBe(2);
    expect(result.brandPosition).toBe(3);
    expect(result.competitorsMentioned).toEqual(['Globex', 'Initech']);
    expect(result.brandFirstOffset).toBe('top picks: globex, then initech, then '.length);

    const first = analyseAnswer(answer('Acme is first, Globex second.'), context);
    expect(first.brandPosition).toBe(1);
    const absent = analyseAnswer(answer('Only Globex here.'), context);
    expect(absent.brandMentioned).toBe(false);
    expect(absent.brandPosition).toBeNull();
    expect(absent.sentiment).toBeNull();
  });
});

describe('domains', () => {
  it('matches the brand domain at a dot boundary only', () => {
    expect(hostMatchesDomain('x.com', 'x.com')).toBe(true);
    expect(hostMatchesDomain('blog.x.com', 'x.com')).toBe(true);
    expect(hostMatchesDomain('www.x.com', 'https://www.x.com/path')).toBe(true);
    expect(hostMatchesDomain('notx.com', 'x.com')).toBe(false);
    expect(hostMatchesDomain('x.com.evil.net', 'x.com')).toBe(false);
    expect(normalizeDomain('HTTPS://WWW.Example.COM:8443/a?b')).toBe('example.com');
  });

  it('reads the real domain of Gemini grounding redirects from their title', () => {
    expect(
      citationHost({
        url: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/AUZ',
        title: 'acme.com',
      }),
    ).toBe('acme.com');
    expect(citationHost({ url: 'https://www.globex.com/pricing' })).toBe('globex.com');
    expect(citationHost({ url: 'not a url' })).toBeNull();
  });

  it('recognises competitor sites by name label or by domain-like name', () => {
    expect(isCompetitorHost('blog.globex.com', 'Globex')).toBe(true);
    expect(isCompetitorHost('globexreviews.com', 'Globex')).toBe(false);
    expect(isCompetitorHost('monday.com', 'Monday.com')).toBe(true);
  });

  it('compares citations and sources without tracking parameters', () => {
    expect(canonicalUrl('https://www.acme.com/pricing/?utm_source=openai#plans')).toBe(
      'https://acme.com/pricing',
    );
    const result = analyseAnswer(
      answer('Acme is great.', {
        citations: [
          { url: 'https://blog.acme.com/guide?utm_source=openai' },
          { url: 'https://notacme.com/x' },
          { url: 'https://globex.com/vs-acme' },
        ],
        sources: [
          { url: 'https://blog.acme.com/guide' },
          { url: 'https://acme.com/pricing' },
          { url: 'https://acme.com/pricing' },
          { url: 'https://other.org/' },
        ],
      }),
      context,
    );
    expect(result.citationCount).toBe(3);
    expect(result.brandCitations).toEqual(['https://blog.acme.com/guide?utm_source=openai']);
    expect(result.otherCitations).toEqual(['https://notacme.com/x', 'https://globex.com/vs-acme']);
    expect(result.competitorCitations).toEqual([{ competitor: 'Globex', url: 'https://globex.com/vs-acme' }]);
    expect(result.brandSourcesNotCited).toEqual(['https://acme.com/pricing']);
  });
});

describe('sentiment', () => {
  const score = (text: string) => {
    const normalized = normalizeText(text);
    return sentimentAround(
      normalized,
      findMentions(normalized, [{ name: 'Acme', terms: ['Acme'], isBrand: true }]),
    );
  };

  it('scores lexicon words around the mention, −1..1', () => {
    expect(score('Acme is reliable and affordable.')).toBe(1);
    expect(score('Acme is expensive and buggy.')).toBe(-1);
    expect(score('Acme is powerful but expensive.')).toBe(0);
    expect(score('Acme is a company in Ohio.')).toBe(0);
    expect(score('No Acme here? Globex is great.')).toBe(0);
  });

  it('flips words after a negator and stays inside the sentence', () => {
    expect(score("Acme isn't reliable.")).toBe(-1);
    expect(score('Acme is not expensive. Globex is terrible, buggy and slow.')).toBe(1);
  });

  it('is null without mentions', () => {
    expect(sentimentAround('anything', [])).toBeNull();
  });
});
