import type { Severity } from '../../report.js';
import type { HtmlPage } from '../crawler/fetch-page.js';
import type { Category, CheckResult, SiteData } from './types.js';

// Most checks ask the same question of every page; this turns a per-page rule into one
// aggregated result: score = share of applicable pages passing, one finding listing the pages.

export interface PageRule {
  id: string;
  category: Category;
  weight: number;
  title: string;
  recommendation: string;
  /** Severity, possibly depending on which pages failed (e.g. worse when the home page does). */
  severity: Severity | ((failed: HtmlPage[], site: SiteData) => Severity);
  /** Pages the rule is about; default all HTML pages. */
  applies?: (page: HtmlPage, site: SiteData) => boolean;
  /** What is wrong with the page, or undefined when it passes. */
  problem: (page: HtmlPage, site: SiteData) => string | undefined;
}

const EXAMPLES = 5;

export function runPageRule(rule: PageRule, site: SiteData): CheckResult {
  const pages = site.htmlPages.filter((p) => rule.applies?.(p, site) ?? true);
  const base = { id: rule.id, category: rule.category, weight: rule.weight };
  if (pages.length === 0) return { ...base, score: undefined };
  const failures = pages.flatMap((page) => {
    const problem = rule.problem(page, site);
    return problem === undefined ? [] : [{ page, problem }];
  });
  const score = 1 - failures.length / pages.length;
  if (failures.length === 0) return { ...base, score };
  const failed = failures.map((f) => f.page);
  const examples = failures.slice(0, EXAMPLES).map((f) => `${f.page.finalUrl}: ${f.problem}`);
  const more = failures.length > EXAMPLES ? `; and ${failures.length - EXAMPLES} more` : '';
  return {
    ...base,
    score,
    finding: {
      severity: typeof rule.severity === 'function' ? rule.severity(failed, site) : rule.severity,
      title: rule.title,
      detail: `${failures.length} of ${pages.length} pages: ${examples.join('; ')}${more}.`,
      recommendation: rule.recommendation,
      urls: failed.map((p) => p.finalUrl),
    },
  };
}

/** Content pages: enough text to be an answer source (home and contact pages often are not). */
export const CONTENT_MIN_WORDS = 150;
export const isContentPage = (page: HtmlPage): boolean => page.facts.words >= CONTENT_MIN_WORDS;

export const isHome = (page: HtmlPage, site: SiteData): boolean =>
  page.finalUrl === site.home.finalUrl || page.url === site.home.url;
