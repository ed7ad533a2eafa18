import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSiteAudit } from '../../../src/audit-engine/site/index.js';
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
});
