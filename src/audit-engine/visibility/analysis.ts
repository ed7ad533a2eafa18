// Reading one answer: who is mentioned where, which domains are cited, and the tone around the
// brand. Pure functions over an `EngineAnswer`.
import { sentimentAround } from './sentiment.js';
import type { Citation, EngineAnswer, EngineName } from './types.js';
import { canonicalUrl } from './urls.js';

export { canonicalUrl } from './urls.js';

/**
 * Scripts written without spaces between words. A term whose edge character is in one of these
 * has no word-boundary check on that side: "ソニー" must be found in "おすすめはソニーの製品です".
 * Script_Extensions, so the prolonged sound mark "ー" (Common, used by both kana) counts.
 */
const NO_SPACE_SCRIPTS = [
  '\\p{scx=Han}',
  '\\p{scx=Hiragana}',
  '\\p{scx=Katakana}',
  '\\p{scx=Thai}',
  '\\p{scx=Lao}',
  '\\p{scx=Khmer}',
  '\\p{scx=Myanmar}',
].join('');
const NO_SPACE_CHAR = new RegExp(`[${NO_SPACE_SCRIPTS}]`, 'u');
const HANGUL_CHAR = /\p{scx=Hangul}/u;
/** A letter or digit of a script written with spaces: the only neighbour that breaks a boundary. */
const SPACED_WORD_CHAR = `(?:(?![${NO_SPACE_SCRIPTS}])[\\p{L}\\p{N}])`;
/** Same, minus Hangul: Korean particles attach to the noun before them ("Acme는", "삼성의"). */
const SPACED_WORD_CHAR_NOT_HANGUL = `(?:(?![${NO_SPACE_SCRIPTS}\\p{scx=Hangul}])[\\p{L}\\p{N}])`;

/**
 * Case-, accent- and width-insensitive form used for matching: NFKD (compatibility: full-width
 * "ＡＣＭＥ" and half-width "ｿﾆｰ" fold to "ACME" and "ソニー"), combining marks stripped, NFC,
 * lower case. Marks of Thai, Lao, Khmer and Myanmar (vowels and tones: part of the spelling, and
 * these scripts get no word boundaries) and the kana voicing marks (ガ is not カ) are kept. Super-
 * and subscripts and ™/℠ get a space before them, so "Acme™" or a footnote "Acme¹" stays a whole
 * word once folded to "acme tm"/"acme 1".
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\u00b2\u00b3\u00b9\u2070-\u209f\u2120\u2122]/g, ' $&')
    .normalize('NFKD')
    .replace(/(?![\u3099\u309a\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}])\p{M}/gu, '')
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whole-term matcher: a term never matches inside a longer word ("Acme" is not in "Acmeville").
 * Boundaries are per side and depend on the script:
 *  - an edge character in a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar)
 *    gets no boundary on that side: there is no word separator to look for;
 *  - otherwise the neighbour must not be a letter or digit of a spaced script, so Latin "Sony" is
 *    found in "おすすめはSonyの製品" while "Acme" is not in "Acmeville";
 *  - Hangul: Korean separates words with spaces, so a Hangul-initial term keeps its left boundary;
 *    but particles are written joined to the noun ("삼성은", "Acme의"), so there is no right
 *    boundary after a Hangul term and a Hangul right neighbour never breaks one. The cost is a
 *    match in a compound that starts with the name ("삼성동"), accepted to find every particle form;
 *  - a combining mark right after the term (a Thai vowel on its last consonant) means the term's
 *    last letter is not what was written: no match.
 */
function termPattern(term: string): RegExp {
  const normalized = normalizeText(term).trim();
  const body = escapeRegExp(normalized).replace(/\s+/g, '\\s+');
  const chars = [...normalized];
  const first = chars[0] ?? '';
  const last = chars.at(-1) ?? '';
  const before = NO_SPACE_CHAR.test(first) ? '' : `(?<!${SPACED_WORD_CHAR})`;
  const after =
    NO_SPACE_CHAR.test(last) || HANGUL_CHAR.test(last) ? '' : `(?!${SPACED_WORD_CHAR_NOT_HANGUL})`;
  return new RegExp(`${before}${body}${after}(?!\\p{M})`, 'gu');
}

export interface Entity {
  name: string;
  terms: string[];
  isBrand: boolean;
}

export interface MentionSpan {
  entity: string;
  isBrand: boolean;
  start: number;
  end: number;
}

/**
 * Every whole-term mention of the entities in `normalized` (a `normalizeText` result). When
 * terms overlap ("Acme" inside "Acme Cloud" when both are names) the longest match wins.
 */
export function findMentions(normalized: string, entities: Entity[]): MentionSpan[] {
  const candidates: MentionSpan[] = [];
  for (const entity of entities) {
    for (const term of new Set(entity.terms.map((t) => t.trim()).filter((t) => t.length > 0))) {
      for (const match of normalized.matchAll(termPattern(term))) {
        candidates.push({
          entity: entity.name,
          isBrand: entity.isBrand,
          start: match.index,
          end: match.index + match[0].length,
        });
      }
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const accepted: MentionSpan[] = [];
  let coveredUntil = -1;
  for (const span of candidates) {
    if (span.start < coveredUntil) continue;
    accepted.push(span);
    coveredUntil = span.end;
  }
  return accepted;
}

/** Host of a domain or URL as typed by a user: lower case, no port, no `www.`, no trailing dot. */
export function normalizeDomain(input: string): string {
  let host = input.trim().toLowerCase();
  try {
    host = new URL(host.includes('://') ? host : `http://${host}`).hostname;
  } catch {
    // keep what was typed
  }
  return host.replace(/\.$/, '').replace(/^www\./, '');
}

const GROUNDING_REDIRECT_HOSTS = new Set(['vertexaisearch.cloud.google.com']);
const HOSTNAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

/**
 * The host a citation points to. Gemini's grounding URLs are Google redirects whose `title` is
 * the real page's domain: that domain is used instead.
 */
export function citationHost(citation: Citation): string | null {
  let host: string;
  try {
    host = normalizeDomain(new URL(citation.url).hostname);
  } catch {
    return null;
  }
  if (GROUNDING_REDIRECT_HOSTS.has(host) && citation.title && HOSTNAME.test(citation.title.trim())) {
    return normalizeDomain(citation.title);
  }
  return host;
}

/** `blog.x.com` and `x.com` belong to `x.com`; `notx.com` does not (the match is at a dot). */
export function hostMatchesDomain(host: string, domain: string): boolean {
  const h = normalizeDomain(host);
  const d = normalizeDomain(domain);
  return d.length > 0 && (h === d || h.endsWith(`.${d}`));
}

/**
 * Whether a cited page belongs to a competitor: a host label other than the public suffix equals
 * the competitor's name without spaces or punctuation (`blog.hubspot.com` for "HubSpot", but not
 * `acme.ai` for "AI"), or the name is itself a domain the host belongs to ("Monday.com").
 */
export function isCompetitorHost(host: string, competitor: string): boolean {
  const compact = normalizeText(competitor).replace(/[^\p{L}\p{N}]/gu, '');
  if (compact.length === 0) return false;
  if (HOSTNAME.test(competitor.trim()) && hostMatchesDomain(host, competitor)) return true;
  return registrableLabels(host).some((label) => label === compact);
}

/** Second-level labels of common two-part public suffixes (`co.uk`, `com.au`, `ac.jp` …). */
const SECOND_LEVEL_SUFFIXES = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go']);

/**
 * A host's labels without its public suffix, so a competitor called "App", "AI" or "Co" does not
 * own every `*.app`, `*.ai` or `*.co.uk` host. The suffix is the last label, plus the one before it
 * when that is a common second-level label under a two-letter country code (an approximation of
 * the Public Suffix List, enough for names).
 */
function registrableLabels(host: string): string[] {
  const labels = host.split('.');
  let suffix = 1;
  const tld = labels.at(-1) ?? '';
  if (labels.length > 2 && tld.length === 2 && SECOND_LEVEL_SUFFIXES.has(labels.at(-2) ?? '')) suffix = 2;
  return labels.slice(0, Math.max(0, labels.length - suffix));
}

export interface AnalysisContext {
  brand: string;
  aliases: string[];
  competitors: string[];
  domain: string;
}

export interface AnswerAnalysis {
  engine: EngineName;
  prompt: string;
  sample: number;
  brandMentioned: boolean;
  brandMentions: number;
  /** Offset of the brand's first mention in the normalized answer text. */
  brandFirstOffset: number | null;
  /** 1-based rank of the brand's first mention among all brands named; null when not mentioned. */
  brandPosition: number | null;
  /** Competitors named, in order of first mention. */
  competitorsMentioned: string[];
  /**
   * Every name mentioned, the brand (under its own name, aliases included) and each competitor,
   * once each in order of first mention: `position` is the 1-based rank (the brand's equals
   * brandPosition), `offset` where the first mention starts in the normalized answer text.
   */
  mentions: { name: string; brand: boolean; position: number; offset: number }[];
  /** −1..1 around the brand's mentions; null when not mentioned. */
  sentiment: number | null;
  /** Distinct URLs cited. */
  citationCount: number;
  /** Cited URLs on the brand's domain. */
  brandCitations: string[];
  /** Brand pages the engine consulted but did not cite. */
  brandSourcesNotCited: string[];
  /** Cited pages on competitors' sites. */
  competitorCitations: { competitor: string; url: string }[];
  /** Cited URLs not on the brand's domain. */
  otherCitations: string[];
  /**
   * Every distinct URL cited, in citation order, with whether it is on the brand's domain
   * (`brand`, as brandCitations) and the competitor whose site it is on (null when none).
   */
  citations: { url: string; title: string | null; brand: boolean; competitor: string | null }[];
}

export function analyseAnswer(answer: EngineAnswer, context: AnalysisContext): AnswerAnalysis {
  const normalized = normalizeText(answer.text);
  const entities: Entity[] = [
    { name: context.brand, terms: [context.brand, ...context.aliases], isBrand: true },
    ...context.competitors.map((name) => ({ name, terms: [name], isBrand: false })),
  ];
  const spans = findMentions(normalized, entities);
  const brandSpans = spans.filter((span) => span.isBrand);
  const firstByEntity = new Map<string, number>();
  for (const span of spans) {
    const key = span.isBrand ? '\u0000brand' : span.entity;
    if (!firstByEntity.has(key)) firstByEntity.set(key, span.start);
  }
  const brandFirstOffset = brandSpans[0]?.start ?? null;
  const brandPosition =
    brandFirstOffset === null
      ? null
      : 1 +
        [...firstByEntity.entries()].filter(
          ([key, first]) => key !== '\u0000brand' && first < brandFirstOffset,
        ).length;
  const competitorsMentioned = [...firstByEntity.keys()].filter((key) => key !== '\u0000brand');
  // Spans are sorted by start, so the map's insertion order is the order of first mention.
  const mentions = [...firstByEntity.entries()].map(([key, offset], index) => ({
    name: key === '\u0000brand' ? context.brand : key,
    brand: key === '\u0000brand',
    position: index + 1,
    offset,
  }));

  const brandCitations: string[] = [];
  const otherCitations: string[] = [];
  const competitorCitations: { competitor: string; url: string }[] = [];
  const citations: AnswerAnalysis['citations'] = [];
  const citedUrls = new Set<string>();
  for (const cited of answer.citations) {
    const canonical = canonicalUrl(cited.url);
    if (citedUrls.has(canonical)) continue;
    citedUrls.add(canonical);
    const host = citationHost(cited);
    const title = cited.title ?? null;
    if (host && hostMatchesDomain(host, context.domain)) {
      brandCitations.push(cited.url);
      citations.push({ url: cited.url, title, brand: true, competitor: null });
      continue;
    }
    otherCitations.push(cited.url);
    const competitor = host ? context.competitors.find((name) => isCompetitorHost(host, name)) : undefined;
    if (competitor) competitorCitations.push({ competitor, url: cited.url });
    citations.push({ url: cited.url, title, brand: false, competitor: competitor ?? null });
  }
  const brandSourcesNotCited = [
    ...new Set(
      answer.sources
        .filter((source) => !citedUrls.has(canonicalUrl(source.url)))
        .filter((source) => {
          const host = citationHost(source);
          return host !== null && hostMatchesDomain(host, context.domain);
        })
        .map((source) => source.url),
    ),
  ];

  return {
    engine: answer.engine,
    prompt: answer.prompt,
    sample: answer.sample,
    brandMentioned: brandSpans.length > 0,
    brandMentions: brandSpans.length,
    brandFirstOffset,
    brandPosition,
    competitorsMentioned,
    mentions,
    sentiment: sentimentAround(normalized, brandSpans),
    citationCount: citedUrls.size,
    brandCitations,
    brandSourcesNotCited,
    competitorCitations,
    otherCitations,
    citations,
  };
}
