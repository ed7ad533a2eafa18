import { hardProse, page } from './html.js';
import type { Route } from './fixture-server.js';

// A site that fails most checks, each on known pages. No Organization, no About/Contact links,
// no sitemap, no llms.txt.

const basic = (body: string, extra: Partial<Parameters<typeof page>[0]> = {}) =>
  page({
    nav: false,
    jsonLd: [{ '@context': 'https://schema.org', '@type': 'WebPage', name: 'x' }],
    body,
    ...extra,
  });

const links = [
  '/hidden',
  '/hidden-header',
  '/nosnippet',
  '/missing',
  '/error',
  '/spa',
  '/invalid-ld',
  '/faq-bad',
  '/chain',
  '/canon-other',
  '/sloppy',
  '/slow',
  '/article-old',
  '/private/page',
]
  .map((p) => `<a href="${p}">${p}</a>`)
  .join(' ');

export function badSiteRoutes(): Record<string, Route> {
  return {
    '/robots.txt': {
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: OAI-SearchBot\nDisallow: /\n\nUser-agent: ChatGPT-User\nDisallow: /\n\nUser-agent: PerplexityBot\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n',
    },
    // The home page refuses AI crawlers' user agents, as some WAF "block AI bots" settings do.
    '/': {
      handle: (req, res, origin) => {
        const ua = req.headers['user-agent'] ?? '';
        if (/GPTBot|ClaudeBot/.test(ua)) {
          res.writeHead(403, { 'content-type': 'text/html' }).end('<h1>Forbidden</h1>');
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(
          basic(
            `<main><h1>Welcome</h1><p>Short intro to the site and its pages for visitors.</p>${links}</main>`,
            { canonical: `${origin}/` },
          ),
        );
      },
    },
    '/hidden': {
      body: basic('<h1>Hidden</h1><p>Nothing to see here.</p>', {
        head: '<meta name="robots" content="noindex, follow">',
      }),
    },
    '/hidden-header': { headers: { 'x-robots-tag': 'noindex' }, body: basic('<h1>Header hidden</h1>') },
    '/nosnippet': {
      body: basic('<h1>No snippet</h1>', { head: '<meta name="robots" content="max-snippet:0">' }),
    },
    '/error': { status: 500, body: 'boom' },
    '/spa': {
      body: '<!doctype html><html lang="en"><head><title>App shell page title</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>',
    },
    '/invalid-ld': {
      body: page({
        nav: false,
        jsonLd: ['{"@context": "https://schema.org", "@type": "Organization", }'],
        body: '<h1>Bad JSON-LD</h1>',
      }),
    },
    '/faq-bad': {
      body: page({
        nav: false,
        jsonLd: [
          {
            '@context': 'https://schema.org',
            '@type': 'FAQPage',
            mainEntity: [{ '@type': 'Question', name: 'Why?' }],
          },
        ],
        body: '<h1>FAQ</h1>',
      }),
    },
    '/chain': { status: 301, headers: { location: '/chain2' } },
    '/chain2': { status: 301, headers: { location: '/chain-end' } },
    '/chain-end': { body: basic('<h1>End of the chain</h1>') },
    '/canon-other': { body: basic('<h1>Other host</h1>', { canonical: 'https://other.example/page' }) },
    '/sloppy': {
      body: page({
        nav: false,
        title: null,
        description: null,
        lang: null,
        og: false,
        body: '<h1>One</h1><h1>Two</h1><h3>Skipped a level</h3><img src="/a.png"><img src="/b.png" alt="">',
      }),
    },
    '/slow': {
      handle: async (_req, res) => {
        await new Promise((r) => setTimeout(r, 900));
        res.writeHead(200, { 'content-type': 'text/html' }).end(basic('<h1>Slow page</h1>'));
      },
    },
    '/article-old': {
      body: page({
        nav: false,
        head: '<meta property="og:type" content="article"><meta property="article:modified_time" content="2015-03-01T00:00:00Z">',
        body: `<main><h1>Considerations</h1><p>Why would anyone consider this topic at all?</p><h2>Background</h2><p>${hardProse(250)}</p></main>`,
      }),
    },
    '/private/page': { body: basic('<h1>Private page</h1>') },
  };
}
