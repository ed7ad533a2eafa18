import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CHECK_CATALOGUE, runSiteAudit, type SiteDetails } from '../../../src/audit-engine/site/index.js';
import { CATEGORY_WEIGHTS } from '../../../src/audit-engine/site/scoring.js';
import { badSiteRoutes } from '../helpers/bad-site.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { goodSiteRoutes } from '../helpers/good-site.js';

describe('CHECK_CATALOGUE', () => {
  it('has the 73 checks with unique ids, in known categories', () => {
    const ids = CHECK_CATALOGUE.map((c) => c.checkId);
    expect(ids).toHaveLength(73);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CHECK_CATALOGUE) {
      expect(Object.keys(CATEGORY_WEIGHTS)).toContain(c.category);
      expect(c.checkId.startsWith(`${c.category}.`)).toBe(true);
    }
  });

  it('fills every field: title, description, rationale, an https source, a weight', () => {
    for (const c of CHECK_CATALOGUE) {
      for (const field of ['title', 'description', 'rationale'] as const) {
        expect([c.checkId, field, c[field].trim().length > 10]).toEqual([c.checkId, field, true]);
      }
      expect(c.description).not.toBe(c.rationale);
      expect(new URL(c.source).protocol).toBe('https:');
      expect(Number.isFinite(c.weight) && c.weight >= 0).toBe(true);
    }
    // Titles say what the check checks, not what went wrong.
    expect(CHECK_CATALOGUE.filter((c) => /^(no|missing|pages without)\b/i.test(c.title))).toEqual([]);
  });

  it('names the authorities the rules come from', () => {
    const bySource = (id: string) => CHECK_CATALOGUE.find((c) => c.checkId === id)?.source;
    expect(bySource('ai_access.robots-txt')).toBe('https://www.rfc-editor.org/rfc/rfc9309');
    expect(bySource('llms_txt.missing')).toBe('https://llmstxt.org/');
    expect(bySource('answerability.statistics')).toBe('https://arxiv.org/abs/2311.09735');
    expect(bySource('ai_access.search-bots-blocked')).toBe('https://platform.openai.com/docs/bots');
  });
});

describe('the catalogue and what the engine runs', () => {
  const servers: FixtureServer[] = [];
  const runs: SiteDetails[] = [];

  beforeAll(async () => {
    for (const routes of [goodSiteRoutes(), badSiteRoutes()]) {
      const server = await startFixtureServer(routes);
      servers.push(server);
      const report = await runSiteAudit(`${server.origin}/`, { allowedPrivateHosts: ['127.0.0.1'] });
      runs.push(report.details as unknown as SiteDetails);
    }
  });
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('runs exactly the catalogued checks, with their category, title and weight', () => {
    for (const details of runs) {
      expect(details.checks.map((c) => c.checkId)).toEqual(CHECK_CATALOGUE.map((c) => c.checkId));
      for (const [i, c] of details.checks.entries()) {
        const definition = CHECK_CATALOGUE[i];
        expect([c.category, c.title, c.weight]).toEqual([
          definition?.category,
          definition?.title,
          definition?.weight,
        ]);
      }
    }
  });
});
