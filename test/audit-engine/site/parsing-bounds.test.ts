import { beforeAll, describe, expect, it } from '@jest/globals';
import { parseSitemap } from '../../../src/audit-engine/site/crawler/sitemap.js';
import {
  extractFacts,
  MAX_ANALYSED_HTML,
  MAX_ANALYSED_LINKS,
} from '../../../src/audit-engine/site/page/extract.js';

/** Bounds that catch quadratic blow-ups, not speed targets (those live in `npm run bench`). */
const LINEAR_BOUND_MS = 1000;

describe('parseSitemap on malformed input', () => {
  it('counts elements without a <loc> against the cap: scanning stops after `cap` elements', () => {
    const xml = `<urlset>${'<url></url>'.repeat(100)}<url><loc>https://x.test/late</loc></url></urlset>`;
    expect(parseSitemap(xml, 50)).toEqual({ isIndex: false, entries: [], capped: true });
    expect(parseSitemap(xml, 101).entries).toEqual([{ loc: 'https://x.test/late' }]);
  });

  it('stops at the first unclosed <url> of a ~1 MB sitemap without quadratic blow-up (bounded by 1 s)', () => {
    const xml = `<urlset><url><loc>https://x.test/ok</loc></url>${'<url><loc>https://x.test/a</loc>'.repeat(32_000)}`;
    expect(xml.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    const parsed = parseSitemap(xml, 5000);
    expect(performance.now() - started).toBeLessThan(LINEAR_BOUND_MS);
    expect(parsed.entries).toEqual([{ loc: 'https://x.test/ok' }]);
  });

  it('survives unclosed tags without a ">" and closing tags that only share a prefix (bounded by 1 s)', () => {
    const started = performance.now();
    expect(parseSitemap(`<urlset>${'<url <loc '.repeat(100_000)}`, 10).entries).toEqual([]);
    expect(parseSitemap(`<urlset><url>${'<loc>'.repeat(200_000)}</url>`, 10).entries).toEqual([]);
    expect(performance.now() - started).toBeLessThan(LINEAR_BOUND_MS);
    expect(
      parseSitemap('<URLSET><URL><LOC>https://x.test/A</LOC></URL ><url><loc>b</loc></urlset>', 10).entries,
    ).toEqual([{ loc: 'https://x.test/A' }]);
  });
});

describe('extractFacts bounds its work', () => {
  // Timings below are of a warm engine (as in a running service), not of first-time JIT compilation.
  beforeAll(() => {
    extractFacts(`<main>${'<p><a href="/x">x</a></p>'.repeat(5000)}</main>`, 'https://x.test/');
  });
  const elapsed = (fn: () => unknown): number => {
    const started = performance.now();
    fn();
    return performance.now() - started;
  };
  /** Generous on purpose (shared, noisy machines): the quadratic versions took minutes here. */
  const expectNoBlowUp = (ms: number) => expect(ms).toBeLessThan(20 * LINEAR_BOUND_MS);

  const anchors = (n: number, host: string) =>
    Array.from({ length: n }, (_, i) => `<a href="https://${host}/p/${i}">link ${i}</a>`).join('');

  it('analyses a page of 50k sibling links without quadratic blow-up (bounded by 20 s)', () => {
    const links = Array.from({ length: 50_000 }, (_, i) => `<a href=//o.test/${i}>${i}</a>`).join('');
    const html = `<html><body><main><h1>Links</h1><ul><li>a</li><li>b</li></ul>${links}</main></body></html>`;
    let facts = extractFacts('', 'https://x.test/');
    expectNoBlowUp(elapsed(() => (facts = extractFacts(html, 'https://x.test/'))));
    expect(facts.citations.length).toBe(MAX_ANALYSED_LINKS);
    expect(facts.lists).toBe(1);
  });

  it('analyses 5k links 300 elements deep, inside and outside boilerplate, without quadratic blow-up (bounded by 20 s)', () => {
    const deep = (inner: string, tag = 'div') =>
      `${`<${tag}>`.repeat(300)}${inner}${`</${tag}>`.repeat(300)}`;
    const html = `<html><body><nav>${deep(anchors(2_500, 'nav.test'))}</nav><article><h1>T</h1>${deep(`<table></table><blockquote>q</blockquote>${anchors(2_500, 'cited.test')}`, 'section')}</article></body></html>`;
    let facts = extractFacts('', 'https://x.test/');
    expectNoBlowUp(elapsed(() => (facts = extractFacts(html, 'https://x.test/'))));
    expect(facts.citations).toHaveLength(2_500);
    expect(facts.citations.every((c) => c.startsWith('https://cited.test/'))).toBe(true);
    expect(facts.tables).toBe(1);
    expect(facts.quotations).toBe(1);
  });

  it('reads at most the first MAX_ANALYSED_HTML characters', () => {
    const html = `<html><body><h1>Big</h1><!--${'x'.repeat(MAX_ANALYSED_HTML)}--><h2>Never seen?</h2></body></html>`;
    expect(extractFacts(html, 'https://x.test/').questionHeadings).toEqual([]);
  });
});
