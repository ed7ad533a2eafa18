/** Bounds of one site audit; every one is enforced by the crawler or the HTTP client. */
export interface CrawlLimits {
  maxPages: number;
  maxDepth: number;
  /** Per response; the body stream is cut beyond it. */
  maxBytes: number;
  requestTimeoutMs: number;
  /** Whole audit; crawling stops (with a note) when it runs out. */
  totalTimeMs: number;
  concurrencyPerHost: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: CrawlLimits = {
  maxPages: 50,
  maxDepth: 5,
  maxBytes: 5 * 1024 * 1024,
  requestTimeoutMs: 10_000,
  totalTimeMs: 5 * 60_000,
  concurrencyPerHost: 2,
  maxRedirects: 5,
};

/** Sitemap URLs read in total (across index files); enough to seed any crawl we allow. */
export const MAX_SITEMAP_URLS = 5_000;
/** Sitemap files fetched (the index itself included). */
export const MAX_SITEMAP_FILES = 5;
/** RFC 9309 §2.5: crawlers must parse at least 500 KiB of robots.txt; we read exactly that. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
/** llms.txt links checked for reachability. */
export const LLMS_LINK_SAMPLE = 10;

export const PRODUCT_USER_AGENT = 'AEOAuditBot/1.0 (+https://github.com/aeo-audit)';
export const PRODUCT_ROBOTS_TOKEN = 'AEOAuditBot';

export function resolveLimits(overrides: Partial<CrawlLimits> = {}): CrawlLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof CrawlLimits)[]) {
    const value = overrides[key];
    if (value !== undefined && Number.isFinite(value) && value > 0) limits[key] = Math.floor(value);
  }
  return limits;
}
