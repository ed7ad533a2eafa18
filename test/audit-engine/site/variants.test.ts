import { afterEach, describe, expect, it } from '@jest/globals';
import { runSiteAudit, type SiteDetails } from '../../../src/audit-engine/site/index.js';
import type { AuditReport } from '../../../src/audit-engine/report.js';
import { startFixtureServer, type FixtureServer, type Route } from '../helpers/fixture-server.js';
import { goodSiteRoutes } from '../helpers/good-site.js';

// The good site with one file changed: each variant turns a passing check into a finding.

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function auditVariant(overrides: Record<string, Route | undefined>): Promise<AuditReport> {
  const routes: Record<string, Route> = { ...goodSiteRoutes() };
  for (const [path, route] of Object.entries(overrides)) {
    if (route === undefined) delete routes[path];
    else routes[path] = route;
  }
  server = await startFixtureServer(routes);
  return runSiteAudit(`${server.origin}/`, { allowedPrivateHosts: ['127.0.0.1'] });
}

const ids = (report: AuditReport) => report.findings.map((f) => f.checkId);
const find = (report: AuditReport, id: string) => report.findings.find((f) => f.checkId === id);

describe('site audit variants', () => {
  it('notes a missing robots.txt without penalty, and the sitemap it cannot name', async () => {
    const report = await auditVariant({ '/robots.txt': undefined });
    expect(find(report, 'ai_access.robots-txt')).toMatchObject({ severity: 'INFO', pointsLost: 0 });
    expect(find(report, 'freshness.sitemap')).toMatchObject({
      severity: 'LOW',
      title: 'Sitemap not referenced in robots.txt',
    });
    expect(ids(report)).not.toContain('ai_access.search-bots-blocked');
  });

  it('flags stale sitemap lastmod dates', async () => {
    const report = await auditVariant({
      '/sitemap.xml': (origin) => ({
        body: `<urlset><url><loc>${origin}/</loc><lastmod>2019-05-01</lastmod></url><url><loc>${origin}/guide</loc></url></urlset>`,
      }),
    });
    expect(find(report, 'freshness.sitemap-lastmod')?.detail).toMatch(
      /1 of 2 sitemap URLs have no valid <lastmod>; the newest <lastmod> is \d+ days old/,
    );
  });

  it('validates llms.txt format and its links, and notes llms-full.txt', async () => {
    const report = await auditVariant({
      '/llms.txt': (origin) => ({
        headers: { 'content-type': 'text/html' },
        body: `Example Co\n\n## Docs\n\n- [Guide](${origin}/guide)\n- [Gone](${origin}/gone): removed page\n- plain item\n`,
      }),
      '/llms-full.txt': { headers: { 'content-type': 'text/plain' }, body: 'full text' },
    });
    const format = find(report, 'llms_txt.format');
    expect(format?.severity).toBe('MEDIUM');
    expect(format?.detail).toContain('served as "text/html"');
    expect(format?.detail).toContain('first line must be an H1');
    expect(format?.detail).toContain('1 list item(s) are not "- [name](url)" links');
    const broken = find(report, 'llms_txt.broken-links');
    expect(broken?.urls.map((u) => new URL(u).pathname)).toEqual(['/gone']);
    expect(broken?.detail).toContain('HTTP 404');
    expect(find(report, 'llms_txt.full')).toMatchObject({ severity: 'INFO', pointsLost: 0 });
  });

  it('scores an H1-only llms.txt as well-formed and notes the optional parts as INFO', async () => {
    const report = await auditVariant({
      '/llms.txt': { headers: { 'content-type': 'text/plain' }, body: '# Site\n\nJust prose.\n' },
    });
    expect(find(report, 'llms_txt.format')).toBeUndefined();
    expect(find(report, 'llms_txt.optional-parts')).toMatchObject({ severity: 'INFO', pointsLost: 0 });
  });

  it('does not accept an HTML catch-all page as llms.txt', async () => {
    const report = await auditVariant({
      '/llms.txt': { body: '<!doctype html><html><body>app</body></html>' },
    });
    expect(find(report, 'llms_txt.missing')?.detail).toContain('HTML page');
  });

  it('honours robots.txt for its own user agent', async () => {
    const report = await auditVariant({
      '/robots.txt': (origin) => ({
        headers: { 'content-type': 'text/plain' },
        body: `User-agent: AEOAuditBot\nDisallow: /faq\n\nSitemap: ${origin}/sitemap.xml\n`,
      }),
    });
    const details = report.details as unknown as SiteDetails;
    const origin = new URL(details.startUrl).origin;
    expect(details.pages.map((p) => new URL(p.url).pathname)).not.toContain('/faq');
    expect(details.skippedTotal.robots).toBe(2);
    // /faq itself, and /questions (found on /guide, one level deeper) because it redirects there.
    expect(details.skipped.filter((s) => s.reason === 'robots')).toEqual([
      { url: `${origin}/faq`, reason: 'robots', detail: 'robots.txt disallows it for AEOAuditBot' },
      {
        url: `${origin}/questions`,
        reason: 'robots',
        detail: `redirects to ${origin}/faq; robots.txt disallows it for AEOAuditBot on the way`,
      },
    ]);
  });
});
