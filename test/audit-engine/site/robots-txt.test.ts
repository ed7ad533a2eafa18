import { describe, expect, it } from '@jest/globals';
import { RobotsTxt } from '../../../src/audit-engine/site/crawler/robots-txt.js';

const robots = (text: string) => RobotsTxt.fromText(text);

describe('RobotsTxt (RFC 9309)', () => {
  it('obeys the group naming the product token, case-insensitively, else the * group', () => {
    const txt = robots('User-agent: *\nDisallow: /\n\nUser-agent: GPTBot/1.2\nDisallow: /private\n');
    expect(txt.isAllowed('/page', 'gptbot')).toBe(true);
    expect(txt.isAllowed('/private/x', 'GPTBot')).toBe(false);
    expect(txt.isAllowed('/page', 'ClaudeBot')).toBe(false);
    expect(robots('User-agent: GPTBot\nDisallow: /\n').isAllowed('/page', 'ClaudeBot')).toBe(true);
  });

  it('shares one group among consecutive user-agent lines and merges groups of one agent', () => {
    const txt = robots(
      'User-agent: a\nUser-agent: b\nDisallow: /x\n\nUser-agent: c\nDisallow: /y\n\nUser-agent: a\nDisallow: /z\n',
    );
    expect(txt.isAllowed('/x', 'b')).toBe(false);
    expect(txt.isAllowed('/y', 'b')).toBe(true);
    expect(txt.isAllowed('/x', 'a')).toBe(false);
    expect(txt.isAllowed('/z', 'a')).toBe(false);
    expect(txt.isAllowed('/x', 'c')).toBe(true);
  });

  it('lets the longest match win, and Allow win a tie', () => {
    const txt = robots(
      'User-agent: *\nDisallow: /shop\nAllow: /shop/public\nDisallow: /shop/public/secret\n',
    );
    expect(txt.isAllowed('/shop/cart', 'x')).toBe(false);
    expect(txt.isAllowed('/shop/public/item', 'x')).toBe(true);
    expect(txt.isAllowed('/shop/public/secret', 'x')).toBe(false);
    expect(robots('User-agent: *\nDisallow: /a\nAllow: /a\n').isAllowed('/a', 'x')).toBe(true);
    expect(robots('User-agent: *\nDisallow: /*.pdf\nAllow: /docs\n').isAllowed('/docs/a.pdf', 'x')).toBe(
      false,
    );
  });

  it('matches * wildcards and an anchoring $', () => {
    const txt = robots(
      'User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?sort=\nDisallow: /end$\nAllow: /*/ok*$\n',
    );
    expect(txt.isAllowed('/files/a.pdf', 'x')).toBe(false);
    expect(txt.isAllowed('/files/a.pdf?download=1', 'x')).toBe(true);
    expect(txt.isAllowed('/list?sort=asc&page=2', 'x')).toBe(false);
    expect(txt.isAllowed('/end', 'x')).toBe(false);
    expect(txt.isAllowed('/endless', 'x')).toBe(true);
    expect(robots('User-agent: *\nDisallow: /a*b*c$\n').isAllowed('/a-b-b-c', 'x')).toBe(false);
    expect(robots('User-agent: *\nDisallow: /a*bc$\n').isAllowed('/abc-bc', 'x')).toBe(false);
    expect(robots('User-agent: *\nDisallow: /a*bc$\n').isAllowed('/abcx', 'x')).toBe(true);
    expect(robots('User-agent: *\nDisallow: /ab*b$\n').isAllowed('/ab', 'x')).toBe(true);
  });

  it('ignores an empty Disallow, comments, rules before any user-agent, and unknown keys', () => {
    const txt = robots(
      'Disallow: /\n# User-agent: *\nUser-agent: * # all\nDisallow:\nNoindex: /\nDisallow: /a # c\n',
    );
    expect(txt.isAllowed('/', 'x')).toBe(true);
    expect(txt.isAllowed('/a', 'x')).toBe(false);
    expect(robots('User-agent: *\r\nDisallow: /b\r').isAllowed('/b', 'x')).toBe(false);
  });

  it('compares percent-encoded octets: non-ASCII patterns and escapes in any case', () => {
    const txt = robots('User-agent: *\nDisallow: /café\nDisallow: /%7euser\n');
    expect(txt.isAllowed(new URL('https://e.example/café/menu').pathname, 'x')).toBe(false);
    expect(txt.isAllowed('/%7Euser/page', 'x')).toBe(false);
  });

  it('always allows /robots.txt, collects sitemaps and reads Crawl-delay', () => {
    const txt = robots('Sitemap: https://e.example/a.xml\nUser-agent: *\nDisallow: /\nCrawl-delay: 2.5\n');
    expect(txt.isAllowed('/robots.txt', 'x')).toBe(true);
    expect(txt.sitemaps).toEqual(['https://e.example/a.xml']);
    expect(txt.crawlDelay('x')).toBe(2.5);
  });

  it('parses cooperatively to the same rules, and answers a hostile file of wildcard rules', async () => {
    const rules = Array.from({ length: 20_000 }, (_, i) => `Disallow: /*a*b*c*d*e*${i}$`).join('\n');
    const txt = await RobotsTxt.parse(`User-agent: *\n${rules}\nDisallow: /*a*b*c*d*e*f$\nSitemap: /s.xml\n`);
    expect(txt.sitemaps).toEqual(['/s.xml']);
    const path = `/${'a'.repeat(300)}`;
    // Correct answers are what this test asserts; the timing goes to `npm run bench`.
    for (let i = 0; i < 20; i++) expect(txt.isAllowed(`${path}${i}`, 'bot')).toBe(true);
    expect(txt.isAllowed('/a-b-c-d-e-f', 'bot')).toBe(false);
    expect(txt.isAllowed('/a-b-c-d-e-19999', 'bot')).toBe(false);
  });
});
