// Resources the page-level checks need beyond the crawled pages: the og:image of each page and
// the images listed in image sitemaps, requested once each (HEAD, or a small GET when HEAD is
// refused), a bounded sample, same-site URLs only when robots.txt lets our crawler fetch them.
import type { SafeFetcher } from '../net/safe-fetch.js';
import { describeError } from './crawler/errors.js';
import type { HtmlPage } from './crawler/fetch-page.js';
import { robotsAllows, type RobotsInfo } from './crawler/robots.js';
import { sitemapText, type SitemapInfo } from './crawler/sitemap.js';
import { normalizeUrl } from './crawler/url.js';
import { PRODUCT_ROBOTS_TOKEN } from './limits.js';

/** Distinct og:image URLs requested. */
export const OG_IMAGE_SAMPLE = 10;
/** Image URLs requested per image sitemap. */
export const SITEMAP_IMAGE_SAMPLE = 5;
/** Image entries counted per sitemap file (the scan stops there). */
const MAX_SITEMAP_IMAGES = 50_000;
const SMALL_GET_BYTES = 16 * 1024;
const IMAGE_NAMESPACE = 'http://www.google.com/schemas/sitemap-image/1.1';

export interface ResourceCheck {
  url: string;
  status?: number;
  contentType?: string;
  /** The final URL, when the request was redirected. */
  redirectedTo?: string;
  error?: string;
  /** Not requested, and why (robots.txt). */
  skipped?: string;
}

export interface OgImageCheck {
  url: string;
  /** Pages that name this og:image. */
  pages: string[];
  result: ResourceCheck;
}

export interface ImageSitemapInfo {
  url: string;
  /** <image:loc> entries found (at most MAX_SITEMAP_IMAGES counted). */
  images: number;
  /** <image:image> elements without an <image:loc>. */
  withoutLoc: number;
  /** The file declares xmlns:image as Google documents it. */
  namespace: boolean;
  sample: ResourceCheck[];
}

export interface ResourceReport {
  ogImages: OgImageCheck[];
  /** Distinct og:image URLs on the crawled pages (only OG_IMAGE_SAMPLE are requested). */
  ogImagesTotal: number;
  imageSitemaps: ImageSitemapInfo[];
  /** Why some resources were not requested (e.g. out of time). */
  notes: string[];
}

export interface ResourceInput {
  fetcher: SafeFetcher;
  pages: HtmlPage[];
  robots: RobotsInfo;
  sitemaps: SitemapInfo;
  siteHost: string;
  timeoutMs: number;
  deadline: number;
  signal?: AbortSignal;
}

/** HEAD first; servers that refuse HEAD (405/501) get a small GET. */
export async function checkResource(
  fetcher: SafeFetcher,
  url: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  accept?: string,
): Promise<ResourceCheck> {
  const headers = accept ? { accept } : undefined;
  try {
    let res = await fetcher.fetch(url, { signal, timeoutMs, method: 'HEAD', headers });
    if (res.status === 405 || res.status === 501) {
      res = await fetcher.fetch(url, { signal, timeoutMs, maxBytes: SMALL_GET_BYTES, headers });
    }
    return {
      url,
      status: res.status,
      contentType: res.headers['content-type'],
      redirectedTo: res.url !== url ? res.url : undefined,
    };
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    return { url, error: describeError(err) };
  }
}

const mayFetch = (input: ResourceInput, url: string): boolean => {
  try {
    const u = new URL(url);
    return u.host !== input.siteHost || robotsAllows(input.robots, url, PRODUCT_ROBOTS_TOKEN);
  } catch {
    return false;
  }
};

/** `<image:loc>` values and `<image:image>` elements without one, in one forward scan. */
export function scanImageSitemap(xml: string): {
  locs: string[];
  count: number;
  withoutLoc: number;
  namespace: boolean;
} {
  const lower = xml.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  const locs: string[] = [];
  let count = 0;
  let withoutLoc = 0;
  for (let at = lower.indexOf('<image:image'); at !== -1 && count < MAX_SITEMAP_IMAGES;) {
    const end = lower.indexOf('</image:image', at);
    const block = end === -1 ? '' : xml.slice(at, end);
    if (end === -1) break;
    const m = /<image:loc>\s*(?:<!\[CDATA\[)?\s*([^<\]]+?)\s*(?:\]\]>)?\s*<\/image:loc>/i.exec(block);
    if (m?.[1]) {
      count++;
      if (locs.length < SITEMAP_IMAGE_SAMPLE) locs.push(m[1].replace(/&amp;/g, '&'));
    } else withoutLoc++;
    at = lower.indexOf('<image:image', end);
  }
  return { locs, count, withoutLoc, namespace: lower.includes(IMAGE_NAMESPACE) };
}

export async function checkResources(input: ResourceInput): Promise<ResourceReport> {
  const { fetcher, timeoutMs, signal } = input;
  const notes: string[] = [];
  const outOfTime = () => Date.now() > input.deadline;

  const byImage = new Map<string, string[]>();
  for (const page of input.pages) {
    const raw = page.facts.og.image;
    const url = raw ? normalizeUrl(raw, page.finalUrl) : undefined;
    if (raw && !url) continue; // reported by the check from the page's own facts
    if (url) byImage.set(url, [...(byImage.get(url) ?? []), page.finalUrl]);
  }
  const ogImages: OgImageCheck[] = [];
  for (const [url, pages] of [...byImage].slice(0, OG_IMAGE_SAMPLE)) {
    if (outOfTime()) {
      notes.push('og:image URLs were not all requested: the audit ran out of time');
      break;
    }
    if (!mayFetch(input, url)) {
      ogImages.push({
        url,
        pages,
        result: { url, skipped: `robots.txt disallows it for ${PRODUCT_ROBOTS_TOKEN}` },
      });
      continue;
    }
    ogImages.push({ url, pages, result: await checkResource(fetcher, url, timeoutMs, signal, 'image/*') });
  }

  const imageSitemaps: ImageSitemapInfo[] = [];
  for (const file of input.sitemaps.files) {
    if (file.status !== 200 || file.isIndex || file.entries === 0) continue;
    if (outOfTime()) {
      notes.push('image sitemaps were not all read: the audit ran out of time');
      break;
    }
    try {
      const res = await fetcher.fetch(file.url, { signal, timeoutMs, maxBytes: 2 * 1024 * 1024, raw: true });
      if (res.status !== 200) continue;
      const scan = scanImageSitemap(await sitemapText(res));
      if (scan.count + scan.withoutLoc === 0) continue;
      const sample: ResourceCheck[] = [];
      for (const loc of scan.locs) {
        if (outOfTime()) break;
        sample.push(
          mayFetch(input, loc)
            ? await checkResource(fetcher, loc, timeoutMs, signal, 'image/*')
            : { url: loc, skipped: `robots.txt disallows it for ${PRODUCT_ROBOTS_TOKEN}` },
        );
      }
      imageSitemaps.push({
        url: file.url,
        images: scan.count,
        withoutLoc: scan.withoutLoc,
        namespace: scan.namespace,
        sample,
      });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      notes.push(`${file.url} could not be read again for its images: ${describeError(err)}`);
    }
  }
  return { ogImages, ogImagesTotal: byImage.size, imageSitemaps, notes };
}
