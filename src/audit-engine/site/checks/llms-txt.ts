import type { Check, CheckResult, SiteData } from './types.js';

// llms.txt (https://llmstxt.org) is a proposal, not a standard the big engines have committed to,
// so its checks carry little weight; a valid file is cheap and helps tools that do read it.

function presence(site: SiteData): CheckResult {
  const base = { id: 'llms_txt.missing', category: 'llms_txt' as const, weight: 2 };
  const { llms } = site;
  if (llms.state === 'present') return { ...base, score: 1 };
  const seen =
    llms.state === 'html'
      ? 'answers 200 with an HTML page (a catch-all route), not a text file'
      : llms.state === 'error'
        ? `could not be fetched: ${llms.error}`
        : `answered HTTP ${llms.httpStatus}`;
  return {
    ...base,
    score: 0,
    finding: {
      severity: 'LOW',
      title: 'No llms.txt',
      detail: `${llms.url} ${seen}.`,
      recommendation:
        'Publish /llms.txt as text/markdown: "# Site name", a "> one-line summary", then "## Section" lists of "- [Page](https://…): what it covers" for your key pages.',
      urls: [llms.url],
    },
  };
}

function format(site: SiteData): CheckResult {
  const base = { id: 'llms_txt.format', category: 'llms_txt' as const, weight: 2 };
  const { llms } = site;
  if (llms.state !== 'present') return { ...base, score: undefined };
  if (llms.issues.length === 0) return { ...base, score: 1 };
  return {
    ...base,
    score: Math.max(0, 1 - llms.issues.length / 4),
    finding: {
      severity: llms.issues.some((i) => i.startsWith('first line')) ? 'MEDIUM' : 'LOW',
      title: 'llms.txt does not follow the llmstxt.org format',
      detail: `${llms.url}: ${llms.issues.join('; ')}.`,
      recommendation:
        'Follow https://llmstxt.org: H1 name first, a blockquote summary, H2 sections of "- [name](url): notes" links, optional links under "## Optional"; serve it as text/plain or text/markdown.',
      urls: [llms.url],
    },
  };
}

/** Optional parts (summary, link sections) that are absent: worth knowing, not a defect. */
function optionalParts(site: SiteData): CheckResult {
  const base = { id: 'llms_txt.optional-parts', category: 'llms_txt' as const, weight: 0, score: undefined };
  const { llms } = site;
  if (llms.state !== 'present' || llms.notes.length === 0) return base;
  return {
    ...base,
    finding: {
      severity: 'INFO',
      title: 'llms.txt has only part of the suggested structure',
      detail: `${llms.url}: ${llms.notes.join('; ')}.`,
      recommendation:
        'Optionally add a "> one-line summary" after the H1 and "## Section" lists of "- [Page](https://…): notes" links to your key pages; only the H1 is required.',
      urls: [llms.url],
    },
  };
}

function brokenLinks(site: SiteData): CheckResult {
  const base = { id: 'llms_txt.broken-links', category: 'llms_txt' as const, weight: 1 };
  const checked = site.llms.checkedLinks;
  if (checked.length === 0) return { ...base, score: undefined };
  const broken = checked.filter((l) => l.error !== undefined || (l.status ?? 0) >= 400);
  const score = 1 - broken.length / checked.length;
  if (broken.length === 0) return { ...base, score };
  return {
    ...base,
    score,
    finding: {
      severity: 'MEDIUM',
      title: 'llms.txt links to pages that do not resolve',
      detail: `${broken.length} of ${checked.length} checked links fail: ${broken
        .slice(0, 5)
        .map((l) => `${l.url} (${l.error ?? `HTTP ${l.status}`})`)
        .join('; ')}.`,
      recommendation:
        'Fix or remove the broken links in llms.txt; it should point only at live, canonical URLs.',
      urls: broken.map((l) => l.url),
    },
  };
}

function fullVersion(site: SiteData): CheckResult {
  const base = { id: 'llms_txt.full', category: 'llms_txt' as const, weight: 0, score: undefined };
  if (!site.llms.fullPresent) return base;
  return {
    ...base,
    finding: {
      severity: 'INFO',
      title: 'llms-full.txt published',
      detail: `${site.llms.fullUrl} exists (the full-text companion of llms.txt).`,
      recommendation: 'Keep it in sync with the pages it mirrors.',
      urls: [site.llms.fullUrl],
    },
  };
}

export const llmsTxtChecks: Check[] = [presence, format, optionalParts, brokenLinks, fullVersion];
