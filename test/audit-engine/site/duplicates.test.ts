import { describe, expect, it } from '@jest/globals';
import { candidatePairs } from '../../../src/audit-engine/site/checks/duplicates.js';
import {
  minhashSignature,
  NEAR_DUPLICATE_RESEMBLANCE,
  resemblance,
  SIGNATURE_SIZE,
} from '../../../src/audit-engine/site/page/shingles.js';
import { answerBody } from '../helpers/good-site.js';
import { page, prose } from '../helpers/html.js';
import { auditSite } from './fixtures/audit.js';

const signature = (text: string) => minhashSignature(text) ?? [];

describe('MinHash resemblance of word 3-shingles', () => {
  const base = `${prose(200)} The tool was built in Lisbon by a team of four people.`;
  it('is 1 for the same text and stays high when only a few words change', () => {
    expect(resemblance(signature(base), signature(base))).toBe(1);
    expect(resemblance(signature(`Pricing ${base}`), signature(`Features ${base}`))).toBeGreaterThanOrEqual(
      0.8,
    );
  });
  it('is low for unrelated texts, and needs three words', () => {
    const other =
      'Rain fell over the northern hills for three days while farmers waited to bring in the late harvest of barley and oats.';
    expect(resemblance(signature(base), signature(other.repeat(3)))).toBeLessThan(0.2);
    expect(minhashSignature('two words')).toBeUndefined();
    expect(signature('Same words, other CASE!')).toEqual(signature('same words other case'));
  });
});

describe('near-duplicate candidates', () => {
  it('include every pair that resembles by the threshold or more, as comparing all pairs finds', () => {
    // Deterministic pseudo-random signatures, some of them copies with a few positions changed.
    let state = 42;
    const random = () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0);
    const signatures: number[][] = [];
    for (let i = 0; i < 300; i++) {
      const source = i % 3 === 0 || !signatures.length ? undefined : signatures[random() % signatures.length];
      const signature = source ? [...source] : Array.from({ length: SIGNATURE_SIZE }, random);
      // 0 to 16 positions changed: on both sides of the 12 a 0.8 resemblance allows.
      for (let k = random() % 17; k > 0; k--) signature[random() % SIGNATURE_SIZE] = random();
      signatures.push(signature);
    }
    const qualifying: [number, number][] = [];
    for (let i = 0; i < signatures.length; i++)
      for (let j = i + 1; j < signatures.length; j++)
        if (resemblance(signatures[i]!, signatures[j]!) >= NEAR_DUPLICATE_RESEMBLANCE)
          qualifying.push([i, j]);
    expect(qualifying.length).toBeGreaterThan(50);
    const candidates = candidatePairs(signatures, NEAR_DUPLICATE_RESEMBLANCE);
    const found = new Set(candidates.map(([i, j]) => `${i}:${j}`));
    expect(qualifying.filter(([i, j]) => !found.has(`${i}:${j}`))).toEqual([]);
    expect(candidates.every(([i, j]) => i < j)).toBe(true);
    // Far fewer than every pair.
    expect(candidates.length).toBeLessThan((signatures.length * (signatures.length - 1)) / 2 / 10);
  });
});

const distinct = (h1: string, variant: number) => answerBody(h1, variant);
const GUIDE_C =
  'Guide C is about garden tools. A spade digs deep holes for trees. A rake clears leaves from the lawn in autumn. Shears cut hedges into neat shapes. Gloves protect your hands from thorns and blisters. Oil the metal parts after each use so they do not rust over winter. Keep blades sharp with a file and store every tool in a dry shed. A good hose reaches every corner of the garden without kinks. Buy tools with wooden handles that fit your hand, and replace cracked handles before they break in use.';

function routes(defects: boolean) {
  const nav = '<a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a> <a href="/d">D</a>';
  return {
    '/': {
      body: page({
        title: 'Home of the example site',
        description: 'The home page of the example site, with links to every guide.',
        body: `${distinct('Home', 0)}${nav}`,
      }),
    },
    '/a': {
      body: page({
        title: 'Guide A: the first guide',
        description: 'Guide A explains the first topic in detail, step by step.',
        body: distinct('Guide A', 1),
      }),
    },
    '/b': {
      body: page({
        title: defects ? 'Guide A: the first guide' : 'Guide B: the second guide',
        description: defects
          ? 'Guide A explains the first topic in detail, step by step.'
          : 'Guide B covers the second topic, with examples.',
        body: defects ? distinct('Guide A', 1) : distinct('Guide B', 2),
      }),
    },
    '/c': {
      body: page({
        title: 'Guide C: a short note',
        description: 'Guide C is a short note about the third topic and its sources.',
        body: defects
          ? '<main><h1>Guide C</h1><p>Coming soon.</p></main>'
          : `<main><h1>Guide C</h1><p>${GUIDE_C}</p></main>`,
      }),
    },
    // A declared copy of /a: never counted as a duplicate.
    '/d': (o: string) => ({
      body: page({ title: 'Guide A: the first guide', canonical: `${o}/a`, body: distinct('Guide A', 1) }),
    }),
  };
}

describe('duplicate and thin content across a fixture site', () => {
  const ids = [
    'basics.duplicate-titles',
    'basics.duplicate-descriptions',
    'basics.duplicate-h1',
    'indexability.near-duplicates',
    'answerability.thin-pages',
  ];

  it('pass on distinct pages, ignoring a copy that names its canonical', async () => {
    const site = await auditSite(routes(false));
    for (const id of ids)
      expect([id, site.check(id).status, site.finding(id)]).toEqual([id, 'PASSED', undefined]);
  });

  it('flag repeated titles, descriptions and H1s, copied bodies and a thin page', async () => {
    const site = await auditSite(routes(true));
    const o = site.origin;
    for (const id of ids) expect([id, site.check(id).status]).toEqual([id, 'FAILED']);
    const titles = site.finding('basics.duplicate-titles');
    expect(titles?.urls.sort()).toEqual([`${o}/a`, `${o}/b`]);
    expect(titles?.detail).toBe(
      '2 of 4 pages share their title with another page: “Guide A: the first guide” on /a, /b.',
    );
    expect(site.finding('basics.duplicate-descriptions')?.urls.sort()).toEqual([`${o}/a`, `${o}/b`]);
    expect(site.finding('basics.duplicate-h1')?.detail).toContain('“Guide A” on /a, /b');
    const near = site.finding('indexability.near-duplicates');
    expect(near?.severity).toBe('MEDIUM');
    expect(near?.detail).toMatch(
      /^2 of 3 pages have main content that is a near copy of another page: \/a, \/b \(\d+%\+ of their word sequences shared\)\.$/,
    );
    const thin = site.finding('answerability.thin-pages');
    expect(thin?.urls).toEqual([`${o}/c`]);
    expect(thin?.detail).toMatch(
      /^1 of 4 pages have under \d+ words of main content \(the site's median page has \d+\): \/c \(\d+ words\)\.$/,
    );
  });

  it('say why they do not apply to a one-page site', async () => {
    const site = await auditSite({
      '/': { body: page({ body: '<main><h1>Only</h1><p>One page.</p></main>' }) },
    });
    expect(site.check('basics.duplicate-titles').reason).toBe(
      'fewer than two indexable, self-canonical pages to compare',
    );
    expect(site.check('answerability.thin-pages').status).toBe('NOT_APPLICABLE');
  });
});
