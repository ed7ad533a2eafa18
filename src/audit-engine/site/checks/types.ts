import type { Severity } from '../../report.js';
import type { ProbeReport } from '../crawler/ai-probe.js';
import type { CrawledPage, HtmlPage } from '../crawler/fetch-page.js';
import type { LlmsTxtInfo } from '../crawler/llms-txt.js';
import type { RobotsInfo } from '../crawler/robots.js';
import type { SitemapInfo } from '../crawler/sitemap.js';

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

export interface CheckResult {
  id: string;
  category: Category;
  /** Weight within its category. */
  weight: number;
  /** Share passed, 0..1; undefined = not applicable (does not count). */
  score: number | undefined;
  /** Present when something is worth telling, including INFO notes on passing checks. */
  finding?: CheckFinding;
}

export type Check = (site: SiteData) => CheckResult;
