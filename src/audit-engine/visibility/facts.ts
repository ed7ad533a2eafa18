// Brand facts: the user states facts about the brand (founding year, headquarters, prices …) and
// every answer that mentions the brand is checked for statements that contradict them.
//
// A statement is a sentence about the brand (naming it, or following one that does in the same
// paragraph until a competitor is named: "Acme is a CRM. It was founded in 2015.") that contains one
// of the fact's keywords. What it states is read
// by the fact's kind:
//   YEAR   years (1800–2099);                         contradiction: years stated, none is the fact's
//   NUMBER numbers, with k/thousand/m/million;        contradiction: numbers stated, none within 1%
//   MONEY  amounts with a currency sign or code;      contradiction: amounts stated, none within 1%
//   NAME   a capitalized name after in/at/by/is/:;    contradiction: a name stated, the fact's not in
//                                                      the sentence
// Deliberately conservative: a statement that states nothing of the kind, or that includes the
// fact's value anywhere, is never a contradiction. It is a reading of sentences, not of meaning:
// "Acme, unlike Globex (founded 2015), …" can be flagged; the quote lets the reader judge.
import { findMentions, normalizeText, type Entity } from './analysis.js';
import type { BrandFact, BrandFactKind, EngineAnswer, EngineName } from './types.js';

export { FACT_KINDS } from './types.js';
export type { BrandFact, BrandFactKind } from './types.js';

export interface FactContradiction {
  engine: EngineName;
  prompt: string;
  sample: number;
  /** The sentence, as the engine wrote it. */
  quote: string;
  /** What it states instead, e.g. "2015". */
  stated: string;
}

export interface FactCheck {
  label: string;
  value: string;
  kind: BrandFactKind;
  keywords: string[];
  /** Answers mentioning the brand (each was checked). */
  answersChecked: number;
  /** Statements about the fact found in them. */
  statements: number;
  contradictions: FactContradiction[];
}

/** Synonyms by label word: a label "founding year" also finds "established", "since" … */
const SYNONYMS: [RegExp, string[]][] = [
  [
    /found|establish|year|launch|started/,
    ['founded', 'established', 'launched', 'started', 'since', 'founding'],
  ],
  [
    /headquarter|\bhq\b|based|head office|location/,
    ['headquartered', 'headquarters', 'based in', 'hq', 'head office'],
  ],
  [
    /price|pricing|cost|plan|fee/,
    ['price', 'pricing', 'costs', 'cost', 'starts at', 'per month', 'per user', 'plan'],
  ],
  [/ceo|chief|founder|leader/, ['ceo', 'chief executive', 'founder', 'founded by', 'led by']],
  [/employee|staff|team|headcount/, ['employees', 'staff', 'people', 'team of', 'headcount']],
  [/customer|user|client/, ['customers', 'users', 'clients', 'companies use']],
];
const STOP_WORDS = new Set(['the', 'and', 'for', 'its', 'our', 'of', 'in', 'at', 'a', 'an']);

export function keywordsOf(fact: BrandFact): string[] {
  if (fact.keywords && fact.keywords.length > 0)
    return [...new Set(fact.keywords.map((k) => normalizeText(k).trim()))];
  const label = normalizeText(fact.label);
  const words = label.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3 && !STOP_WORDS.has(word));
  const synonyms = SYNONYMS.filter(([pattern]) => pattern.test(label)).flatMap(([, list]) => list);
  return [...new Set([...words, ...synonyms])];
}

const CURRENCY = /[$€£¥]|\b(?:usd|eur|gbp|dollars?|euros?)\b/i;

export function kindOf(fact: BrandFact): BrandFactKind {
  if (fact.kind) return fact.kind;
  const value = fact.value.trim();
  if (/^(1[89]\d\d|20\d\d)$/.test(value)) return 'YEAR';
  if (CURRENCY.test(value) && /\d/.test(value)) return 'MONEY';
  if (/^[\d.,\s]+(?:k|m|thousand|million)?$/i.test(value)) return 'NUMBER';
  return 'NAME';
}

const YEARS = /\b(1[89]\d\d|20\d\d)\b/g;
const AMOUNT =
  /(?:[$€£¥]\s?(\d[\d,]*(?:\.\d+)?))|(?:\b(\d[\d,]*(?:\.\d+)?)\s?(?:usd|eur|gbp|dollars?|euros?)\b)/gi;
const NUMBER = /\b(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|m|million)?\b/gi;
/** A capitalized name (one or more words) after in/at/by/is/are/was/: — "headquartered in San Francisco". */
const NAME_AFTER =
  /(?:\bin|\bat|\bby|\bis|\bare|\bwas|:)\s+((?:[A-Z][\p{L}'’.-]+)(?:\s+[A-Z][\p{L}'’.-]+)*)/gu;

function toNumber(digits: string, scale?: string): number {
  const base = Number(digits.replace(/,/g, ''));
  const unit = (scale ?? '').toLowerCase();
  if (unit === 'k' || unit === 'thousand') return base * 1_000;
  if (unit === 'm' || unit === 'million') return base * 1_000_000;
  return base;
}

const close = (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 0.01;

/** What a statement says for the fact's kind (as written), or [] when it states nothing of the kind. */
function stated(kind: BrandFactKind, sentence: string): { text: string; value: number | null }[] {
  switch (kind) {
    case 'YEAR':
      return [...sentence.matchAll(YEARS)].map((m) => ({ text: m[1]!, value: Number(m[1]) }));
    case 'MONEY':
      return [...sentence.matchAll(AMOUNT)].map((m) => ({
        text: m[0].trim(),
        value: toNumber(m[1] ?? m[2]!),
      }));
    case 'NUMBER':
      return [...sentence.matchAll(NUMBER)]
        .filter((m) => !/^(1[89]\d\d|20\d\d)$/.test(m[1]!) || m[2])
        .map((m) => ({ text: m[0].trim(), value: toNumber(m[1]!, m[2]) }));
    case 'NAME':
      return [...sentence.matchAll(NAME_AFTER)].map((m) => ({
        text: m[1]!.replace(/[.]$/, ''),
        value: null,
      }));
  }
}

function factNumber(kind: BrandFactKind, value: string): number | null {
  if (kind === 'NAME') return null;
  const match = /(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|m|million)?/i.exec(value);
  return match ? toNumber(match[1]!, match[2]) : null;
}

/** Paragraphs of an answer, each as its sentences. */
function paragraphs(text: string): string[][] {
  return text
    .split(/\n+/)
    .map((paragraph) =>
      paragraph
        .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'“(])/u)
        .map((sentence) => sentence.trim())
        .filter((sentence) => sentence.length > 0),
    )
    .filter((paragraph) => paragraph.length > 0);
}

/**
 * The sentences about the brand: those naming it, and those after it in the same paragraph until
 * one names a competitor without the brand ("Acme is a CRM. It was founded in 2015. Globex …").
 */
function brandSentences(text: string, brand: Entity, competitors: Entity[]): string[] {
  const about: string[] = [];
  for (const paragraph of paragraphs(text)) {
    let subjectIsBrand = false;
    for (const sentence of paragraph) {
      const normalized = normalizeText(sentence);
      const namesBrand = findMentions(normalized, [brand]).length > 0;
      if (namesBrand) subjectIsBrand = true;
      else if (findMentions(normalized, competitors).length > 0) subjectIsBrand = false;
      if (subjectIsBrand) about.push(sentence);
    }
  }
  return about;
}

function contradiction(
  fact: BrandFact,
  kind: BrandFactKind,
  sentence: string,
  brandTerms: string[],
): string | null {
  const normalized = normalizeText(sentence);
  const value = normalizeText(fact.value).trim();
  if (kind === 'NAME') {
    const parts = value.split(/\s*,\s*/).filter((part) => part.length > 0);
    if (parts.some((part) => normalized.includes(part))) return null;
    const names = stated(kind, sentence).filter(
      (name) => !brandTerms.some((term) => normalizeText(name.text).includes(term)),
    );
    return names[0]?.text ?? null;
  }
  const expected = factNumber(kind, fact.value);
  const values = stated(kind, sentence);
  if (expected === null || values.length === 0) return null;
  const agrees = (v: number) => (kind === 'YEAR' ? v === expected : close(v, expected));
  if (values.some((v) => v.value !== null && agrees(v.value))) return null;
  return values.map((v) => v.text).join(', ');
}

/** Every fact checked against every answer that mentions the brand. */
export function checkFacts(
  facts: BrandFact[],
  answers: { answer: EngineAnswer; brandMentioned: boolean }[],
  brand: { name: string; aliases: string[]; competitors: string[] },
): FactCheck[] {
  const entity: Entity = { name: brand.name, terms: [brand.name, ...brand.aliases], isBrand: true };
  const competitors: Entity[] = brand.competitors.map((name) => ({ name, terms: [name], isBrand: false }));
  const brandTerms = entity.terms.map((term) => normalizeText(term).trim()).filter((term) => term.length > 0);
  const mentioning = answers.filter((a) => a.brandMentioned);
  return facts.map((fact) => {
    const kind = kindOf(fact);
    const keywords = keywordsOf(fact);
    let statements = 0;
    const contradictions: FactContradiction[] = [];
    for (const { answer } of mentioning) {
      for (const sentence of brandSentences(answer.text, entity, competitors)) {
        const normalized = normalizeText(sentence);
        if (!keywords.some((keyword) => normalized.includes(keyword))) continue;
        statements++;
        const found = contradiction(fact, kind, sentence, brandTerms);
        if (found !== null) {
          contradictions.push({
            engine: answer.engine,
            prompt: answer.prompt,
            sample: answer.sample,
            quote: sentence.length > 300 ? `${sentence.slice(0, 299)}…` : sentence,
            stated: found,
          });
        }
      }
    }
    return {
      label: fact.label,
      value: fact.value,
      kind,
      keywords,
      answersChecked: mentioning.length,
      statements,
      contradictions,
    };
  });
}
