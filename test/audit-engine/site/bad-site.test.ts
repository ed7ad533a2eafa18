import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSiteAudit, type SiteDetails } from '../../../src/audit-engine/site/index.js';
import type { AuditReport, ReportFinding } from '../../../src/audit-engine/report.js';
import { badSiteRoutes } from '../helpers/bad-site.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

describe('site audit of a poorly prepared site', () => {
  let server: FixtureServer;
  let report: AuditReport;
  const finding = (checkId: string): ReportFinding => {
    const f = report.findings.find((x) => x.checkId === checkId);
    if (!f) throw new Error(`no finding ${checkId}; got ${report.findings.map((x) => x.checkId).join(', ')}`);
    return f;
  };
  const paths = (f: ReportFinding) => f.urls.map((u) => new URL(u).pathname).sort();

  beforeAll(async () => {
    server = await startFixtureServer(badSiteRoutes());
    report = await runSiteAudit(`${server.origin}/`, { allowedPrivateHosts: ['127.0.0.1'] });
  });
  afterAll(() => server.close());

  it('scores low and sorts findings by points lost', () => {
    expect(report.score).toBeLessThan(60);
    expect(report.grade).toBe('F');
    const lost = report.findings.map((f) => f.pointsLost);
    expect(lost).toEqual([...lost].sort((a, b) => b - a));
  });

  it('flags blocked AI search and user-fetch bots, with partial blocks', () => {
    const search = finding('ai_access.search-bots-blocked');
    expect(search.severity).toBe('HIGH');
    expect(search.detail).toContain('OAI-SearchBot (OpenAI, search): blocked site-wide');
    expect(search.detail).toMatch(/PerplexityBot \(Perplexity, search\): 1 page\(s\) disallowed/);
    expect(finding('ai_access.user-fetch-bots-blocked').detail).toContain('ChatGPT-User');
    expect(report.findings.some((f) => f.checkId === 'ai_access.training-bots-blocked')).toBe(false);
  });

  it('flags a home page that answers AI user agents with 403', () => {
    const f = finding('ai_access.ai-user-agent-differs');
    expect(f.severity).toBe('HIGH');
    expect(f.detail).toMatch(/GPTBot: HTTP 403/);
    expect(f.detail).toMatch(/ClaudeBot: HTTP 403/);
    expect(f.detail).not.toMatch(/PerplexityBot/);
  });

  it('flags indexability problems on the right pages', () => {
    expect(finding('indexability.http-errors')).toMatchObject({ severity: 'HIGH' });
    expect(paths(finding('indexability.http-errors'))).toEqual(['/error', '/missing']);
    expect(paths(finding('indexability.noindex'))).toEqual(['/hidden', '/hidden-header']);
    expect(finding('indexability.noindex').severity).toBe('HIGH');
    expect(finding('indexability.noindex').detail).toContain('X-Robots-Tag');
    expect(paths(finding('indexability.snippet-restrictions'))).toEqual(['/nosnippet']);
    const conflict = finding('indexability.canonical-conflict');
    expect(conflict.severity).toBe('HIGH');
    expect(paths(conflict)).toEqual(['/canon-other']);
    expect(conflict.detail).toContain('another host: https://other.example/page');
    expect(finding('indexability.canonical-missing').severity).toBe('LOW');
    expect(paths(finding('indexability.redirect-chains'))).toEqual(['/chain-end']);
  });

  it('flags an empty JavaScript app shell', () => {
    const f = finding('content_rendering.app-shell');
    expect(f.severity).toBe('HIGH');
    expect(paths(f)).toEqual(['/spa']);
    expect(f.detail).toContain('#root');
  });

  it('flags structured-data problems', () => {
    const invalid = finding('structured_data.invalid-json');
    expect(paths(invalid)).toEqual(['/invalid-ld']);
    expect(invalid.detail).toMatch(/block 1: .*JSON/);
    const required = finding('structured_data.required-properties');
    expect(paths(required)).toEqual(['/faq-bad']);
    expect(required.detail).toContain('FAQPage.mainEntity[0].acceptedAnswer');
    expect(finding('structured_data.missing').severity).toBe('LOW');
    expect(finding('structured_data.organization').severity).toBe('MEDIUM');
  });

  it('flags answerability gaps on content pages only', () => {
    for (const id of [
      'answerability.answer-first',
      'answerability.question-headings',
      'answerability.lists-tables',
      'answerability.statistics',
      'answerability.quotations',
      'answerability.citations',
      'answerability.readability',
    ]) {
      expect(paths(finding(id))).toEqual(['/article-old']);
    }
    expect(finding('answerability.answer-first').detail).toContain('starts with a question');
  });

  it('flags trust and freshness gaps', () => {
    expect(paths(finding('trust.author'))).toEqual(['/article-old']);
    expect(finding('trust.about-contact').title).toBe('No About or Contact page linked');
    expect(finding('trust.same-as').severity).toBe('LOW');
    expect(finding('freshness.sitemap').severity).toBe('MEDIUM');
    expect(paths(finding('freshness.stale-content'))).toEqual(['/article-old']);
    expect(finding('llms_txt.missing').severity).toBe('LOW');
  });

  it('flags basic on-page problems', () => {
    expect(paths(finding('basics.title'))).toEqual(['/sloppy']);
    expect(finding('basics.title').severity).toBe('MEDIUM');
    expect(paths(finding('basics.meta-description'))).toEqual(['/sloppy', '/spa']);
    expect(paths(finding('basics.html-lang'))).toEqual(['/sloppy']);
    expect(paths(finding('basics.open-graph'))).toEqual(['/sloppy', '/spa'].sort());
    expect(finding('basics.h1').detail).toContain('/sloppy: 2 <h1> elements');
    expect(finding('basics.heading-order').detail).toContain('h1 followed by h3');
    expect(finding('basics.image-alt').detail).toContain('1 of 2 images');
    expect(paths(finding('basics.ttfb'))).toEqual(['/slow']);
  });

  describe('details', () => {
    const details = () => report.details as unknown as SiteDetails;
    const pageAt = (path: string) => details().pages.find((p) => new URL(p.url).pathname === path);

    it('lists every category, all applicable, in the documented order', () => {
      expect(report.categories.map((c) => [c.category, c.applicable])).toEqual([
        ['ai_access', true],
        ['indexability', true],
        ['structured_data', true],
        ['answerability', true],
        ['content_rendering', true],
        ['trust', true],
        ['freshness', true],
        ['llms_txt', true],
        ['basics', true],
      ]);
    });

    it('records redirect chains, statuses and indexability per page', () => {
      const o = server.origin;
      expect(pageAt('/chain')).toMatchObject({
        finalUrl: `${o}/chain-end`,
        redirects: [`${o}/chain`, `${o}/chain2`],
        status: 200,
        indexable: true,
        failedChecks: expect.arrayContaining(['indexability.redirect-chains']),
      });
      expect(pageAt('/missing')).toMatchObject({
        status: 404,
        error: null,
        words: null,
        indexable: false,
        failedChecks: ['indexability.http-errors'],
      });
      expect(pageAt('/error')).toMatchObject({ status: 500, indexable: false });
      expect(pageAt('/hidden')).toMatchObject({ status: 200, indexable: false });
      expect(pageAt('/hidden-header')).toMatchObject({ status: 200, indexable: false });
      expect(pageAt('/spa')).toMatchObject({ status: 200, indexable: true, structuredData: [] });
      expect(pageAt('/invalid-ld')?.failedChecks).toContain('structured_data.invalid-json');
      expect(pageAt('/chain')?.failedChecks).not.toContain('indexability.http-errors');
    });

    it('marks checks FAILED or NOT_APPLICABLE with the reason', () => {
      const check = (id: string) => details().checks.find((c) => c.checkId === id);
      expect(check('indexability.http-errors')).toMatchObject({
        status: 'FAILED',
        severity: 'HIGH',
        pointsLost: finding('indexability.http-errors').pointsLost,
      });
      expect(check('llms_txt.format')).toMatchObject({
        status: 'NOT_APPLICABLE',
        score: null,
        reason: 'the site publishes no llms.txt',
      });
      expect(check('freshness.sitemap-lastmod')).toMatchObject({
        status: 'NOT_APPLICABLE',
        reason: 'no sitemap URL was read',
      });
      expect(check('ai_access.training-bots-blocked')).toMatchObject({ status: 'PASSED', score: 1 });
      // Every check costs exactly what its finding says.
      for (const c of details().checks) {
        expect(c.pointsLost).toBe(report.findings.find((f) => f.checkId === c.checkId)?.pointsLost ?? 0);
      }
    });

    it('tabulates bot access with the probe results', () => {
      const row = (bot: string) => details().botAccess.find((b) => b.bot === bot);
      const html = details().stats.htmlPages;
      expect(row('GPTBot')).toEqual({
        bot: 'GPTBot',
        operator: 'OpenAI',
        description: expect.any(String),
        source: 'https://platform.openai.com/docs/bots',
        checked: expect.any(String),
        purpose: 'training',
        robots: 'allowed',
        pagesAllowed: html,
        pagesBlocked: 0,
        probeStatus: 403,
        probeVerdict: 'blocked',
      });
      expect(row('PerplexityBot')).toEqual({
        bot: 'PerplexityBot',
        operator: 'Perplexity',
        description: expect.any(String),
        source: 'https://docs.perplexity.ai/guides/bots',
        checked: expect.any(String),
        purpose: 'search',
        robots: 'partial',
        pagesAllowed: html - 1,
        pagesBlocked: 1,
        probeStatus: 200,
        probeVerdict: 'same',
      });
      expect(row('OAI-SearchBot')).toMatchObject({
        robots: 'blocked',
        pagesAllowed: 0,
        pagesBlocked: html,
        probeStatus: null,
        probeVerdict: null,
      });
    });
  });
});
