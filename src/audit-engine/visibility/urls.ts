// URL comparison shared by the adapters (deduplicating sources), the analysis and the findings.

/** The URL without its fragment and tracking parameters (`utm_*`: OpenAI appends `utm_source=openai`). */
export function withoutTracking(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (key.toLowerCase().startsWith('utm_')) parsed.searchParams.delete(key);
    }
    return parsed.toString();
  } catch {
    return url;
  }
}

/** A key for comparing pages: `withoutTracking`, host without `www.`, no trailing slash. */
export function canonicalUrl(url: string): string {
  try {
    const parsed = new URL(withoutTracking(url));
    parsed.hostname = parsed.hostname.replace(/^www\./, '');
    return parsed.toString().replace(/\/(?=$|\?)/, '');
  } catch {
    return url;
  }
}
