import type { Severity } from '../../report.js';
import type { HtmlPage } from '../crawler/fetch-page.js';
import type { CheckSpec, SiteData, Verdict } from './types.js';

// Most checks ask the same question of every page; this turns a per-page rule into one
// aggregated verdict: score = share of applicable pages passing, one finding listing the pages.

export interface PageRule {
  /** Title of the finding (the problem), e.g. "Pages without exactly one H1". */
  title: string;
  recommendation: string;
  /** Severity, possibly depending on which pages failed (e.g. worse when the home page does). */
  severity: Severity | ((failed: HtmlPage[], site: SiteData) => Severity);
  /** Pages the rule is about; default all HTML pages. */
  applies?: (page: HtmlPage, site: SiteData) => boolean;
  /** Why no page fits `applies`, e.g. "no crawled page has images" (used when HTML pages exist). */
  notApplicable?: string | ((site: SiteData) => string);
  /** What is wrong with the page, or undefined when it passes. */
  problem: (page: HtmlPage, site: SiteData) => string | undefined;
}

const EXAMPLES = 5;

/** Reason of every check that needs HTML pages when none could be read. */
export const NO_HTML_PAGES = 'no crawled page answered with readable HTML';

export function runPageRule(rule: PageRule, site: SiteData): Verdict {
  const pages = site.htmlPages.filter((p) => rule.applies?.(p, site) ?? true);
  if (pages.length === 0) {
    const reason =
      site.htmlPages.length === 0
        ? NO_HTML_PAGES
        : typeof rule.notApplicable === 'function'
          ? rule.notApplicable(site)
          : (rule.notApplicable ?? 'no crawled page fits this check');
    return { score: undefined, reason };
  }
  const failures = pages.flatMap((page) => {
    const problem = rule.problem(page, site);
    return problem === undefined ? [] : [{ page, problem }];
  });
  const score = 1 - failures.length / pages.length;
  if (failures.length === 0) return { score };
  const failed = failures.map((f) => f.page);
  const examples = failures.slice(0, EXAMPLES).map((f) => `${f.page.finalUrl}: ${f.problem}`);
  const more = failures.length > EXAMPLES ? `; and ${failures.length - EXAMPLES} more` : '';
  return {
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

/** A catalogue entry whose verdict is a page rule. */
export function pageCheck(definition: Omit<CheckSpec, 'run'>, rule: PageRule): CheckSpec {
  return { ...definition, run: (site) => runPageRule(rule, site) };
}

/** Content pages: enough text to be an answer source (home and contact pages often are not). */
export const CONTENT_MIN_WORDS = 150;
export const isContentPage = (page: HtmlPage): boolean => page.facts.words >= CONTENT_MIN_WORDS;
export const NO_CONTENT_PAGES = `no page has ${CONTENT_MIN_WORDS} words of text to judge`;

export const isHome = (page: HtmlPage, site: SiteData): boolean =>
  page.finalUrl === site.home.finalUrl || page.url === site.home.url;
