// What the page-level checks fetch after the crawl, in one stage of the audit: og:images and
// image sitemaps (resources.ts), llms-full.txt and Markdown versions of pages (alternates.ts),
// and a few pages rendered in Chromium when one is configured (render.ts). Everything here is bounded in requests and by the audit's
// deadline; what is not fetched in time says so.
import type { SafeFetcher } from '../net/safe-fetch.js';
import { checkAlternates, type AlternatesReport } from './alternates.js';
import type { HtmlPage } from './crawler/fetch-page.js';
import type { RobotsInfo } from './crawler/robots.js';
import type { SitemapInfo } from './crawler/sitemap.js';
import { renderPages, type RenderReport } from './render.js';
import { checkResources, type ResourceReport } from './resources.js';

export interface PageExtras {
  resources: ResourceReport;
  alternates: AlternatesReport;
  rendering: RenderReport;
}

export interface PageExtrasInput {
  fetcher: SafeFetcher;
  /** The crawled 2xx HTML pages. */
  pages: HtmlPage[];
  robots: RobotsInfo;
  sitemaps: SitemapInfo;
  origin: string;
  /** Per request. */
  timeoutMs: number;
  /** Epoch ms after which nothing more is requested. */
  deadline: number;
  signal?: AbortSignal;
  /** Headless Chromium to render pages with; without it the rendered comparison is not made. */
  chromiumPath?: string;
}

export async function fetchPageExtras(input: PageExtrasInput): Promise<PageExtras> {
  const siteHost = new URL(input.origin).host;
  const resources = await checkResources({ ...input, siteHost });
  const alternates = await checkAlternates(input);
  const rendering = await renderPages(input);
  return { resources, alternates, rendering };
}
