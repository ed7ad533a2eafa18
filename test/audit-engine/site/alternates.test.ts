import { describe, expect, it } from '@jest/globals';
import { markdownUrlOf } from '../../../src/audit-engine/site/alternates.js';
import { page, prose } from '../helpers/html.js';
import { auditSite } from './fixtures/audit.js';
import type { Route } from '../helpers/fixture-server.js';

const MD = (text: string): Route => ({
  headers: { 'content-type': 'text/markdown; charset=utf-8' },
  body: text,
});

describe('Markdown URL of a page (llmstxt.org)', () => {
  it('appends .md, or index.html.md to a URL without a file name', () => {
    expect(markdownUrlOf('https://x.test/docs/intro')).toBe('https://x.test/docs/intro.md');
    expect(markdownUrlOf('https://x.test/docs/')).toBe('https://x.test/docs/index.html.md');
    expect(markdownUrlOf('https://x.test/?q=1')).toBe('https://x.test/index.html.md');
  });
});

const body = (h1: string, links = '') => `<main><h1>${h1}</h1><p>${prose(30)}</p>${links}</main>`;

describe('machine-readable alternates on fixture sites', () => {
  it('pass with llms-full.txt and Markdown versions offered each way, noting what was found', async () => {
    const site = await auditSite({
      '/': {
        handle: (req, res) => {
          // Content negotiation on the home page.
          if (/text\/markdown/.test(req.headers.accept ?? '')) {
            res.writeHead(200, { 'content-type': 'text/markdown' }).end(`# Home\n\n${prose(30)}`);
            return;
          }
          res
            .writeHead(200, { 'content-type': 'text/html' })
            .end(page({ body: body('Home', '<a href="/docs">Docs</a> <a href="/guide">Guide</a>') }));
        },
      },
      '/docs': {
        body: page({
          head: '<link rel="alternate" type="text/markdown" href="/docs.md">',
          body: body('Docs'),
        }),
      },
      '/docs.md': MD(`# Docs\n\n${prose(30)}`),
      '/guide': { body: page({ body: body('Guide') }) },
      '/guide.md': MD(`# Guide\n\n${prose(30)}`),
      '/llms-full.txt': MD(`# Example\n\n> Everything.\n\n${prose(120)}`),
    });
    const o = site.origin;
    expect(site.check('llms_txt.full-format')).toMatchObject({ status: 'PASSED', score: 1, finding: null });
    expect(site.check('llms_txt.markdown-versions')).toMatchObject({
      status: 'PASSED',
      score: 1,
      severity: 'INFO',
    });
    const detail = site.finding('llms_txt.markdown-versions')?.detail;
    expect(detail).toContain(`${o}/docs: declared ${o}/docs.md`);
    expect(detail).toContain(`${o}/guide: ${o}/guide.md`);
    expect(detail).toContain(`${o}/: Accept: text/markdown`);
    expect(site.requested).toContain('/index.html.md');
  });

  it('flag a broken declared Markdown version, a catch-all .md and a malformed llms-full.txt', async () => {
    const site = await auditSite({
      '/': { body: page({ body: body('Home', '<a href="/docs">Docs</a> <a href="/guide">Guide</a>') }) },
      '/docs': {
        body: page({
          head: '<link rel="alternate" type="text/markdown" href="/docs.md">',
          body: body('Docs'),
        }),
      },
      // The .md URL answers 200 with the HTML app shell: not a Markdown version.
      '/guide': {
        body: page({
          head: '<link rel="alternate" type="text/markdown" href="/guide.md">',
          body: body('Guide'),
        }),
      },
      '/guide.md': { body: page({ body: body('Guide') }) },
      '/index.html.md': MD(`# Home\n\n${prose(20)}`),
      '/llms-full.txt': { headers: { 'content-type': 'application/octet-stream' }, body: 'just a few words' },
    });
    const o = site.origin;
    const md = site.finding('llms_txt.markdown-versions');
    expect(md?.severity).toBe('LOW');
    expect(md?.urls.sort()).toEqual([`${o}/docs`, `${o}/guide`]);
    expect(md?.detail).toContain(`${o}/docs: declares ${o}/docs.md, which fails (HTTP 404)`);
    expect(md?.detail).toContain(
      `${o}/guide: declares ${o}/guide.md, which fails (an HTML page or empty, not Markdown)`,
    );
    expect(md?.detail).toContain(`${o}/: ${o}/index.html.md`);
    const full = site.finding('llms_txt.full-format');
    expect(full?.detail).toContain('first line must be an H1');
    expect(full?.detail).toContain('only 4 words');
    expect(full?.detail).toContain('served as "application/octet-stream"');
    expect(site.check('llms_txt.full-format').score).toBe(0);
  });

  it('say what was looked for when a site offers none', async () => {
    const site = await auditSite({ '/': { body: page({ body: body('Home') }) } });
    expect(site.check('llms_txt.markdown-versions').reason).toBe(
      'none of the 1 sampled pages offers a Markdown version (no rel=alternate text/markdown link, no .md URL, no Accept: text/markdown negotiation); it is optional',
    );
    expect(site.check('llms_txt.full-format').reason).toBe('no llms-full.txt is published (it is optional)');
  });
});
