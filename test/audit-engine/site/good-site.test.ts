import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CHECK_CATALOGUE, runSiteAudit, type SiteDetails } from '../../../src/audit-engine/site/index.js';
import type { AuditReport, ProgressUpdate } from '../../../src/audit-engine/report.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { goodSiteRoutes } from '../helpers/good-site.js';

describe('site audit of a well-prepared site', () => {
  let server: FixtureServer;
  let report: AuditReport;
  const updates: ProgressUpdate[] = [];

  beforeAll(async () => {
    server = await startFixtureServer(goodSiteRoutes());
    report = await runSiteAudit(`${server.origin}/`, {
      allowedPrivateHosts: ['127.0.0.1'],
      onProgress: (u) => updates.push(u),
    });
  });
  afterAll(() => server.close());

  it('passes every check except HTTPS (loopback fixtures are plain HTTP)', () => {
    const problems = report.findings.filter((f) => f.severity !== 'INFO');
    expect(problems.map((f) => `${f.checkId}: ${f.detail}`)).toEqual([
      expect.stringMatching(/^trust\.https:/),
    ]);
    expect(report.score).toBeGreaterThanOrEqual(90);
  });

  it('reports the GPTBot training opt-out as INFO without costing points', () => {
    const training = report.findings.find((f) => f.checkId === 'ai_access.training-bots-blocked');
    expect(training).toMatchObject({ severity: 'INFO', pointsLost: 0 });
    expect(training?.detail).toContain('GPTBot (OpenAI, training)');
  });

  it('notes nothing about llms-full.txt when absent and scores all nine categories', () => {
    expect(report.categories.map((c) => c.category)).toEqual([
      'ai_access',
      'indexability',
      'structured_data',
      'answerability',
      'content_rendering',
      'trust',
      'freshness',
      'llms_txt',
      'basics',
    ]);
    expect(report.categories.every((c) => c.applicable && c.reason === undefined)).toBe(true);
    // Every category applies, so the weights are the documented ones, unrounded.
    expect(report.categories.find((c) => c.category === 'ai_access')?.weight).toBeCloseTo(0.2, 12);
    const weights = report.categories.reduce((s, c) => s + c.weight, 0);
    expect(weights).toBeCloseTo(1, 12);
    expect(report.findings.some((f) => f.checkId === 'llms_txt.full')).toBe(false);
  });

  it('crawls the linked pages and records them in details', () => {
    const details = report.details as unknown as SiteDetails;
    const o = server.origin;
    expect(details.pages.map((p) => new URL(p.url).pathname).sort()).toEqual(
      ['/', '/about', '/contact', '/faq', '/guide'].sort(),
    );
    expect(details.pagesTotal).toBe(5);
    expect(details.stats).toMatchObject({ pagesFetched: 5, htmlPages: 5 });
    expect(details.stats).not.toHaveProperty('pagesSkipped');
    const guide = details.pages.find((p) => p.url === `${o}/guide`);
    expect(guide).toMatchObject({
      finalUrl: `${o}/guide`,
      redirects: [],
      status: 200,
      error: null,
      depth: 1,
      title: 'How to audit your website in ten minutes',
      contentType: 'text/html; charset=utf-8',
      indexable: true,
      truncated: false,
      structuredData: ['Article'],
      failedChecks: [],
    });
    expect(guide?.words).toBeGreaterThan(150);
    expect(guide?.bytes).toBeGreaterThan(1000);
    expect(guide?.fetchMs).toEqual(expect.any(Number));
    // Only the site-wide HTTPS finding names a page (the home page).
    expect(details.pages.find((p) => p.depth === 0)?.failedChecks).toEqual(['trust.https']);
    expect(() => JSON.stringify(report)).not.toThrow();
  });

  it('lists why found URLs were not audited', () => {
    const details = report.details as unknown as SiteDetails;
    const o = server.origin;
    expect(details.skipped).toEqual(
      expect.arrayContaining([
        { url: 'https://www.w3.org/TR/html52/', reason: 'off-site', detail: 'links to www.w3.org' },
        { url: `${o}/private/notes`, reason: 'robots', detail: 'robots.txt disallows it for AEOAuditBot' },
        { url: `${o}/questions`, reason: 'duplicate', detail: `redirects to ${o}/faq, already audited` },
      ]),
    );
    expect(details.skippedTotal).toEqual({ 'off-site': 1, robots: 1, duplicate: 1 });
    expect(details.skipped).toHaveLength(3);
  });

  it('records every check with its catalogue title and status', () => {
    const details = report.details as unknown as SiteDetails;
    expect(details.checks.map((c) => c.checkId)).toEqual(CHECK_CATALOGUE.map((c) => c.checkId));
    const byStatus = (status: string) =>
      details.checks.filter((c) => c.status === status).map((c) => c.checkId);
    expect(byStatus('FAILED')).toEqual(['trust.https']);
    // Not applicable only where the fixture gives nothing to judge: no <img>, no HTTPS, no llms-full.txt,
    // no comparison heading, no @id reference, a single language, no image sitemap, no Markdown versions,
    // no Chromium configured.
    expect(byStatus('NOT_APPLICABLE')).toEqual([
      'indexability.canonical-target',
      'indexability.canonical-pagination',
      'content_rendering.rendered-vs-raw',
      'structured_data.id-references',
      'trust.mixed-content',
      'llms_txt.full',
      'llms_txt.full-format',
      'llms_txt.markdown-versions',
      'basics.image-alt',
      'answerability.comparison-structure',
      'indexability.hreflang',
      'indexability.hreflang-x-default',
      'basics.image-sitemap',
    ]);
    expect(details.checks.find((c) => c.checkId === 'basics.image-alt')).toMatchObject({
      status: 'NOT_APPLICABLE',
      score: null,
      severity: null,
      pointsLost: 0,
      finding: null,
      reason: 'no crawled page has images',
    });
    expect(details.checks.find((c) => c.checkId === 'basics.title')).toMatchObject({
      category: 'basics',
      title: 'Every page has one descriptive <title>',
      status: 'PASSED',
      score: 1,
      weight: 2,
      finding: null,
      severity: null,
    });
    // An informational check with an INFO note passes and costs nothing.
    expect(details.checks.find((c) => c.checkId === 'ai_access.training-bots-blocked')).toMatchObject({
      status: 'PASSED',
      severity: 'INFO',
      pointsLost: 0,
      weight: 0,
    });
    const https = details.checks.find((c) => c.checkId === 'trust.https');
    const finding = report.findings.find((f) => f.checkId === 'trust.https');
    expect(https).toMatchObject({ status: 'FAILED', severity: 'HIGH', score: 0 });
    expect(https?.pointsLost).toBe(finding?.pointsLost);
    expect(https?.pointsLost).toBeGreaterThan(0);
    expect(https?.finding).toEqual({
      title: finding?.title,
      detail: finding?.detail,
      recommendation: finding?.recommendation,
      urls: finding?.urls,
    });
  });

  it('tabulates every AI bot with robots.txt access and the probe results', () => {
    const details = report.details as unknown as SiteDetails;
    expect(details.botAccess).toHaveLength(18);
    const row = (bot: string) => details.botAccess.find((b) => b.bot === bot);
    expect(row('GPTBot')).toEqual({
      bot: 'GPTBot',
      description: expect.stringContaining('train'),
      source: 'https://platform.openai.com/docs/bots',
      checked: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      operator: 'OpenAI',
      purpose: 'training',
      robots: 'blocked',
      pagesAllowed: 0,
      pagesBlocked: 5,
      // robots.txt refuses GPTBot: its user agent is never sent.
      probeStatus: null,
      probeVerdict: null,
    });
    expect(row('OAI-SearchBot')).toMatchObject({
      bot: 'OAI-SearchBot',
      operator: 'OpenAI',
      purpose: 'search',
      robots: 'allowed',
      pagesAllowed: 5,
      pagesBlocked: 0,
      probeStatus: null,
      probeVerdict: null,
    });
    expect(row('ClaudeBot')).toMatchObject({ robots: 'allowed', probeStatus: 200, probeVerdict: 'same' });
    expect(details.probe?.baseline).toMatchObject({ status: 200, error: null });
  });

  it('identifies itself and probes with the AI user agents robots.txt allows', () => {
    const agents = new Set(server.requests.map((r) => r.userAgent));
    expect([...agents].some((a) => a.startsWith('AEOAuditBot/1.0'))).toBe(true);
    expect([...agents].some((a) => a.includes('GPTBot'))).toBe(false);
    expect([...agents].some((a) => a.includes('ClaudeBot'))).toBe(true);
  });

  it('reports monotonic progress ending at 1, rounded, without repeating an update', () => {
    const values = updates.map((u) => u.progress);
    expect(values.length).toBeGreaterThan(5);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values.at(-1)).toBe(1);
    expect(values.every((v) => Math.round(v * 1000) / 1000 === v)).toBe(true);
    const keys = updates.map((u) => JSON.stringify([u.progress, u.stage, u.message ?? null]));
    keys.slice(1).forEach((key, i) => expect(key).not.toBe(keys[i]));
    expect(updates.filter((u) => u.stage === 'Scoring')).toHaveLength(1);
    expect(updates.filter((u) => u.stage === 'Done')).toHaveLength(1);
  });

  it('stops at the page limit and says so', async () => {
    const limited = await runSiteAudit(`${server.origin}/`, {
      allowedPrivateHosts: ['127.0.0.1'],
      limits: { maxPages: 3 },
    });
    const details = limited.details as unknown as SiteDetails;
    expect(details.pagesTotal).toBe(3);
    // The nav links (/about, /contact) are fetched first; what they and the home page link to is over the limit.
    const o = server.origin;
    expect(details.pages.map((p) => p.url)).toEqual([`${o}/`, `${o}/about`, `${o}/contact`]);
    expect(details.skipped.filter((s) => s.reason === 'limit')).toEqual(
      ['/guide', '/faq', '/private/notes'].map((path) => ({
        url: `${o}${path}`,
        reason: 'limit',
        detail: 'max-pages 3',
      })),
    );
    expect(details.skippedTotal).toEqual({ limit: 3, 'off-site': 1 });
  });
});
