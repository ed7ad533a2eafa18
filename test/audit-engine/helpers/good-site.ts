import { page, prose } from './html.js';
import type { Route } from './fixture-server.js';

// A site that should pass every check that can pass over plain-HTTP loopback (HTTPS cannot).

const today = new Date().toISOString().slice(0, 10);

const organization = (origin: string) => ({
  '@context': 'https://schema.org',
  '@graph': [
    {
      '@type': 'Organization',
      name: 'Example Co',
      url: `${origin}/`,
      logo: `${origin}/logo.png`,
      sameAs: ['https://www.linkedin.com/company/example', 'https://github.com/example'],
    },
    {
      '@type': 'WebSite',
      name: 'Example Co',
      url: `${origin}/`,
      alternateName: 'Example',
    },
  ],
});

const breadcrumb = (origin: string, name: string, path: string) => ({
  '@context': 'https://schema.org',
  '@type': 'BreadcrumbList',
  itemListElement: [
    { '@type': 'ListItem', position: 1, name: 'Home', item: `${origin}/` },
    { '@type': 'ListItem', position: 2, name, item: `${origin}${path}` },
  ],
});

/** Body of a content page that passes every answerability check. */
export function answerBody(h1: string): string {
  return `<main>
<h1>${h1}</h1>
<p>Example Co makes a simple audit tool for small websites. It checks your pages in minutes and tells you what to fix first, in plain words.</p>
<h2>How long does an audit take?</h2>
<p>${prose(80)} About 85% of audits finish in under 2 minutes.</p>
<ul><li>Fast checks</li><li>Clear advice</li><li>Free exports</li></ul>
<blockquote>“The audit found problems we had missed for years,” said Jane Doe, editor at Example News.</blockquote>
<p>Read the <a href="https://www.w3.org/TR/html52/">HTML standard</a> for details. ${prose(60)}</p>
</main>`;
}

export function goodSiteRoutes(): Record<string, Route> {
  return {
    '/': (origin) => ({
      body: page({
        title: 'Example Co – simple website audits',
        canonical: `${origin}/`,
        jsonLd: [organization(origin)],
        body: `${answerBody('Website audits for small teams')}<a href="/guide">Guide</a> <a href="/faq">FAQ</a>`,
      }),
    }),
    '/guide': (origin) => ({
      body: page({
        title: 'How to audit your website in ten minutes',
        canonical: `${origin}/guide`,
        head: `<meta property="og:type" content="article"><meta property="article:modified_time" content="${today}">`,
        jsonLd: [
          {
            '@context': 'https://schema.org',
            '@type': 'Article',
            headline: 'How to audit your website',
            author: { '@type': 'Person', name: 'Jane Doe', url: `${origin}/about` },
            datePublished: today,
            dateModified: today,
            image: `${origin}/guide.png`,
          },
        ],
        // An old URL of the FAQ, redirected: found at depth 2, after /faq itself was kept.
        body: `<p class="byline">By Jane Doe</p>${answerBody('How to audit your website')}<a href="/questions">Old FAQ link</a>`,
      }),
    }),
    '/faq': (origin) => ({
      body: page({
        title: 'Frequently asked questions about audits',
        canonical: `${origin}/faq`,
        jsonLd: [
          {
            '@context': 'https://schema.org',
            '@type': 'FAQPage',
            mainEntity: [
              {
                '@type': 'Question',
                name: 'How long does an audit take?',
                acceptedAnswer: { '@type': 'Answer', text: 'Most audits finish in under two minutes.' },
              },
            ],
          },
        ],
        body: answerBody('Audit questions and answers'),
      }),
    }),
    '/about': (origin) => ({
      body: page({
        title: 'About Example Co and our team',
        canonical: `${origin}/about`,
        jsonLd: [breadcrumb(origin, 'About', '/about')],
        // robots.txt disallows /private/: the crawler must skip this link.
        body: '<main><h1>About us</h1><p>We are a small team that builds website audit tools for people who run websites.</p><a href="/private/notes">Team notes</a></main>',
      }),
    }),
    '/contact': (origin) => ({
      body: page({
        title: 'Contact Example Co support',
        canonical: `${origin}/contact`,
        jsonLd: [breadcrumb(origin, 'Contact', '/contact')],
        body: '<main><h1>Contact</h1><p>Write to us at hello@example.test and we answer within one working day.</p></main>',
      }),
    }),
    '/questions': (origin) => ({ status: 301, headers: { location: `${origin}/faq` } }),
    '/robots.txt': (origin) => ({
      headers: { 'content-type': 'text/plain' },
      body: `User-agent: *\nAllow: /\nDisallow: /private/\n\nUser-agent: GPTBot\nDisallow: /\n\nSitemap: ${origin}/sitemap.xml\n`,
    }),
    '/sitemap.xml': (origin) => ({
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${['/', '/guide', '/faq', '/about', '/contact'].map((p) => `<url><loc>${origin}${p}</loc><lastmod>${today}</lastmod></url>`).join('\n')}
</urlset>`,
    }),
    '/llms.txt': (origin) => ({
      headers: { 'content-type': 'text/markdown; charset=utf-8' },
      body: `# Example Co\n\n> Simple website audits for small teams.\n\nWe check sites for answer engines.\n\n## Docs\n\n- [Guide](${origin}/guide): how to run an audit\n- [FAQ](${origin}/faq)\n\n## Optional\n\n- [About](${origin}/about): the team\n`,
    }),
  };
}
