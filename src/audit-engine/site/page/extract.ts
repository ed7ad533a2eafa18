import * as cheerio from 'cheerio';
import { isSameSite, normalizeUrl } from '../crawler/url.js';
import type { PageFacts } from './facts.js';
import { summarizeJsonLd } from './json-ld.js';
import { jsonLdConflicts } from './json-ld-visible.js';
import { countWords, fleschReadingEase } from './readability.js';
import { ARTICLE_TYPES } from './schema-rules.js';
import { extractSections, QUESTION_START } from './sections.js';
import { minhashSignature } from './shingles.js';

const BOILERPLATE = 'nav, header, footer, aside, [role=navigation], [role=banner], [role=contentinfo]';
const BOILERPLATE_TAGS = ['nav', 'header', 'footer', 'aside'];
const APP_ROOTS = ['#root', '#app', '#__next', '#__nuxt', '#___gatsby', '[data-reactroot]', 'app-root'];
// Figures that read as statistics: percentages, large grouped numbers, "3.5 million", "2x".
const STATISTIC =
  /\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)|\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s?(?:thousand|million|billion|trillion)\b|\b\d+(?:\.\d+)?x\b/gi;
// Quoted speech with an attribution verb next to it.
const ATTRIBUTED_QUOTE =
  /[“"][^”"]{15,400}[”"]\s*,?\s*(?:said|says|according to|explains|explained|wrote|notes|noted)\b|\baccording to [A-Z][\w.-]+/g;
// About/Contact links: the link text is just that ("About us", "Contact") or the path says so.
const ABOUT_TEXT = /^\s*(?:about|about us|who we are|our story|team)\s*$/;
const ABOUT_PATH = /\/(?:about|about-us|team|company)(?:[/.]|$)/;
const CONTACT_TEXT = /^\s*(?:contact|contact us|get in touch)\s*$/;
const CONTACT_PATH = /\/(?:contact|contact-us)(?:[/.]|$)/;
const SHARE_LINK = /\/(?:share|intent|sharer)(?:\.php)?\b/i;

/** Analysis reads at most this much HTML (characters): enough for any real page's content. */
export const MAX_ANALYSED_HTML = 2 * 1024 * 1024;
/** hreflang annotations read per page (a site in every language has about 200). */
const MAX_HREFLANG = 300;
/** Links examined per page; a page with more is a link farm and its tail says nothing new. */
export const MAX_ANALYSED_LINKS = 5_000;
/** Text read from one heading or link; their text only feeds short-text heuristics. */
const SHORT_TEXT_CHARS = 300;
const SHORT_TEXT_NODES = 2_000;

/** Images a reader never needs described: hidden from assistive technology, or tracking pixels. */
function isDecorative(attribs: Record<string, string | undefined>): boolean {
  const role = attribs['role']?.toLowerCase();
  if (role === 'presentation' || role === 'none' || attribs['aria-hidden'] === 'true') return true;
  const [w, h] = [Number(attribs['width']), Number(attribs['height'])];
  return attribs['width'] !== undefined && attribs['height'] !== undefined && w <= 1 && h <= 1;
}

/** A file name or camera number as alt text describes nothing. alt="" marks a decorative image. */
const FILE_NAME_ALT =
  /^(?:[\w\-. ]+\.(?:jpe?g|png|gif|webp|avif|svg|bmp)|(?:img|image|dsc|photo|pic)[_-]?\d+)$/i;
const altProblem = (alt: string | undefined): boolean => alt === undefined || FILE_NAME_ALT.test(alt.trim());

/** The parts of a parsed (domhandler) node the walkers below use. */
interface TreeNode {
  type: string;
  parent: TreeNode | null;
  data?: string;
  children?: TreeNode[];
}

const clean = (s: string | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};

/**
 * Whether a node is inside (or is) one of `roots`, memoised per ancestor so that testing every
 * node of a document costs time linear in its size, whatever its depth (`closest()` per node is
 * nodes × depth).
 */
function insideAny(roots: Iterable<TreeNode>): (node: TreeNode) => boolean {
  const memo = new Map<TreeNode, boolean>();
  for (const root of roots) memo.set(root, true);
  return (node) => {
    const path: TreeNode[] = [];
    let answer = false;
    for (let n: TreeNode | null = node; n; n = n.parent) {
      const known = memo.get(n);
      if (known !== undefined) {
        answer = known;
        break;
      }
      path.push(n);
    }
    for (const n of path) memo.set(n, answer);
    return answer;
  };
}

/** The start of an element's text, visiting a bounded number of nodes (deep or huge subtrees). */
function shortText(el: TreeNode): string {
  const parts: string[] = [];
  let chars = 0;
  let nodes = 0;
  const stack: TreeNode[] = [el];
  while (stack.length > 0 && chars < SHORT_TEXT_CHARS && nodes++ < SHORT_TEXT_NODES) {
    const node = stack.pop() as TreeNode;
    if (node.type === 'text') {
      parts.push(node.data ?? '');
      chars += node.data?.length ?? 0;
    } else if (node.children) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as TreeNode);
    }
  }
  return parts.join('');
}

export function extractFacts(fullHtml: string, pageUrl: string): PageFacts {
  // Bounded work per page: a cut document is parsed like any other broken HTML.
  const html = fullHtml.length > MAX_ANALYSED_HTML ? fullHtml.slice(0, MAX_ANALYSED_HTML) : fullHtml;
  const $ = cheerio.load(html);
  const page = new URL(pageUrl);
  // Every `$(selector)` walks the whole document, which adds up to seconds on a huge page: walk it
  // once, then match selectors only against the elements whose tag (or attribute) can match.
  let elements = $.root().find('*').toArray();
  const pick = (tags: readonly string[], attrs: readonly string[] = []) => {
    const names = new Set(tags);
    return $(elements.filter((el) => names.has(el.name) || attrs.some((a) => el.attribs[a] !== undefined)));
  };
  const metaTags = pick(['meta']);
  const meta = (selector: string) => clean(metaTags.filter(selector).first().attr('content'));

  const metaRobots = metaTags
    .filter('[name]')
    .filter((_, el) => /^(?:robots|googlebot|bingbot)$/i.test($(el).attr('name') ?? ''))
    .map((_, el) =>
      ($(el).attr('content') ?? '')
        .toLowerCase()
        .split(',')
        .map((d) => d.trim()),
    )
    .get()
    .flat()
    .filter(Boolean);

  const canonicals = pick(['link']).filter('[rel~="canonical"]');
  const canonical = clean(canonicals.first().attr('href'));
  const markdownHref = clean(
    pick(['link']).filter('[rel~="alternate"][type="text/markdown" i]').first().attr('href'),
  );
  const hreflang = pick(['link'])
    .filter('[rel~="alternate"][hreflang]')
    .toArray()
    .slice(0, MAX_HREFLANG)
    .map((el) => {
      const href = clean($(el).attr('href')) ?? '';
      return { lang: clean($(el).attr('hreflang')) ?? '', href, url: normalizeUrl(href, pageUrl) };
    });

  const jsonLd = summarizeJsonLd(
    pick(['script'])
      .filter('[type="application/ld+json" i]')
      .map((_, el) => $(el).text())
      .get(),
    pageUrl,
  );

  const headingLevels: number[] = [];
  const questionHeadings: string[] = [];
  pick(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']).each((_, el) => {
    const level = Number(el.tagName.slice(1));
    headingLevels.push(level);
    const text = clean(shortText(el)) ?? '';
    if ((level === 2 || level === 3) && (text.endsWith('?') || QUESTION_START.test(text))) {
      questionHeadings.push(text);
    }
  });

  const images = pick(['img']);
  const missingAlt = images
    .toArray()
    .filter((el) => !isDecorative(el.attribs) && altProblem(el.attribs['alt']));
  const imagesMissingAlt = missingAlt.length;
  const imagesWithoutAlt = missingAlt.slice(0, 5).map((el) => {
    const src = el.attribs['src'] ?? el.attribs['data-src'] ?? '';
    return (src.startsWith('data:') ? 'data: URL' : src).slice(0, 200);
  });

  const internalLinks = new Set<string>();
  const externalLinks = new Set<string>();
  const citations = new Set<string>();
  let aboutLink: string | undefined;
  let contactLink: string | undefined;
  const boilerplate = () => pick(BOILERPLATE_TAGS, ['role']).filter(BOILERPLATE).toArray();
  const inBoilerplate = insideAny(boilerplate());
  pick(['a'])
    .filter('[href]')
    .slice(0, MAX_ANALYSED_LINKS)
    .each((_, el) => {
      const href = normalizeUrl($(el).attr('href') ?? '', pageUrl);
      if (!href) return;
      const text = shortText(el).toLowerCase();
      const path = new URL(href).pathname.toLowerCase();
      if (isSameSite(href, page.host)) {
        internalLinks.add(href);
        if (!aboutLink && (ABOUT_TEXT.test(text) || ABOUT_PATH.test(path))) aboutLink = href;
        if (!contactLink && (CONTACT_TEXT.test(text) || CONTACT_PATH.test(path))) contactLink = href;
      } else {
        externalLinks.add(href);
        if (!inBoilerplate(el) && !SHARE_LINK.test(href)) citations.add(href);
      }
    });

  const published = meta('meta[property="article:published_time"]');
  const modified = meta('meta[property="article:modified_time"]') ?? meta('meta[property="og:updated_time"]');
  const hasByline =
    jsonLd.hasAuthor ||
    pick(['meta'], ['rel', 'itemprop', 'class']).filter(
      'meta[name="author" i], [rel~="author"], [itemprop="author"], .byline, .author, [class*="author"]',
    ).length > 0;
  const isArticle =
    jsonLd.types.some((t) => ARTICLE_TYPES.has(t)) || meta('meta[property="og:type"]') === 'article';

  const mixedContent =
    page.protocol === 'https:'
      ? pick(['img', 'script', 'link', 'iframe']).filter(
          'img[src^="http:"], script[src^="http:"], link[rel=stylesheet][href^="http:"], iframe[src^="http:"]',
        ).length
      : 0;

  // Facts below are about visible text: drop what a reader never sees first.
  pick(['script', 'style', 'noscript', 'template', 'svg']).remove();
  elements = $.root().find('*').toArray();
  const body = pick(['body']);
  const bodyText = clean(body.text()) ?? '';
  const appRoots = pick(['app-root'], ['id', 'data-reactroot']).filter(APP_ROOTS.join(', '));
  const emptyAppRoot = APP_ROOTS.find((sel) => {
    const root = appRoots.filter(sel).first();
    return root.length > 0 && (clean(root.text()) ?? '').length === 0;
  });

  const main = pick(['main', 'article'], ['role']).filter('main, [role=main], article').first();
  const content = main.length > 0 ? main : body;
  // `content.find(selector)` is quadratic in css-select for wide documents: select from the root
  // and keep what lies inside the content element instead.
  const inContent = insideAny(content.toArray());
  $(boilerplate().filter(inContent)).remove();
  const contentText = clean(content.text()) ?? '';
  const contentRoot = content.get(0);
  const sections = contentRoot ? extractSections(contentRoot) : [];

  let firstParagraph: string | undefined;
  let afterH1 = pick(['h1']).length === 0;
  for (const el of pick(['h1', 'p']).toArray()) {
    if (el.tagName === 'h1') afterH1 = true;
    else if (afterH1) {
      const text = clean($(el).text()) ?? '';
      if (countWords(text) >= 8) {
        firstParagraph = text;
        break;
      }
    }
  }

  const h1 = clean(shortText(pick(['h1']).get(0) ?? { type: 'text', parent: null }));
  const title = clean(pick(['title']).first().text());
  const times = pick(['time'])
    .toArray()
    .slice(0, 50)
    .flatMap((el) => clean($(el).attr('datetime')) ?? clean(shortText(el)) ?? []);

  const lang = clean(pick(['html']).attr('lang'));
  return {
    title,
    h1,
    metaDescription: meta('meta[name="description" i]'),
    lang,
    metaRobots,
    canonical,
    canonicalResolved: canonical ? normalizeUrl(canonical, pageUrl) : undefined,
    canonicalCount: canonicals.length,
    hreflang,
    markdownAlternate: markdownHref ? (normalizeUrl(markdownHref, pageUrl) ?? markdownHref) : undefined,
    og: {
      title: meta('meta[property="og:title"]'),
      description: meta('meta[property="og:description"]'),
      image: meta('meta[property="og:image"]'),
      type: meta('meta[property="og:type"]'),
    },
    h1Count: pick(['h1']).length,
    headingLevels,
    questionHeadings,
    sections,
    images: images.length,
    imagesMissingAlt,
    imagesWithoutAlt,
    internalLinks: [...internalLinks],
    externalLinks: [...externalLinks],
    citations: [...citations],
    aboutLink,
    contactLink,
    jsonLd,
    words: countWords(bodyText),
    contentWords: countWords(contentText),
    contentSignature: minhashSignature(contentText),
    textBytes: Buffer.byteLength(bodyText),
    emptyAppRoot: countWords(bodyText) < 50 ? emptyAppRoot : undefined,
    firstParagraph,
    lists: pick(['ul', 'ol'])
      .toArray()
      .filter(inContent)
      .filter((el) => $(el).children('li').length >= 2).length,
    tables: pick(['table']).toArray().filter(inContent).length,
    statistics: (contentText.match(STATISTIC) ?? []).length,
    quotations:
      pick(['blockquote', 'q']).toArray().filter(inContent).length +
      (contentText.match(ATTRIBUTED_QUOTE) ?? []).length,
    fleschReadingEase: !lang || /^en\b/i.test(lang) ? fleschReadingEase(contentText) : undefined,
    hasByline,
    isArticle,
    modifiedTime: jsonLd.dateModified ?? modified,
    publishedTime: jsonLd.datePublished ?? published,
    mixedContent,
    jsonLdConflicts: jsonLdConflicts(jsonLd.claims, {
      title,
      h1,
      times,
      metaPublished: published,
      text: bodyText,
    }),
  };
}
