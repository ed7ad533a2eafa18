import { describe, expect, it } from '@jest/globals';
import { extractFacts } from '../../../src/audit-engine/site/page/extract.js';
import { page, prose } from '../helpers/html.js';
import { auditSite } from './fixtures/audit.js';

const sectionsOf = (body: string) => extractFacts(page({ body }), 'https://x.test/').sections;

describe('page sections', () => {
  it('splits the main content at H2–H6 headings and reads what comes first', () => {
    const sections = sectionsOf(`<main><h1>Title</h1><p>Intro.</p>
<h2>What is an audit?</h2><div><p>An audit checks a site. It takes minutes.</p></div>
<h3>Audit vs review</h3><table><tr><td>a</td></tr></table>
<h2>Steps</h2><ol><li>One</li><li>Two</li></ol><p>More words here.</p>
<h2>Empty</h2><h2>Last</h2></main>`);
    expect(sections.map((s) => [s.level, s.heading, s.firstBlock, s.question, s.comparison])).toEqual([
      [2, 'What is an audit?', 'paragraph', true, false],
      [3, 'Audit vs review', 'table', false, true],
      [2, 'Steps', 'list', false, false],
      [2, 'Empty', 'none', false, false],
      [2, 'Last', 'none', false, false],
    ]);
    expect(sections[0]).toMatchObject({
      firstParagraph: 'An audit checks a site. It takes minutes.',
      words: 8,
    });
    expect(sections[1]).toMatchObject({ tables: 1, lists: 0 });
    expect(sections[2]).toMatchObject({ lists: 1, words: 5 });
  });

  it('ignores headings in navigation, header and footer', () => {
    const sections = sectionsOf(
      '<aside><h2>Related</h2><p>Links.</p></aside><main><h2>Real</h2><p>Text.</p></main>',
    );
    expect(sections.map((s) => s.heading)).toEqual(['Real']);
  });
});

const long = (h1: string, sections: string) =>
  page({ body: `<main><h1>${h1}</h1><p>${prose(30)}</p>${sections}</main>` });

/** Every heading answered at once, short passages, comparisons in tables. */
const cleanSite = {
  '/': {
    body: long(
      'Audits',
      `<h2>How long does an audit take?</h2><p>An audit takes about two minutes for a site of fifty pages. ${prose(40)}</p>
<h2>Audit vs manual review</h2><table><tr><th>Audit</th><th>Review</th></tr><tr><td>Minutes</td><td>Days</td></tr></table>
<h2>Which plans exist?</h2><ul><li>Free</li><li>Pro</li></ul>
<h2>Pricing compared to others</h2><h3>Details</h3><ul><li>Cheaper</li><li>Faster</li></ul>`,
    ),
  },
};

/** The same topics written the way engines cannot lift. */
const defectSite = {
  '/': {
    body: long(
      'Audits',
      `<h2>How long does an audit take?</h2><p>Why would you even ask that question when there is so much else to consider first?</p>
<h2>What does it cost?</h2><h2>Why audit at all?</h2><p>${'Because sites change over time and many small things break without anyone noticing and the people who run them rarely have the time to look at every page in detail so problems pile up for months'.trim()}. ${prose(20)}</p>
<h2>Audit vs manual review</h2><p>${prose(60)}</p>
<h2>Background</h2><p>However, ${prose(40)}</p>
<h2>History</h2><p>${prose(380)}</p>`,
    ),
  },
};

describe('heading and passage checks on fixture sites', () => {
  const ids = [
    'answerability.question-answered',
    'answerability.self-contained-passages',
    'answerability.comparison-structure',
  ];

  it('pass on a site whose headings are answered and passages stand alone', async () => {
    const site = await auditSite(cleanSite);
    for (const id of ids)
      expect([id, site.check(id).status, site.finding(id)]).toEqual([id, 'PASSED', undefined]);
  });

  it('flag unanswered questions, dangling and overlong passages, prose comparisons', async () => {
    const site = await auditSite(defectSite);
    for (const id of ids) expect([id, site.check(id).status]).toEqual([id, 'FAILED']);
    const answered = site.finding('answerability.question-answered');
    expect(answered?.severity).toBe('MEDIUM');
    expect(answered?.urls).toEqual([`${site.origin}/`]);
    expect(answered?.detail).toContain('“How long does an audit take?” is followed by another question');
    expect(answered?.detail).toContain('“What does it cost?” has no text before the next heading');
    expect(answered?.detail).toMatch(/“Why audit at all\?” opens with a \d+-word sentence/);
    const passages = site.finding('answerability.self-contained-passages')?.detail;
    expect(passages).toContain('“Background” opens with “However”');
    expect(passages).toMatch(/“History” runs \d+ words without a subheading/);
    expect(site.finding('answerability.comparison-structure')?.detail).toContain(
      '“Audit vs manual review” has no list or table',
    );
  });

  it('say why they do not apply to a site without such headings', async () => {
    const site = await auditSite({
      '/': { body: page({ body: '<main><h1>Hello</h1><p>Short page.</p></main>' }) },
    });
    expect(site.check('answerability.question-answered')).toMatchObject({
      status: 'NOT_APPLICABLE',
      reason: 'no crawled page has a question-shaped heading',
    });
    expect(site.check('answerability.comparison-structure').reason).toBe(
      'no crawled page has a comparison heading',
    );
    expect(site.check('answerability.self-contained-passages').reason).toBe(
      'no crawled page has text under H2–H6 headings',
    );
  });
});
