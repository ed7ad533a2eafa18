import * as cheerio from 'cheerio';
import { isSameSite, normalizeUrl } from '../crawler/url.js';
import type { PageFacts } from './facts.js';
import { summarizeJsonLd } from './json-ld.js';
import { countWords, fleschReadingEase } from './readability.js';
import { ARTICLE_TYPES } from './schema-rules.js';

const BOILERPLATE = 'nav, header, footer, aside, [role=navigation], [role=banner], [role=contentinfo]';
const APP_ROOTS = ['#root', '#app', '#__next', '#__nuxt', '#___gatsby', '[data-reactroot]', 'app-root'];
const QUESTION_START =
  /^(?:what|how|why|when|where|who|whom|which|can|could|does|do|did|is|are|was|should|will|would)\b/i;
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

const clean = (s: string | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};

export function extractFacts(html: string, pageUrl: string): PageFacts {
  const $ = cheerio.load(html);
  const page = new URL(pageUrl);
  const meta = (selector: string) => clean($(selector).first().attr('content'));

  const metaRobots = $('meta[name]')
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

  const canonicals = $('link[rel~="canonical"]');
  const canonical = clean(canonicals.first().attr('href'));

  const jsonLd = summarizeJsonLd(
    $('script[type="application/ld+json" i]')
      .map((_, el) => $(el).text())
      .get(),
  );

  const headingLevels: number[] = [];
  const questionHeadings: string[] = [];
  $('h1, h2, h3, h4, h5, h6').each((_, el) => {
    const level = Number(el.tagName.slice(1));
    headingLevels.push(level);
    const text = clean($(el).text()) ?? '';
    if ((level === 2 || level === 3) && (text.endsWith('?') || QUESTION_START.test(text))) {
      questionHeadings.push(text);
    }
  });

  const images = $('img');
  const imagesMissingAlt = images.filter((_, el) => $(el).attr('alt') === undefined).length;

  const internalLinks = new Set<string>();
  const citations = new Set<string>();
  let aboutLink: string | undefined;
  let contactLink: string | undefined;
  $('a[href]').each((_, el) => {
    const href = normalizeUrl($(el).attr('href') ?? '', pageUrl);
    if (!href) return;
    const text = ($(el).text() ?? '').toLowerCase();
    const path = new URL(href).pathname.toLowerCase();
    if (isSameSite(href, page.host)) {
      internalLinks.add(href);
      if (!aboutLink && (ABOUT_TEXT.test(text) || ABOUT_PATH.test(path))) aboutLink = href;
      if (!contactLink && (CONTACT_TEXT.test(text) || CONTACT_PATH.test(path))) contactLink = href;
    } else if ($(el).closest(BOILERPLATE).length === 0 && !SHARE_LINK.test(href)) {
      citations.add(href);
    }
  });

  const published = meta('meta[property="article:published_time"]');
  const modified = meta('meta[property="article:modified_time"]') ?? meta('meta[property="og:updated_time"]');
  const hasByline =
    jsonLd.hasAuthor ||
    $('meta[name="author" i], [rel~="author"], [itemprop="author"], .byline, .author, [class*="author"]')
      .length > 0;
  const isArticle =
    jsonLd.types.some((t) => ARTICLE_TYPES.has(t)) || meta('meta[property="og:type"]') === 'article';

  const mixedContent =
    page.protocol === 'https:'
      ? $(
          'img[src^="http:"], script[src^="http:"], link[rel=stylesheet][href^="http:"], iframe[src^="http:"]',
        ).length
      : 0;

  // Facts below are about visible text: drop what a reader never sees first.
  $('script, style, noscript, template, svg').remove();
  const bodyText = clean($('body').text()) ?? '';
  const emptyAppRoot = APP_ROOTS.find((sel) => {
    const root = $(sel).first();
    return root.length > 0 && (clean(root.text()) ?? '').length === 0;
  });

  const main = $('main, [role=main], article').first();
  const content = main.length > 0 ? main : $('body');
  content.find(BOILERPLATE).remove();
  const contentText = clean(content.text()) ?? '';

  const h1 = $('h1').first();
  const firstParagraph = $('h1, p')
    .toArray()
    .slice(h1.length > 0 ? $('h1, p').index(h1) + 1 : 0)
    .filter((el) => el.tagName === 'p')
    .map((el) => clean($(el).text()) ?? '')
    .find((text) => countWords(text) >= 8);

  const lang = clean($('html').attr('lang'));
  return {
    title: clean($('title').first().text()),
    metaDescription: meta('meta[name="description" i]'),
    lang,
    metaRobots,
    canonical,
    canonicalResolved: canonical ? normalizeUrl(canonical, pageUrl) : undefined,
    canonicalCount: canonicals.length,
    og: {
      title: meta('meta[property="og:title"]'),
      description: meta('meta[property="og:description"]'),
      image: meta('meta[property="og:image"]'),
      type: meta('meta[property="og:type"]'),
    },
    h1Count: $('h1').length,
    headingLevels,
    questionHeadings,
    images: images.length,
    imagesMissingAlt,
    internalLinks: [...internalLinks],
    citations: [...citations],
    aboutLink,
    contactLink,
    jsonLd,
    words: countWords(bodyText),
    textBytes: Buffer.byteLength(bodyText),
    emptyAppRoot: countWords(bodyText) < 50 ? emptyAppRoot : undefined,
    firstParagraph,
    lists: content.find('ul, ol').filter((_, el) => $(el).children('li').length >= 2).length,
    tables: content.find('table').length,
    statistics: (contentText.match(STATISTIC) ?? []).length,
    quotations: content.find('blockquote, q').length + (contentText.match(ATTRIBUTED_QUOTE) ?? []).length,
    fleschReadingEase: !lang || /^en\b/i.test(lang) ? fleschReadingEase(contentText) : undefined,
    hasByline,
    isArticle,
    modifiedTime: jsonLd.dateModified ?? modified,
    publishedTime: jsonLd.datePublished ?? published,
    mixedContent,
  };
}
