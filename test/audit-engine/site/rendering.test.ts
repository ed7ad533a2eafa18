import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { page, prose } from '../helpers/html.js';
import { auditSite } from './fixtures/audit.js';

// Debian's chromium (DESIGN.md); the test needs it, as the check does.
const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

const spa =
  '<!doctype html><html lang="en"><head><title>App page title here</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>';
// The script also sends a beacon (a POST): the browser may only GET documents, scripts and data.
const app = `document.getElementById('root').innerHTML = '<main><h1>Rendered</h1><p>${prose(120)}</p><img src="/pixel.png"></main>';
try { navigator.sendBeacon('/beacon', 'x'); } catch (e) {}`;

const routes = {
  '/': { body: page({ body: `<main><h1>Static</h1><p>${prose(120)}</p><a href="/app">App</a></main>` }) },
  '/app': { body: spa },
  '/app.js': { headers: { 'content-type': 'text/javascript' }, body: app },
};

describe('rendered text against raw HTML', () => {
  it('says the comparison was not made without Chromium', async () => {
    const site = await auditSite(routes);
    expect(site.check('content_rendering.rendered-vs-raw')).toMatchObject({
      status: 'NOT_APPLICABLE',
      reason: 'the rendered comparison was not made: no Chromium is configured (CHROMIUM_PATH)',
    });
    expect(site.requested).not.toContain('/app.js');
  });

  it('says so when the configured Chromium does not start', async () => {
    const site = await auditSite(routes, { chromiumPath: '/nonexistent/chromium' });
    expect(site.check('content_rendering.rendered-vs-raw').reason).toMatch(
      /^the rendered comparison was not made: Chromium did not start: /,
    );
  });

  (existsSync(CHROMIUM) ? it : it.skip)(
    'renders pages through the safe fetcher and flags text that exists only after scripts run',
    async () => {
      const site = await auditSite(routes, { chromiumPath: CHROMIUM });
      const o = site.origin;
      const check = site.check('content_rendering.rendered-vs-raw');
      expect(check).toMatchObject({ status: 'FAILED', severity: 'HIGH', score: 0.5 });
      expect(check.finding?.urls).toEqual([`${o}/app`]);
      expect(check.finding?.detail).toMatch(
        /^1 of 2 rendered pages .*\/app: 0 words in the HTML, \d+ rendered\.$/,
      );
      // The script ran (its request came through the fixture server); the image it added was never fetched.
      expect(site.requested).toContain('/app.js');
      expect(site.requested).not.toContain('/pixel.png');
      expect(site.requested).not.toContain('/beacon');
    },
    60_000,
  );

  (existsSync(CHROMIUM) ? it : it.skip)(
    'passes a site whose HTML already carries its text',
    async () => {
      const site = await auditSite({ '/': routes['/'] }, { chromiumPath: CHROMIUM });
      expect(site.check('content_rendering.rendered-vs-raw')).toMatchObject({
        status: 'PASSED',
        score: 1,
        finding: null,
      });
    },
    60_000,
  );
});
