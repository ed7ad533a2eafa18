import type { Severity } from '../../report.js';
import type { CheckDefinition } from '../../result.js';
import type { ProbeReport } from '../crawler/ai-probe.js';
import type { CanonicalTarget } from '../crawler/canonicals.js';
import type { LinkGraph } from '../crawler/linking.js';
import type { CrawledPage, HtmlPage } from '../crawler/fetch-page.js';
import type { LlmsTxtInfo } from '../crawler/llms-txt.js';
import type { RobotsInfo } from '../crawler/robots.js';
import type { SitemapInfo } from '../crawler/sitemap.js';
import type { PageExtras } from '../page-extras.js';

export type Category =
  | 'ai_access'
  | 'indexability'
  | 'content_rendering'
  | 'structured_data'
  | 'answerability'
  | 'trust'
  | 'freshness'
  | 'llms_txt'
  | 'basics';

/** Everything the crawl learnt; checks are pure functions of it. */
export interface SiteData {
  /** URL the user asked for. */
  startUrl: string;
  /** The start page (after redirects). */
  home: CrawledPage;
  pages: CrawledPage[];
  /** 2xx HTML pages. */
  htmlPages: HtmlPage[];
  robots: RobotsInfo;
  sitemaps: SitemapInfo;
  llms: LlmsTxtInfo;
  probe: ProbeReport;
  /** Canonical targets of the crawled pages, verified (crawler/canonicals.ts), by URL. */
  canonicals: Map<string, CanonicalTarget>;
  /** The internal link graph of the crawled pages (crawler/linking.ts). */
  links: LinkGraph;
  /** Whether a crawl bound left found URLs unaudited (what details.outcome says). */
  crawl: { complete: boolean; limitsReached: string[] };
  /** What the page-level checks fetched after the crawl: og:images, image sitemaps, alternates. */
  extras: PageExtras;
  /** Epoch ms the audit treats as "now" (freshness). */
  now: number;
}

export interface CheckFinding {
  severity: Severity;
  title: string;
  detail: string;
  recommendation: string;
  /** Every affected URL; the report keeps a capped list. */
  urls: string[];
}

/** What a check decides about one site. */
export interface Verdict {
  /** Share passed, 0..1; undefined = not applicable (does not count). */
  score: number | undefined;
  /** Present when something is worth telling, including INFO notes on passing checks. */
  finding?: CheckFinding;
  /** Why the check does not apply (score undefined), in words, e.g. "no page has 150 words of text". */
  reason?: string;
}

export interface CheckResult extends Verdict {
  id: string;
  category: Category;
  /** Weight within its category. */
  weight: number;
}

/**
 * One entry of the check catalogue: the definition (what `CHECK_CATALOGUE` lists) and the
 * function that judges a site. Id, category and weight live only here; `runChecks` adds them to
 * the verdict, so a result and its catalogue entry cannot disagree.
 */
export interface CheckSpec extends Omit<CheckDefinition, 'category'> {
  category: Category;
  run: (site: SiteData) => Verdict;
}
