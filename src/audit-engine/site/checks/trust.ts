import { NO_HTML_PAGES, pageCheck } from './page-rule.js';
import type { CheckSpec, SiteData, Verdict } from './types.js';

// Signals of who stands behind the content (E-E-A-T in Google's terms), which answer engines use
// to decide what to trust and cite.

const author = pageCheck(
  {
    checkId: 'trust.author',
    category: 'trust',
    weight: 3,
    title: 'Articles name their author',
    description:
      'On article pages (og:type article or an Article-type JSON-LD entity): passes with a byline (.byline/.author classes, rel=author, itemprop=author), a meta author tag or an author in the JSON-LD. Score: share of articles with an author.',
    rationale:
      'Who wrote a piece is a core trust signal (the E-E-A-T "who" of Google’s helpful-content guidance); engines weigh named, identifiable authors when choosing what to cite.',
    source: 'https://developers.google.com/search/docs/fundamentals/creating-helpful-content',
  },
  {
    title: 'Articles without an author',
    recommendation:
      'Show a byline linking to an author page, and add author (a Person with name, url, sameAs) to the Article JSON-LD.',
    severity: 'MEDIUM',
    applies: (page) => page.facts.isArticle,
    notApplicable: 'no crawled page is an article',
    problem: (page) =>
      page.facts.hasByline ? undefined : 'no byline, rel=author, meta author or JSON-LD author',
  },
);

function aboutContact(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  const about = site.htmlPages.find((p) => p.facts.aboutLink)?.facts.aboutLink;
  const contact = site.htmlPages.find((p) => p.facts.contactLink)?.facts.contactLink;
  const lacking = [about ? undefined : 'About', contact ? undefined : 'Contact'].filter(Boolean);
  if (lacking.length === 0) return { score: 1 };
  return {
    score: 1 - lacking.length / 2,
    finding: {
      severity: 'MEDIUM',
      title: `No ${lacking.join(' or ')} page linked`,
      detail: `No link to an ${lacking.join(' or ')} page was found on the ${site.htmlPages.length} crawled pages.`,
      recommendation:
        'Link About and Contact pages from the navigation or footer; say who runs the site, with address and contact details.',
      urls: [site.home.finalUrl],
    },
  };
}

function sameAs(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  if (site.htmlPages.some((p) => p.facts.jsonLd.sameAs.length > 0)) return { score: 1 };
  return {
    score: 0,
    finding: {
      severity: 'LOW',
      title: 'No sameAs profiles',
      detail: 'No Organization, LocalBusiness or Person entity lists sameAs profile URLs.',
      recommendation:
        'Add sameAs to your Organization JSON-LD with your official profiles (Wikipedia/Wikidata, LinkedIn, X, GitHub, Crunchbase …) so engines can connect the site to the entity.',
      urls: [site.home.finalUrl],
    },
  };
}

function https(site: SiteData): Verdict {
  const { home } = site;
  const hops = [...home.redirects.map((r) => r.url), home.finalUrl];
  const downgrade = hops.findIndex(
    (u, i) => i > 0 && u.startsWith('http:') && hops[i - 1]?.startsWith('https:'),
  );
  const problem = home.finalUrl.startsWith('http:')
    ? `${home.finalUrl} is served over plain HTTP${hops.length > 1 ? ` (via ${hops.join(' → ')})` : ''}`
    : downgrade > 0
      ? `redirects pass through plain HTTP: ${hops.join(' → ')}`
      : undefined;
  if (!problem) return { score: 1 };
  return {
    score: 0,
    finding: {
      severity: 'HIGH',
      title: 'Site not served over HTTPS',
      detail: problem,
      recommendation:
        'Serve every page over HTTPS and 301-redirect http:// URLs to https:// in a single hop; enable HSTS.',
      urls: [home.finalUrl],
    },
  };
}

const mixedContent = pageCheck(
  {
    checkId: 'trust.mixed-content',
    category: 'trust',
    weight: 1,
    title: 'HTTPS pages load every resource over HTTPS',
    description:
      'On pages served over https: counts images, scripts, stylesheets and iframes loaded from http:// URLs; any fails the page. Score: share of HTTPS pages without mixed content.',
    rationale:
      'Browsers block or flag mixed content, so pages break or show security warnings; a page that is not fully secure is a weaker source to send users to.',
    source: 'https://web.dev/articles/what-is-mixed-content',
  },
  {
    title: 'Mixed content on HTTPS pages',
    recommendation: 'Load every image, script, stylesheet and iframe over https://.',
    severity: 'LOW',
    applies: (page) => page.finalUrl.startsWith('https:'),
    notApplicable: 'no crawled page is served over HTTPS',
    problem: (page) =>
      page.facts.mixedContent > 0 ? `${page.facts.mixedContent} http:// sub-resource(s)` : undefined,
  },
);

export const trustChecks: CheckSpec[] = [
  author,
  {
    checkId: 'trust.about-contact',
    category: 'trust',
    weight: 2,
    title: 'About and Contact pages are linked',
    description:
      'Looks on every crawled HTML page for a link whose text ("About us", "Contact", "Who we are" …) or path (/about, /team, /contact …) names an About or a Contact page. Half credit for each found.',
    rationale:
      'Saying who runs a site and how to reach them is basic evidence of a real, accountable publisher, which Google’s helpful-content guidance and answer engines look for before trusting a source.',
    source: 'https://developers.google.com/search/docs/fundamentals/creating-helpful-content',
    run: aboutContact,
  },
  {
    checkId: 'trust.same-as',
    category: 'trust',
    weight: 1,
    title: 'The organisation lists its official profiles (sameAs)',
    description:
      'Passes when any crawled page has an Organization, LocalBusiness or Person entity in JSON-LD with sameAs profile URLs.',
    rationale:
      'sameAs links (Wikipedia, Wikidata, LinkedIn, GitHub …) let engines reconcile the site with the entity they already know, so its content is attributed to the right organisation.',
    source: 'https://schema.org/sameAs',
    run: sameAs,
  },
  {
    checkId: 'trust.https',
    category: 'trust',
    weight: 4,
    title: 'The site is served over HTTPS',
    description:
      'Follows the start page’s redirects: fails when the final URL is plain http://, or when the redirect chain passes from https:// through an http:// hop.',
    rationale:
      'HTTPS protects what users and crawlers receive from tampering; engines prefer secure pages, and browsers warn users sent to insecure ones from an answer.',
    source: 'https://developers.google.com/search/docs/appearance/page-experience',
    run: https,
  },
  mixedContent,
];
