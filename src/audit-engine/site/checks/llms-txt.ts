import { MARKDOWN_SAMPLE, type MarkdownProbe, type MarkdownVersions } from '../alternates.js';
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

function fullFormat(site: SiteData): Verdict {
  const full = site.extras.alternates.llmsFull;
  if (full.state !== 'present')
    return { score: undefined, reason: 'no llms-full.txt is published (it is optional)' };
  if (full.issues.length === 0) return { score: 1 };
  return {
    score: Math.max(0, 1 - full.issues.length / 3),
    finding: {
      severity: 'LOW',
      title: 'llms-full.txt is not the Markdown text it should be',
      detail: `${full.url}: ${full.issues.join('; ')}.`,
      recommendation:
        'Publish llms-full.txt as Markdown (text/markdown or text/plain) that starts with "# Site name" and holds the full text of the pages llms.txt lists.',
      urls: [full.url],
    },
  };
}

const probeProblem = (p: MarkdownProbe): string =>
  p.error ?? (p.status !== 200 ? `HTTP ${p.status}` : 'an HTML page or empty, not Markdown');

/** What a sampled page offers, in words, e.g. "declared /a.md (HTTP 404); /a.md; Accept: text/markdown". */
function offers(v: MarkdownVersions): { ok: string[]; broken?: string } {
  const ok: string[] = [];
  let broken: string | undefined;
  if (v.declared) {
    if (v.declared.markdown) ok.push(`declared ${v.declared.url}`);
    else broken = `declares ${v.declared.url}, which fails (${probeProblem(v.declared)})`;
  }
  if (v.mdUrl?.markdown) ok.push(v.mdUrl.url);
  if (v.negotiated?.markdown) ok.push('Accept: text/markdown');
  return { ok, broken };
}

function markdownVersions(site: SiteData): Verdict {
  const sampled = site.extras.alternates.markdown.filter((v) => v.note === undefined);
  if (sampled.length === 0) {
    const note = site.extras.alternates.markdown[0]?.note;
    return { score: undefined, reason: note ?? 'no HTML page to look for Markdown versions of' };
  }
  const results = sampled.map((v) => ({ v, ...offers(v) }));
  if (results.every((r) => r.ok.length === 0 && !r.broken)) {
    return {
      score: undefined,
      reason: `none of the ${sampled.length} sampled pages offers a Markdown version (no rel=alternate text/markdown link, no .md URL, no Accept: text/markdown negotiation); it is optional`,
    };
  }
  const failed = results.filter((r) => r.broken || r.ok.length === 0);
  const score = 1 - failed.length / results.length;
  const summary = results
    .map((r) => `${r.v.page}: ${r.broken ?? (r.ok.length > 0 ? r.ok.join(', ') : 'no Markdown version')}`)
    .join('; ');
  if (failed.length === 0) {
    return {
      score,
      finding: {
        severity: 'INFO',
        title: 'Markdown versions of pages',
        detail: `${summary}.`,
        recommendation:
          'Keep the Markdown versions in sync with the pages, and declare each with <link rel="alternate" type="text/markdown">.',
        urls: results.map((r) => r.v.page),
      },
    };
  }
  return {
    score,
    finding: {
      severity: 'LOW',
      title: 'Markdown versions that are broken or missing',
      detail: `${failed.length} of ${results.length} sampled pages: ${summary}.`,
      recommendation:
        'Serve a Markdown version for every page (the page URL + ".md", or Accept: text/markdown) and point <link rel="alternate" type="text/markdown"> only at URLs that answer 200 with Markdown.',
      urls: failed.map((r) => r.v.page),
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
  {
    checkId: 'llms_txt.full-format',
    category: 'llms_txt',
    weight: 1,
    title: 'llms-full.txt is Markdown with the site’s full text',
    description:
      'Reads a published /llms-full.txt (up to 2 MiB): its first line must be an H1 ("# Name"), it must hold at least 50 words, and it must be served as text/plain or text/markdown; each problem costs a third of the score. Not applicable when the file is absent or an HTML page.',
    rationale:
      'llms-full.txt gives a model the whole documented content in one Markdown file; one that is empty, HTML or unstructured gives it nothing it can read as intended.',
    source: 'https://llmstxt.org/',
    run: fullFormat,
  },
  {
    checkId: 'llms_txt.markdown-versions',
    category: 'llms_txt',
    weight: 1,
    title: 'Markdown versions of pages resolve',
    description: `On up to ${MARKDOWN_SAMPLE} pages (those declaring one first): looks for a Markdown version declared with <link rel="alternate" type="text/markdown">, at the page URL with ".md" appended (index.html.md for a URL ending in "/"), and by requesting the page with Accept: text/markdown. Not applicable when no sampled page offers one (it is optional). Otherwise a page fails when its declared version does not answer 200 with Markdown, or when it offers none while others do. Score: share of sampled pages passing; the versions found are noted.`,
    rationale:
      'llmstxt.org proposes a clean Markdown copy of each page at its URL + ".md"; agents and answer engines that fetch pages live read it with far fewer tokens and no navigation noise, as long as the link they are given works.',
    source: 'https://llmstxt.org/',
    run: markdownVersions,
  },
];
