import { runPageRule } from './page-rule.js';
import type { Check, CheckResult, SiteData } from './types.js';

// Signals of who stands behind the content (E-E-A-T in Google's terms), which answer engines use
// to decide what to trust and cite.

const author: Check = (site) =>
  runPageRule(
    {
      id: 'trust.author',
      category: 'trust',
      weight: 3,
      title: 'Articles without an author',
      recommendation:
        'Show a byline linking to an author page, and add author (a Person with name, url, sameAs) to the Article JSON-LD.',
      severity: 'MEDIUM',
      applies: (page) => page.facts.isArticle,
      problem: (page) =>
        page.facts.hasByline ? undefined : 'no byline, rel=author, meta author or JSON-LD author',
    },
    site,
  );

function aboutContact(site: SiteData): CheckResult {
  const base = { id: 'trust.about-contact', category: 'trust' as const, weight: 2 };
  if (site.htmlPages.length === 0) return { ...base, score: undefined };
  const about = site.htmlPages.find((p) => p.facts.aboutLink)?.facts.aboutLink;
  const contact = site.htmlPages.find((p) => p.facts.contactLink)?.facts.contactLink;
  const lacking = [about ? undefined : 'About', contact ? undefined : 'Contact'].filter(Boolean);
  if (lacking.length === 0) return { ...base, score: 1 };
  return {
    ...base,
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

function sameAs(site: SiteData): CheckResult {
  const base = { id: 'trust.same-as', category: 'trust' as const, weight: 1 };
  if (site.htmlPages.length === 0) return { ...base, score: undefined };
  if (site.htmlPages.some((p) => p.facts.jsonLd.sameAs.length > 0)) return { ...base, score: 1 };
  return {
    ...base,
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

function https(site: SiteData): CheckResult {
  const base = { id: 'trust.https', category: 'trust' as const, weight: 4 };
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
  if (!problem) return { ...base, score: 1 };
  return {
    ...base,
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

const mixedContent: Check = (site) =>
  runPageRule(
    {
      id: 'trust.mixed-content',
      category: 'trust',
      weight: 1,
      title: 'Mixed content on HTTPS pages',
      recommendation: 'Load every image, script, stylesheet and iframe over https://.',
      severity: 'LOW',
      applies: (page) => page.finalUrl.startsWith('https:'),
      problem: (page) =>
        page.facts.mixedContent > 0 ? `${page.facts.mixedContent} http:// sub-resource(s)` : undefined,
    },
    site,
  );

export const trustChecks: Check[] = [author, aboutContact, sameAs, https, mixedContent];
