// docs/checks.md is generated from the check catalogue (`npm run docs:checks`): the committed
// file must be exactly what the catalogue renders, so it lists every check Query.checks does.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { checksMarkdown } from '../../../src/audit-engine/site/checks-doc.js';
import { CHECK_CATALOGUE } from '../../../src/audit-engine/site/index.js';

describe('docs/checks.md', () => {
  it('is what the catalogue renders (run `npm run docs:checks` after changing a check)', async () => {
    const committed = await readFile(new URL('../../../docs/checks.md', import.meta.url), 'utf8');
    expect(committed).toBe(checksMarkdown(CHECK_CATALOGUE));
  });

  it('lists every check with its weight, description, rationale and source', () => {
    const doc = checksMarkdown(CHECK_CATALOGUE);
    for (const check of CHECK_CATALOGUE) {
      const section = doc.slice(doc.indexOf(`### \`${check.checkId}\``)).split('\n### ')[0] ?? '';
      expect([check.checkId, section.includes(`(weight ${check.weight})`)]).toEqual([check.checkId, true]);
      expect([check.checkId, section.includes(`<${check.source}>`)]).toEqual([check.checkId, true]);
      expect(section).toContain('- What it checks: ');
      expect(section).toContain('- Why: ');
    }
    expect(doc.match(/^### /gm)).toHaveLength(CHECK_CATALOGUE.length);
  });

  it('renders any catalogue, checks of other engineers and new categories included', () => {
    const doc = checksMarkdown([
      ...CHECK_CATALOGUE.slice(0, 1),
      {
        checkId: 'newcat.example',
        category: 'newcat',
        title: 'An example <b>check</b>',
        description: 'Looks at one thing and decides.',
        rationale: 'Because it matters.',
        source: 'https://example.org/spec',
        weight: 1,
      },
    ]);
    expect(doc).toContain('2 checks in 2 categories');
    expect(doc).toContain('## newcat\n\nNot in the category weights. 1 checks, weights summing to 1.');
    expect(doc).toContain('**An example &lt;b>check&lt;/b>** (weight 1)');
  });
});
