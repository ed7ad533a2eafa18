import type { CheckSpec, SiteData, Verdict } from './types.js';

// llms.txt (https://llmstxt.org) is a proposal, not a standard the big engines have committed to,
// so its checks carry little weight; a valid file is cheap and helps tools that do read it.

const NO_LLMS_TXT = 'the site publishes no llms.txt';

function presence(site: SiteData): Verdict {
  const { llms } = site;
  if (llms.state === 'present') return { score: 1 };
  const seen =
    llms.state === 'html'
      ? 'answers 200 with an HTML page (a catch-all route), not a text file'
      : llms.state === 'error'
        ? `could not be fetched: ${llms.error}`
        : `answered HTTP ${llms.httpStatus}`;
  return {
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

function format(site: SiteData): Verdict {
  const { llms } = site;
  if (llms.state !== 'present') return { score: undefined, reason: NO_LLMS_TXT };
  if (llms.issues.length === 0) return { score: 1 };
  return {
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
function optionalParts(site: SiteData): Verdict {
  const { llms } = site;
  if (llms.state !== 'present') return { score: undefined, reason: NO_LLMS_TXT };
  if (llms.notes.length === 0) return { score: 1 };
  return {
    score: 1,
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

function brokenLinks(site: SiteData): Verdict {
  const checked = site.llms.checkedLinks;
  if (checked.length === 0) {
    const reason =
      site.llms.state !== 'present'
        ? NO_LLMS_TXT
        : site.llms.linkCount === 0
          ? 'llms.txt links to no page'
          : 'the audit ran out of time before checking the llms.txt links';
    return { score: undefined, reason };
  }
  const broken = checked.filter((l) => l.error !== undefined || (l.status ?? 0) >= 400);
  const score = 1 - broken.length / checked.length;
  if (broken.length === 0) return { score };
  return {
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

function fullVersion(site: SiteData): Verdict {
  if (!site.llms.fullPresent) return { score: undefined, reason: 'no llms-full.txt is published' };
  return {
    score: 1,
    finding: {
      severity: 'INFO',
      title: 'llms-full.txt published',
      detail: `${site.llms.fullUrl} exists (the full-text companion of llms.txt).`,
      recommendation: 'Keep it in sync with the pages it mirrors.',
      urls: [site.llms.fullUrl],
    },
  };
}

export const llmsTxtChecks: CheckSpec[] = [
  {
    checkId: 'llms_txt.missing',
    category: 'llms_txt',
    weight: 2,
    title: 'The site publishes /llms.txt',
    description:
      'Fetches /llms.txt: passes when it answers 200 with a text file; fails on any other status, a failed request, or a 200 that is an HTML page (an app’s catch-all route).',
    rationale:
      'llms.txt is a proposed Markdown index of a site’s key pages for language models; it is cheap to publish and lets tools and agents that read it find the right pages without crawling.',
    source: 'https://llmstxt.org/',
    run: presence,
  },
  {
    checkId: 'llms_txt.format',
    category: 'llms_txt',
    weight: 2,
    title: 'llms.txt follows the llmstxt.org format',
    description:
      'Parses a published llms.txt: the first line must be an H1 with the site name, every list item under an H2 section must be a Markdown link "- [name](url)" with a valid URL, and the file must be served as text/plain or text/markdown. Score: 1 − issues/4 (at least 0); MEDIUM when the H1 is missing.',
    rationale:
      'Readers of llms.txt rely on its fixed structure (H1 name, summary, H2 link lists) to parse it; a file that deviates may be read wrongly or not at all.',
    source: 'https://llmstxt.org/',
    run: format,
  },
  {
    checkId: 'llms_txt.optional-parts',
    category: 'llms_txt',
    weight: 0,
    title: 'llms.txt has a summary and link sections (noted, not scored)',
    description:
      'On a published llms.txt: notes as INFO when the optional parts of the format are absent (the "> summary" blockquote after the H1, "## Section" link lists). Weight 0: only the H1 is required.',
    rationale:
      'The summary and link sections are what make llms.txt useful to a model: a one-line description of the site and curated pointers to the pages that answer questions.',
    source: 'https://llmstxt.org/',
    run: optionalParts,
  },
  {
    checkId: 'llms_txt.broken-links',
    category: 'llms_txt',
    weight: 1,
    title: 'llms.txt links resolve',
    description:
      'Requests the first 10 links of llms.txt (HEAD, or a small GET when HEAD is refused with 405/501); a link answering HTTP 400 or above, or failing, is broken. Score: share of checked links that resolve.',
    rationale:
      'llms.txt is meant to point models at the canonical pages of the site; a broken link sends them to an error instead of the content.',
    source: 'https://llmstxt.org/',
    run: brokenLinks,
  },
  {
    checkId: 'llms_txt.full',
    category: 'llms_txt',
    weight: 0,
    title: 'llms-full.txt is noted when published (not scored)',
    description: 'Sends HEAD /llms-full.txt; a 200 that is not HTML is noted as INFO. Weight 0.',
    rationale:
      'llms-full.txt is the optional companion with the full text of the documented pages, which lets a model read the site in one request; worth keeping in sync when it exists.',
    source: 'https://llmstxt.org/',
    run: fullVersion,
  },
];
