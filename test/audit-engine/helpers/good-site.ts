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

/** Distinct text per content page (a well-prepared site does not repeat its pages). */
const VARIANTS = [
  {
    intro:
      'Example Co makes a simple audit tool for small websites. It checks your pages in minutes and tells you what to fix first, in plain words.',
    question: 'How long does an audit take?',
    body: `${prose(80)} About 85% of audits finish in under 2 minutes.`,
    items: ['Fast checks', 'Clear advice', 'Free exports'],
    more: prose(60),
  },
  {
    intro:
      'You can audit a small website in ten minutes with a plan and a free tool. Start with the pages people visit most, then work down the list.',
    question: 'What should you check first?',
    body: 'Look at the home page before anything else. Make sure each page has a clear title and one main heading. Check that search tools may read the site and that no page is hidden by mistake. Read the text out loud and cut long sentences in half. Fix broken links as soon as you find them. Write down each change so you can test it again next month. In our tests 75% of sites had at least one page with a missing title.',
    items: ['Titles and headings', 'Robots rules', 'Broken links'],
    more: 'Keep a short log of every fix with the date and the page. Run the same audit again after a week to see what changed. Share the report with the people who write the pages, so they learn what to look for. Small fixes made each week add up to a much better site within a few months of steady work.',
  },
  {
    intro:
      'These are the questions our users ask most often about audits. Each answer is short, and links point to the page with the full details.',
    question: 'Do I need to install anything?',
    body: 'No, the audit runs in your browser and needs no setup at all. You type the address of your site and press start. The tool then reads your pages the way a search robot would. It never changes anything on your site. You can stop an audit at any time and start a new one later. Reports stay in your account for a full year, and 90% of users download them as a file to share with their team.',
    items: ['No install', 'Runs in the browser', 'Reports kept for a year'],
    more: 'Our support team reads every message and replies within one working day. You can also write to us if a check seems wrong for your site. We look at each case and improve the checks when we find a mistake. Many of the best ideas for new checks came from questions like yours.',
  },
];

/** Body of a content page that passes every answerability check (variant: which page's text). */
export function answerBody(h1: string, variant = 0): string {
  const v = VARIANTS[variant % VARIANTS.length] ?? VARIANTS[0];
  return `<main>
<h1>${h1}</h1>
<p>${v?.intro}</p>
<h2>${v?.question}</h2>
<p>${v?.body}</p>
<ul>${v?.items.map((i) => `<li>${i}</li>`).join('')}</ul>
<blockquote>“The audit found problems we had missed for years,” said Jane Doe, editor at Example News.</blockquote>
<p>Read the <a href="https://www.w3.org/TR/html52/">HTML standard</a> for details. ${v?.more}</p>
</main>`;
}

export function goodSiteRoutes(): Record<string, Route> {
  return {
    '/': (origin) => ({
      body: page({
        title: 'Example Co – simple website audits',
        description: 'Example Co audits small websites for answer engines and tells you what to fix first.',
        canonical: `${origin}/`,
        jsonLd: [organization(origin)],
        body: `${answerBody('Website audits for small teams')}<a href="/guide">Guide</a> <a href="/faq">FAQ</a>`,
      }),
    }),
    '/guide': (origin) => ({
      body: page({
        title: 'How to audit your website in ten minutes',
        description:
          'A ten-minute plan to audit your own website: what to check first and how to keep a log.',
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
        body: `<p class="byline">By Jane Doe</p>${answerBody('How to audit your website', 1)}<a href="/questions">Old FAQ link</a>`,
      }),
    }),
    '/faq': (origin) => ({
      body: page({
        title: 'Frequently asked questions about audits',
        description: 'Short answers to the questions users ask most about Example Co audits and reports.',
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
        body: answerBody('Audit questions and answers', 2),
      }),
    }),
    '/about': (origin) => ({
      body: page({
        title: 'About Example Co and our team',
        description:
          'Who we are: the small team behind Example Co and the audit tools we build for websites.',
        canonical: `${origin}/about`,
        jsonLd: [breadcrumb(origin, 'About', '/about')],
        // robots.txt disallows /private/: the crawler must skip this link.
        body: '<main><h1>About us</h1><p>We are a small team that builds website audit tools for people who run websites.</p><a href="/private/notes">Team notes</a></main>',
      }),
    }),
    '/contact': (origin) => ({
      body: page({
        title: 'Contact Example Co support',
        description:
          'How to reach Example Co support by email; we answer every message within one working day.',
        canonical: `${origin}/contact`,
        jsonLd: [breadcrumb(origin, 'Contact', '/contact')],
        body: '<main><h1>Contact</h1><p>Write to us at hello@example.test and we answer within one working day.</p></main>',
      }),
    }),
    '/questions': (origin) => ({ status: 301, headers: { location: `${origin}/faq` } }),
    // The og:image every page names (html.ts): a real, if tiny, PNG.
    '/og.png': { headers: { 'content-type': 'image/png' }, body: '\x89PNG\r\n\x1a\n' },
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
