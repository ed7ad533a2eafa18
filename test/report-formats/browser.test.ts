// The HTML report in a real browser (headless Chromium through playwright-core): it loads nothing
// but itself, logs no error, runs no script, shows the score and charts, fits a phone screen, and
// prints. Screenshots go to artifacts/. Without Chromium the suite is skipped, except under CI,
// where it fails: a report nobody opened in a browser is not tested.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import type { AuditResultDocument } from '../../src/audit-engine/result.js';
import { renderReport } from '../../src/reports/render.js';
import { CATALOGUE, siteDocument, visibilityDocument } from './documents.js';
import { ARTIFACTS, browserSuite, launchChromium } from '../helpers/chromium.js';

const suite = browserSuite('the HTML report');

suite('HTML report in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    const render = (doc: AuditResultDocument) =>
      renderReport(doc, 'html', { checks: CATALOGUE, generatedAt: new Date('2026-05-03T12:00:00Z') }).body;
    pages['/site.html'] = render(siteDocument());
    pages['/visibility.html'] = render(visibilityDocument());
    server = createServer((req, res) => {
      const body = pages[req.url ?? ''];
      if (body === undefined) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  /** Opens a report, recording every request, console error, page error and dialog. */
  async function open(path: string, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', async (route) => {
      requests.push(route.request().url());
      if (route.request().url() === `${origin}${path}`) await route.continue();
      else await route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    return { page, requests, errors, close: () => context.close() };
  }

  async function charts(page: Page) {
    return page.$$eval('svg.chart', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return { className: svg.getAttribute('class'), width: box.width, height: box.height };
      }),
    );
  }

  it.each([
    ['site', '/site.html', '63', ['chart chart-bars', 'chart chart-line']],
    [
      'visibility',
      '/visibility.html',
      '48',
      ['chart chart-bars', 'chart chart-intervals', 'chart chart-line', 'chart chart-line'],
    ],
  ])(
    'the %s report loads only itself, shows the score and sized charts',
    async (name, path, score, kinds) => {
      const { page, requests, errors, close } = await open(path, { width: 1280, height: 900 });
      try {
        expect(errors).toEqual([]);
        expect(requests).toEqual([`${origin}${path}`]);
        expect(await page.locator('.score').innerText()).toBe(`${score}/100`);
        expect(await page.locator('.score').isVisible()).toBe(true);
        expect(await page.locator('.grade').isVisible()).toBe(true);
        expect(await page.locator('script').count()).toBe(0);
        const drawn = await charts(page);
        expect(drawn.map((c) => c.className)).toEqual(kinds);
        for (const chart of drawn) {
          expect(chart.width).toBeGreaterThan(300);
          expect(chart.height).toBeGreaterThan(40);
        }
        await page.screenshot({ path: `${ARTIFACTS}report-${name}.png`, fullPage: true });
        // Printable: the print stylesheet applies and Chromium lays it out on pages.
        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThan(1);
      } finally {
        await close();
      }
    },
  );

  it.each([
    ['site', '/site.html'],
    ['visibility', '/visibility.html'],
  ])('the %s report fits a phone screen (390×844) without horizontal scrolling', async (name, path) => {
    const { page, errors, close } = await open(path, { width: 390, height: 844 });
    try {
      expect(errors).toEqual([]);
      // A string: the test project has no DOM types.
      const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
        '({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })',
      );
      expect(innerWidth).toBe(390);
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth + 1);
      for (const chart of await charts(page)) {
        expect(chart.width).toBeGreaterThan(200);
        expect(chart.width).toBeLessThanOrEqual(390);
      }
      expect(await page.locator('.score').isVisible()).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}report-${name}-phone.png`, fullPage: true });
    } finally {
      await close();
    }
  });
});
