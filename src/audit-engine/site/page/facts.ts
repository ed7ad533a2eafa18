import type { JsonLdSummary } from './json-ld.js';
import type { Section } from './sections.js';

/** Everything the checks need from one HTML page, extracted once; the HTML itself is not kept. */
export interface PageFacts {
  title?: string;
  /** Text of the first H1 (at most about 300 characters). */
  h1?: string;
  metaDescription?: string;
  lang?: string;
  /** Lower-cased directives from <meta name="robots|googlebot|…">, e.g. ["noindex", "max-snippet:0"]. */
  metaRobots: string[];
  canonical?: string;
  /** Canonical resolved against the page URL. */
  canonicalResolved?: string;
  canonicalCount: number;
  /** <link rel="alternate" hreflang> annotations: the value, the href as written, the href resolved. */
  hreflang: { lang: string; href: string; url?: string }[];
  /** <link rel="alternate" type="text/markdown" href>, resolved (as written when it does not resolve). */
  markdownAlternate?: string;
  og: { title?: string; description?: string; image?: string; type?: string };
  h1Count: number;
  /** Heading levels in document order (1–6). */
  headingLevels: number[];
  questionHeadings: string[];
  /** H2–H6 headings of the main content with what follows each (see sections.ts). */
  sections: Section[];
  images: number;
  /** Images that are not decorative (role=presentation/none, aria-hidden, 1×1 pixels) and have no alt, or a file name as alt. */
  imagesMissingAlt: number;
  /** The src of the first few of those. */
  imagesWithoutAlt: string[];
  internalLinks: string[];
  /** Distinct links to other hosts anywhere on the page (navigation and footer included). */
  externalLinks: string[];
  /** Distinct external links in the content area (not nav/header/footer). */
  citations: string[];
  /** Hrefs of links whose URL or text names an About / Contact page. */
  aboutLink?: string;
  contactLink?: string;
  jsonLd: JsonLdSummary;
  words: number;
  /** Words of the main content (main/article, else body; navigation, header, footer, asides removed). */
  contentWords: number;
  /** MinHash signature of the main content's word 3-shingles (shingles.ts); undefined under 3 words. */
  contentSignature?: number[];
  textBytes: number;
  /** id/selector of an empty JavaScript mount point when the page is an app shell. */
  emptyAppRoot?: string;
  firstParagraph?: string;
  lists: number;
  tables: number;
  statistics: number;
  quotations: number;
  fleschReadingEase?: number;
  hasByline: boolean;
  isArticle: boolean;
  modifiedTime?: string;
  publishedTime?: string;
  /** http:// sub-resources on an https page. */
  mixedContent: number;
  /** Statements of the JSON-LD the visible page contradicts (json-ld-visible.ts). */
  jsonLdConflicts: string[];
}
