// The cited-domain leaderboard: across every answer of an audit, which sites the engines cite,
// how often, on which pages, for which prompts and engines, and which are the brand's or a
// competitor's (the "who gets cited instead of us" view). Domains are registrable domains from
// the Public Suffix List (tldts): blog.x.com and www.x.com count for x.com, acme.co.uk stays
// acme.co.uk, and private suffixes (github.io) keep their owner (acme.github.io).
import { getDomain } from 'tldts';
import { citationHost, isCompetitorHost, normalizeDomain, type AnswerAnalysis } from './analysis.js';
import { withoutTracking } from './urls.js';

export interface CitedPage {
  url: string;
  /** Answers citing this page. */
  citations: number;
}

export interface CitedDomain {
  domain: string;
  /** Citations of pages on the domain (distinct pages per answer, summed over answers). */
  citations: number;
  /** Answers citing at least one page on the domain. */
  answers: number;
  /** The brand's own registrable domain. */
  brand: boolean;
  /** The competitor whose site it is, or null. */
  competitor: string | null;
  /** Its most cited pages, most cited first (at most MAX_PAGES_PER_DOMAIN). */
  pages: CitedPage[];
  /** Prompts whose answers cite it, in the audit's prompt order. */
  prompts: string[];
  /** Engines that cite it, in the order they appear. */
  engines: string[];
}

/** A domain's most cited pages kept in the report; the counts cover every page. */
export const MAX_PAGES_PER_DOMAIN = 10;
/** Domains kept in the report (the long tail of one-off citations is cut, most cited first). */
export const MAX_CITED_DOMAINS = 200;

/** Registrable domain of a host; the host itself for IPs, `localhost` and unknown suffixes. */
export function registrableDomain(host: string): string {
  const normalized = normalizeDomain(host);
  return getDomain(normalized, { allowPrivateDomains: true }) ?? normalized;
}

interface Tally {
  domain: string;
  citations: number;
  answers: number;
  competitor: string | null;
  pages: Map<string, CitedPage>;
  prompts: Set<string>;
  engines: Set<string>;
}

export function citedDomains(
  analyses: AnswerAnalysis[],
  context: { domain: string; competitors: string[]; prompts: string[] },
): CitedDomain[] {
  const brandDomain = registrableDomain(context.domain);
  const tallies = new Map<string, Tally>();
  for (const analysis of analyses) {
    const seenInAnswer = new Set<string>();
    for (const citation of analysis.citations) {
      const host = citationHost({ url: citation.url, title: citation.title ?? undefined });
      if (!host) continue;
      const domain = registrableDomain(host);
      let tally = tallies.get(domain);
      if (!tally) {
        tally = {
          domain,
          citations: 0,
          answers: 0,
          competitor: null,
          pages: new Map(),
          prompts: new Set(),
          engines: new Set(),
        };
        tallies.set(domain, tally);
      }
      tally.citations++;
      tally.competitor ??=
        citation.competitor ?? context.competitors.find((name) => isCompetitorHost(host, name)) ?? null;
      const url = withoutTracking(citation.url);
      const page = tally.pages.get(url) ?? { url, citations: 0 };
      page.citations++;
      tally.pages.set(url, page);
      tally.prompts.add(analysis.prompt);
      tally.engines.add(analysis.engine);
      if (!seenInAnswer.has(domain)) {
        seenInAnswer.add(domain);
        tally.answers++;
      }
    }
  }
  const promptOrder = new Map(context.prompts.map((prompt, index) => [prompt, index]));
  return [...tallies.values()]
    .map((tally) => {
      const brand = tally.domain === brandDomain;
      return {
        domain: tally.domain,
        citations: tally.citations,
        answers: tally.answers,
        brand,
        competitor: brand ? null : tally.competitor,
        pages: [...tally.pages.values()]
          .sort((a, b) => b.citations - a.citations || a.url.localeCompare(b.url))
          .slice(0, MAX_PAGES_PER_DOMAIN),
        prompts: [...tally.prompts].sort(
          (a, b) => (promptOrder.get(a) ?? Infinity) - (promptOrder.get(b) ?? Infinity),
        ),
        engines: [...tally.engines],
      };
    })
    .sort((a, b) => b.citations - a.citations || b.answers - a.answers || a.domain.localeCompare(b.domain))
    .slice(0, MAX_CITED_DOMAINS);
}
