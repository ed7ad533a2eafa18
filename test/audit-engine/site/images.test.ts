import { describe, expect, it } from '@jest/globals';
import { extractFacts } from '../../../src/audit-engine/site/page/extract.js';
import { scanImageSitemap } from '../../../src/audit-engine/site/resources.js';
import { page } from '../helpers/html.js';
import { auditSite } from './fixtures/audit.js';

const PNG = { headers: { 'content-type': 'image/png' }, body: '\x89PNG\r\n\x1a\n' };

describe('alt text of content images', () => {
  it('excepts decorative images and treats file names as missing alt text', () => {
    const facts = extractFacts(
      page({
        body: `<main><h1>Images</h1>
<img src="/ok.png" alt="A chart of audit times">
<img src="/decorative.png" alt="">
<img src="/hidden.png" aria-hidden="true">
<img src="/spacer.gif" role="presentation">
<img src="/pixel.gif" width="1" height="1">
<img src="/missing.png">
<img src="/camera.jpg" alt="IMG_0042.jpg">
<img src="/dsc.jpg" alt="DSC1234"></main>`,
      }),
      'https://x.test/',
    );
    expect(facts.images).toBe(8);
    expect(facts.imagesMissingAlt).toBe(3);
    expect(facts.imagesWithoutAlt).toEqual(['/missing.png', '/camera.jpg', '/dsc.jpg']);
  });
});

describe('image sitemap scan', () => {
  it('reads image:loc entries, counts images without one, and sees the namespace', () => {
    const xml = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>https://x.test/a</loc><image:image><image:loc>https://x.test/a.png?x=1&amp;y=2</image:loc></image:image><image:image></image:image></url>
<url><loc>https://x.test/b</loc><image:image><image:loc><![CDATA[https://x.test/b.png]]></image:loc></image:image></url></urlset>`;
    expect(scanImageSitemap(xml)).toEqual({
      locs: ['https://x.test/a.png?x=1&y=2', 'https://x.test/b.png'],
      count: 2,
      withoutLoc: 1,
      namespace: true,
    });
    expect(scanImageSitemap('<urlset><url><loc>https://x.test/</loc></url></urlset>').count).toBe(0);
  });
});

const sitemap = (origin: string, images: string[], namespace = true) => ({
  headers: { 'content-type': 'application/xml' },
  body: `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${namespace ? ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"' : ''}>
<url><loc>${origin}/</loc>${images.map((i) => `<image:image><image:loc>${origin}${i}</image:loc></image:image>`).join('')}</url>
<url><loc>${origin}/gallery</loc></url></urlset>`,
});

describe('og:image and image sitemap checks on fixture sites', () => {
  it('pass when og:images and sitemap images load', async () => {
    const site = await auditSite({
      '/': {
        body: page({
          body: '<main><h1>Home</h1><img src="/og.png" alt="Logo"><a href="/gallery">Gallery</a></main>',
        }),
      },
      '/gallery': { body: page({ head: '', body: '<main><h1>Gallery</h1></main>' }) },
      '/og.png': PNG,
      '/photo.png': PNG,
      '/sitemap.xml': (o) => sitemap(o, ['/photo.png', '/og.png']),
    });
    for (const id of ['basics.og-image-resolves', 'basics.image-sitemap', 'basics.image-alt'])
      expect([id, site.check(id).status, site.finding(id)]).toEqual([id, 'PASSED', undefined]);
    // Both pages name /og.png: requested once as their og:image, once more as a sitemap image.
    expect(site.requested.filter((p) => p === '/og.png')).toHaveLength(2);
  });

  it('flag an og:image that 404s or is not an image, and a broken image sitemap', async () => {
    const site = await auditSite({
      '/': {
        body: page({
          og: false,
          head: '<meta property="og:title" content="t"><meta property="og:description" content="d"><meta property="og:image" content="/missing.png">',
          body: '<main><h1>Home</h1><a href="/gallery">Gallery</a></main>',
        }),
      },
      '/gallery': {
        body: page({
          og: false,
          head: '<meta property="og:image" content="/page.html">',
          body: '<main><h1>Gallery</h1></main>',
        }),
      },
      '/page.html': { body: '<html></html>' },
      '/sitemap.xml': (o) => sitemap(o, ['/gone.png'], false),
    });
    const o = site.origin;
    const og = site.finding('basics.og-image-resolves');
    expect(og?.urls.sort()).toEqual([`${o}/`, `${o}/gallery`]);
    expect(og?.detail).toContain(`${o}/missing.png (HTTP 404; on ${o}/)`);
    expect(og?.detail).toContain(`${o}/page.html (served as text/html, not an image; on ${o}/gallery)`);
    expect(site.check('basics.og-image-resolves').score).toBe(0);
    const map = site.finding('basics.image-sitemap');
    expect(map?.detail).toContain('does not declare xmlns:image');
    expect(map?.detail).toContain(`${o}/gone.png (HTTP 404)`);
    expect(site.check('basics.image-sitemap').score).toBeCloseTo(1 / 3, 3);
  });

  it('skips og:images robots.txt disallows and says why nothing was judged', async () => {
    const site = await auditSite({
      '/': { body: page({ body: '<main><h1>Home</h1></main>' }) },
      '/robots.txt': {
        headers: { 'content-type': 'text/plain' },
        body: 'User-agent: *\nDisallow: /og.png\n',
      },
    });
    expect(site.requested).not.toContain('/og.png');
    expect(site.check('basics.og-image-resolves')).toMatchObject({
      status: 'NOT_APPLICABLE',
      reason: 'robots.txt disallows every og:image for our crawler',
    });
    expect(site.check('basics.image-sitemap').reason).toBe(
      'no sitemap lists images (<image:image>), which is optional',
    );
  });
});
