import type { ResourceCheck } from '../resources.js';
import { OG_IMAGE_SAMPLE, SITEMAP_IMAGE_SAMPLE } from '../resources.js';
import { NO_HTML_PAGES } from './page-rule.js';
import type { CheckSpec, SiteData, Verdict } from './types.js';

// Images beyond their alt text (basics.image-alt): the og:image that link previews and answer
// cards show must load, and an image sitemap, where a site has one, must list images that load.

const EXAMPLES = 5;

/** Why a requested image does not work, or undefined when it answered 2xx with an image type. */
export function imageProblem(check: ResourceCheck): string | undefined {
  if (check.error) return check.error;
  if ((check.status ?? 0) >= 400) return `HTTP ${check.status}`;
  const type = check.contentType ?? '';
  if (type && !/^image\//i.test(type)) return `served as ${type.split(';')[0]}, not an image`;
  return undefined;
}

function ogImage(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  const { ogImages, ogImagesTotal, notes } = site.extras.resources;
  const judged = ogImages.filter((o) => o.result.skipped === undefined);
  if (judged.length === 0) {
    const reason =
      ogImagesTotal === 0
        ? 'no crawled page names an og:image'
        : (notes[0] ?? `robots.txt disallows every og:image for our crawler`);
    return { score: undefined, reason };
  }
  const broken = judged.flatMap((o) => {
    const problem = imageProblem(o.result);
    return problem ? [{ ...o, problem }] : [];
  });
  const pages = judged.reduce((n, o) => n + o.pages.length, 0);
  const brokenPages = broken.reduce((n, o) => n + o.pages.length, 0);
  const score = 1 - brokenPages / pages;
  if (broken.length === 0) return { score };
  const sampled =
    ogImagesTotal > OG_IMAGE_SAMPLE
      ? ` (the first ${OG_IMAGE_SAMPLE} of ${ogImagesTotal} distinct og:images were requested)`
      : '';
  return {
    score,
    finding: {
      severity: 'LOW',
      title: 'og:image that does not load',
      detail: `${broken.length} of ${judged.length} og:image URLs fail, on ${brokenPages} of ${pages} pages: ${broken
        .slice(0, EXAMPLES)
        .map(
          (o) =>
            `${o.url} (${o.problem}; on ${o.pages.slice(0, 3).join(', ')}${o.pages.length > 3 ? ', …' : ''})`,
        )
        .join('; ')}${sampled}.`,
      recommendation:
        'Point og:image at an absolute URL of a public image (JPEG, PNG or WebP, ideally 1200×630) that answers 200 with an image content type.',
      urls: broken.flatMap((o) => o.pages),
    },
  };
}

function imageSitemap(site: SiteData): Verdict {
  const maps = site.extras.resources.imageSitemaps;
  if (maps.length === 0)
    return { score: undefined, reason: 'no sitemap lists images (<image:image>), which is optional' };
  let earned = 0;
  let total = 0;
  const problems: string[] = [];
  for (const map of maps) {
    total += 2;
    if (map.namespace) earned++;
    else
      problems.push(
        `${map.url} does not declare xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"`,
      );
    if (map.withoutLoc === 0) earned++;
    else problems.push(`${map.url} has ${map.withoutLoc} <image:image> without <image:loc>`);
    for (const image of map.sample.filter((i) => i.skipped === undefined)) {
      total++;
      const problem = imageProblem(image);
      if (problem) problems.push(`${image.url} (${problem})`);
      else earned++;
    }
  }
  const score = earned / total;
  if (problems.length === 0) return { score };
  return {
    score,
    finding: {
      severity: 'LOW',
      title: 'Image sitemap problems',
      detail: `${problems.slice(0, EXAMPLES).join('; ')}${problems.length > EXAMPLES ? `; and ${problems.length - EXAMPLES} more` : ''}.`,
      recommendation:
        'Declare the image namespace on the <urlset>, give every <image:image> an <image:loc>, and list only image URLs that load.',
      urls: maps.map((m) => m.url),
    },
  };
}

export const imageChecks: CheckSpec[] = [
  {
    checkId: 'basics.og-image-resolves',
    category: 'basics',
    weight: 1,
    title: 'og:image URLs load as images',
    description: `Requests the distinct og:image URLs of the crawled pages (the first ${OG_IMAGE_SAMPLE}; HEAD, or a small GET when HEAD is refused; same-site URLs only when robots.txt allows our crawler); one that fails, answers HTTP 400 or above, or is not served as image/*, fails the pages naming it. Score: share of those pages whose og:image loads.`,
    rationale:
      'The og:image is the picture link previews, chat assistants and answer cards show next to a source; a broken one shows nothing, or a placeholder, where the brand should be.',
    source: 'https://ogp.me/#structured',
    run: ogImage,
  },
  {
    checkId: 'basics.image-sitemap',
    category: 'basics',
    weight: 1,
    title: 'Image sitemaps are well-formed and list images that load',
    description: `Where a sitemap lists images (<image:image>): the file must declare the image namespace, every <image:image> needs an <image:loc>, and the first ${SITEMAP_IMAGE_SAMPLE} image URLs of each file must load as images. Score: share of these conditions met. Not applicable without image entries (image sitemaps are optional).`,
    rationale:
      'An image sitemap is how a site tells crawlers about images they might not find in the HTML; Google ignores malformed entries, and broken image URLs waste the crawl budget it gives the site.',
    source: 'https://developers.google.com/search/docs/crawling-indexing/sitemaps/image-sitemaps',
    run: imageSitemap,
  },
];
