import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runSiteAudit } from '../../../src/audit-engine/site/index.js';
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
    expect(report.categories.map((c) => c.category).sort()).toEqual([
      'ai_access',
      'answerability',
      'basics',
      'content_rendering',
      'freshness',
      'indexability',
      'llms_txt',
      'structured_data',
      'trust',
    ]);
    const weights = report.categories.reduce((s, c) => s + c.weight, 0);
    expect(weights).toBeCloseTo(1, 2);
  });

  it('crawls the linked pages and records them in details', () => {
    const details = report.details as {
      pages: { url: string; status: number; depth: number; title: string }[];
      stats: { pagesFetched: number; durationMs: number };
      aiAccess: { bot: string; access: string }[];
    };
    expect(details.pages.map((p) => new URL(p.url).pathname).sort()).toEqual(
      ['/', '/about', '/contact', '/faq', '/guide'].sort(),
    );
    expect(details.pages.every((p) => p.status === 200)).toBe(true);
    expect(details.stats.pagesFetched).toBe(5);
    expect(details.aiAccess.find((b) => b.bot === 'GPTBot')?.access).toBe('blocked');
    expect(details.aiAccess.find((b) => b.bot === 'OAI-SearchBot')?.access).toBe('allowed');
    expect(() => JSON.stringify(report)).not.toThrow();
  });

  it('identifies itself and probes with AI user agents', () => {
    const agents = new Set(server.requests.map((r) => r.userAgent));
    expect([...agents].some((a) => a.startsWith('AEOAuditBot/1.0'))).toBe(true);
    expect([...agents].some((a) => a.includes('GPTBot'))).toBe(true);
    expect([...agents].some((a) => a.includes('ClaudeBot'))).toBe(true);
  });

  it('reports monotonic progress ending at 1', () => {
    const values = updates.map((u) => u.progress);
    expect(values.length).toBeGreaterThan(5);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values.at(-1)).toBe(1);
  });
});
