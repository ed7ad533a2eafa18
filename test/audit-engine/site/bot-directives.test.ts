// Robots directives per AI crawler name (meta tags and X-Robots-Tag), and noai/noimageai reported
// as the non-standard directives they are; the AI crawler table's entries carry their sources.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { CheckOutcome } from '../../../src/audit-engine/result.js';
import { AI_BOTS } from '../../../src/audit-engine/site/ai-bots.js';
import { botMetaDirectives, xRobotsByAgent } from '../../../src/audit-engine/site/crawler/bot-meta.js';
import { runSiteAudit, type SiteDetails } from '../../../src/audit-engine/site/index.js';
import { startFixtureServer, type FixtureServer, type Route } from '../helpers/fixture-server.js';
import { page } from '../helpers/html.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const at = (head: string, headers: Record<string, string> = {}, links: string[] = []): Route => ({
  headers,
  body: page({
    nav: false,
    head,
    body: `<h1>Page</h1>${links.map((l) => `<a href="${l}">${l}</a>`).join(' ')}`,
  }),
});

async function audit(routes: Record<string, Route>) {
  server = await startFixtureServer(routes);
  const report = await runSiteAudit(`${server.origin}/`, { allowedPrivateHosts: ['127.0.0.1'] });
  const details = report.details as unknown as SiteDetails;
  return (id: string) => details.checks.find((c) => c.checkId === id) as CheckOutcome;
}

describe('robots directives per AI crawler', () => {
  it('fails pages that tell an AI search or user-fetch crawler by name not to index or quote them', async () => {
    const check = await audit({
      '/': at('', {}, ['/meta', '/header', '/training']),
      '/meta': at('<meta name="OAI-SearchBot" content="noindex, follow">'),
      '/header': at('', { 'x-robots-tag': 'PerplexityBot: nosnippet, googlebot: max-snippet: 100' }),
      '/training': at('<meta name="GPTBot" content="noindex">', { 'x-robots-tag': 'ClaudeBot: noindex' }),
    });
    const o = server?.origin;
    const result = check('ai_access.bot-directives');
    expect(result).toMatchObject({ status: 'FAILED', severity: 'HIGH', score: 0.5 });
    expect(result.finding?.detail).toContain(`${o}/meta: OAI-SearchBot "noindex"`);
    expect(result.finding?.detail).toContain(`${o}/header: PerplexityBot "nosnippet"`);
    expect(result.finding?.urls?.sort()).toEqual([`${o}/header`, `${o}/meta`]);
    // A rule for one AI crawler is not a generic noindex or snippet limit.
    expect(check('indexability.noindex')).toMatchObject({ status: 'PASSED', finding: null });
    expect(check('indexability.snippet-restrictions')).toMatchObject({ status: 'PASSED', finding: null });
  });

  it('reports noai / noimageai as non-standard, without scoring them', async () => {
    const check = await audit({
      '/': at('<meta name="robots" content="noai, noimageai">', {}, ['/x']),
      '/x': at('', { 'x-robots-tag': 'noai' }),
    });
    const result = check('ai_access.noai-directives');
    expect(result).toMatchObject({ status: 'PASSED', severity: 'INFO', weight: 0, pointsLost: 0 });
    expect(result.finding?.title).toBe('Non-standard "noai, noimageai" directives');
    expect(result.finding?.detail).toContain('2 of 2 pages');
    expect(result.finding?.detail).toContain(
      'not part of the robots meta tag rules Google documents nor of RFC 9309',
    );
  });

  it('flags nothing on a page without bot-specific rules', async () => {
    const check = await audit({ '/': at('<meta name="robots" content="index, follow">') });
    expect(check('ai_access.bot-directives')).toMatchObject({ status: 'PASSED', score: 1, finding: null });
    expect(check('ai_access.noai-directives')).toMatchObject({ status: 'PASSED', finding: null });
  });

  it('reads meta tags by name and X-Robots-Tag by agent', () => {
    expect(
      botMetaDirectives(
        `<meta content="noindex" name='ClaudeBot'><META NAME=robots CONTENT="NoAI"><meta name="viewport" content="x">`,
      ),
    ).toEqual({ claudebot: ['noindex'], robots: ['noai'] });
    expect(xRobotsByAgent('noarchive, GPTBot: noindex, nofollow, max-snippet: 20, otherbot: none')).toEqual({
      '*': ['noarchive'],
      gptbot: ['noindex', 'nofollow', 'max-snippet: 20'],
      otherbot: ['none'],
    });
  });
});

describe('the meta tag scan on hostile markup', () => {
  it('stays linear: thousands of unclosed or repeated meta tags take milliseconds', () => {
    for (const html of [
      '<meta '.repeat(12_000),
      `<meta ${'a'.repeat(70_000)}`,
      '<meta name="GPTBot" content="noindex">'.repeat(2_000),
    ]) {
      const started = performance.now();
      botMetaDirectives(html);
      expect(performance.now() - started).toBeLessThan(50);
    }
  });
});

describe('the AI crawler table', () => {
  it('names operator, purpose, source and date checked for every crawler', () => {
    const tokens = AI_BOTS.map((b) => b.token);
    for (const token of [
      'GPTBot',
      'OAI-SearchBot',
      'ChatGPT-User',
      'ClaudeBot',
      'Claude-SearchBot',
      'Claude-User',
    ])
      expect(tokens).toContain(token);
    for (const token of ['PerplexityBot', 'Perplexity-User', 'Google-Extended', 'Applebot-Extended'])
      expect(tokens).toContain(token);
    for (const token of ['meta-externalagent', 'Amazonbot', 'CCBot', 'Bytespider'])
      expect(tokens).toContain(token);
    expect(new Set(tokens.map((t) => t.toLowerCase())).size).toBe(tokens.length);
    for (const bot of AI_BOTS) {
      expect([bot.token, bot.owner.length > 0, bot.description.length > 20]).toEqual([bot.token, true, true]);
      expect([bot.token, /^\d{4}-\d{2}-\d{2}$/.test(bot.checked)]).toEqual([bot.token, true]);
      expect([bot.token, /^https:\/\/|^none published/.test(bot.source)]).toEqual([bot.token, true]);
    }
  });
});
