import { afterAll, describe, expect, it } from '@jest/globals';
import { AnalysisTimeoutError, createAnalysisPool } from '../../../src/audit-engine/site/analysis-pool.js';

describe('analysis pool (worker threads)', () => {
  const pool = createAnalysisPool({ threads: 1, timeoutMs: 1_500 });
  afterAll(() => pool.close());

  it('parses a page and llms.txt off the main thread, with the same facts', async () => {
    const facts = await pool.page(
      '<html lang="en"><head><title>Hello</title></head><body><h1>Hi</h1><a href="/about">About us</a></body></html>',
      'https://example.com/',
    );
    expect(facts.title).toBe('Hello');
    expect(facts.lang).toBe('en');
    expect(facts.aboutLink).toBe('https://example.com/about');
    const llms = await pool.llmsTxt(
      '# Site\n> Summary\n## Docs\n- [A](/a): x\n',
      'https://example.com/llms.txt',
    );
    expect(llms).toMatchObject({ name: 'Site', sections: ['Docs'], links: ['https://example.com/a'] });
  });

  it('ends a page that parses too long, and the next page gets a fresh thread', async () => {
    // parse5 is quadratic in nesting depth: 60,000 open <div>s take far longer than 1.5 s.
    const bomb = `<html><body>${'<div>'.repeat(60_000)}</body></html>`;
    await expect(pool.page(bomb, 'https://example.com/')).rejects.toThrow(AnalysisTimeoutError);
    await expect(pool.page(bomb, 'https://example.com/')).rejects.toThrow(
      'the page took longer than 1.5 s to analyse',
    );
    const facts = await pool.page('<title>after</title>', 'https://example.com/');
    expect(facts.title).toBe('after');
  });

  it('counts the time limit from when a thread starts the page, not while it waits behind another', async () => {
    const bomb = pool.page(`<html><body>${'<div>'.repeat(60_000)}</body></html>`, 'https://example.com/');
    // Queued behind the bomb on the only thread for about as long as the limit itself.
    const waiting = pool.page('<title>queued</title>', 'https://example.com/');
    await expect(bomb).rejects.toThrow(AnalysisTimeoutError);
    await expect(waiting).resolves.toMatchObject({ title: 'queued' });
  });

  it('rejects with the caller’s abort reason', async () => {
    const controller = new AbortController();
    const pending = pool.page(
      `<html><body>${'<div>'.repeat(60_000)}</body></html>`,
      'https://example.com/',
      controller.signal,
    );
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 100);
    await expect(pending).rejects.toThrow('cancelled by the user');
  });
});
