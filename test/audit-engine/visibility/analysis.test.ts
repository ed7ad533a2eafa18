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

  const mentionsOf = (text: string, term: string): string[] => {
    const normalized = normalizeText(text);
    return findMentions(normalized, [{ name: term, terms: [term], isBrand: true }]).map((s) =>
      normalized.slice(s.start, s.end),
    );
  };

  it('finds names in Japanese text, which has no spaces between words', () => {
    expect(mentionsOf('おすすめはソニーの製品です', 'ソニー')).toEqual(['ソニー']);
    expect(mentionsOf('ソニーグループとパナソニック', 'ソニー')).toEqual(['ソニー']);
    // Half-width katakana folds to full width; the voicing mark still tells ゾ from ソ.
    expect(mentionsOf('おすすめはｿﾆｰです', 'ソニー')).toEqual(['ソニー']);
    expect(mentionsOf('おすすめはゾニーです', 'ソニー')).toEqual([]);
    // A Latin name inside Japanese text keeps its own boundaries against Latin letters only.
    expect(mentionsOf('おすすめはSonyの製品、Sonyxは別物', 'Sony')).toEqual(['sony']);
  });

  it('finds names in Chinese and Thai text', () => {
    expect(mentionsOf('我推荐华为手机，华为的质量很好', '华为')).toEqual(['华为', '华为']);
    expect(mentionsOf('แนะนำซัมซุงเพราะราคาดี', 'ซัมซุง')).toEqual(['ซัมซุง']);
    // Thai vowel and tone marks are part of the spelling: they are not stripped.
    expect(mentionsOf('แนะนำซมซุงเพราะราคาดี', 'ซัมซุง')).toEqual([]);
  });

  it('keeps a left boundary for Korean names and accepts particles joined after them', () => {
    expect(mentionsOf('삼성은 좋고 삼성의 제품과 Acme는 인기', '삼성')).toEqual(['삼성', '삼성']);
    expect(mentionsOf('Acme는 인기가 많다', 'Acme')).toEqual(['acme']);
    expect(mentionsOf('대삼성', '삼성')).toEqual([]);
  });

  it('folds full-width Latin and compatibility forms (NFKC) but still respects word boundaries', () => {
    expect(mentionsOf('おすすめはＡＣＭＥです。ＡＣＭＥ Cloud too', 'Acme')).toEqual(['acme', 'acme']);
    expect(mentionsOf('Try ＡＣＭＥ.', 'ＡＣＭＥ')).toEqual(['acme']);
    expect(mentionsOf('Acmeville and ＡＣＭＥｖｉｌｌｅ and AcmeＶille', 'Acme')).toEqual([]);
    expect(mentionsOf('Acme™ and Acme¹ are the same name', 'Acme')).toEqual(['acme', 'acme']);
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

describe('mentions in order', () => {
  it('records every name once, in order of first mention, with its rank and offset', () => {
    const text = 'Globex leads, then acme cloud; Initech trails. Globex again, and Acmé once more.';
    const a = analyseAnswer(answer(text), context);
    expect(a.mentions).toEqual([
      { name: 'Globex', brand: false, position: 1, offset: 0 },
      { name: 'Acmé', brand: true, position: 2, offset: text.indexOf('acme cloud') },
      { name: 'Initech', brand: false, position: 3, offset: text.indexOf('Initech') },
    ]);
    expect(a.brandPosition).toBe(2);
    expect(a.competitorsMentioned).toEqual(['Globex', 'Initech']);
  });

  it('is empty when nobody is named', () => {
    expect(analyseAnswer(answer('No particular vendor stands out.'), context).mentions).toEqual([]);
  });
});

describe('citations, brand or not', () => {
  it('lists each distinct cited URL in order with brand and competitor flags', () => {
    const a = analyseAnswer(
      answer('See the sources.', {
        citations: [
          { url: 'https://globex.com/compare', title: 'Compare' },
          { url: 'https://blog.acme.com/crm?utm_source=chatgpt' },
          { url: 'https://blog.acme.com/crm' },
          { url: 'https://news.example/review' },
        ],
      }),
      context,
    );
    expect(a.citations).toEqual([
      { url: 'https://globex.com/compare', title: 'Compare', brand: false, competitor: 'Globex' },
      { url: 'https://blog.acme.com/crm?utm_source=chatgpt', title: null, brand: true, competitor: null },
      { url: 'https://news.example/review', title: null, brand: false, competitor: null },
    ]);
    expect(a.brandCitations).toEqual(['https://blog.acme.com/crm?utm_source=chatgpt']);
    expect(a.citationCount).toBe(3);
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

  it('never matches a competitor name against the public suffix (TLD) of a host', () => {
    expect(isCompetitorHost('acme.app', 'App')).toBe(false);
    expect(isCompetitorHost('globex.ai', 'AI')).toBe(false);
    expect(isCompetitorHost('shop.example.co.uk', 'Co')).toBe(false);
    expect(isCompetitorHost('app.com', 'App')).toBe(true);
    expect(isCompetitorHost('ai.example.ai', 'AI')).toBe(true);
    expect(isCompetitorHost('globex.co.uk', 'Globex')).toBe(true);
    const result = analyseAnswer(
      answer('Acme is great.', {
        citations: [{ url: 'https://www.notion.ai/' }, { url: 'https://todo.app/x' }],
      }),
      { ...context, competitors: ['AI', 'App'] },
    );
    expect(result.competitorCitations).toEqual([]);
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
