// URL normalisation for crawling: one canonical string per page so a page is fetched once.

const NON_HTML_EXTENSIONS =
  /\.(?:pdf|jpe?g|png|gif|webp|avif|svg|ico|css|js|mjs|json|xml|txt|zip|gz|tar|rar|7z|mp3|mp4|mov|avi|webm|woff2?|ttf|eot|exe|dmg|docx?|xlsx?|pptx?|csv)$/i;

/**
 * Absolute http(s) URL without fragment, default port, empty query, utm_* parameters or credentials;
 * undefined when unusable.
 */
export function normalizeUrl(href: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  url.hash = '';
  // Campaign tags name the same page; an empty "?" is the same URL.
  const tracking = [...url.searchParams.keys()].filter((k) => /^utm_/i.test(k));
  for (const key of new Set(tracking)) url.searchParams.delete(key);
  if (!url.search) url.search = '';
  return url.href;
}

/** Same host (scheme may differ: http→https moves stay on the site). */
export function isSameSite(url: string, siteHost: string): boolean {
  return new URL(url).host === siteHost;
}

/** Links worth fetching as pages: skips obvious files (images, PDFs, archives …). */
export function looksLikePage(url: string): boolean {
  return !NON_HTML_EXTENSIONS.test(new URL(url).pathname);
}
