import type { CheckDefinition } from '../result.js';
import { CATEGORY_WEIGHTS } from './scoring.js';

// docs/checks.md, rendered from the check catalogue: the page `npm run docs:checks` writes and a
// test compares with the committed file, so the docs list exactly the checks `Query.checks` does.

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** One line of prose; tags named in catalogue text (`<meta name="robots">`) show as text, not HTML. */
const inline = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/</g, '&lt;');

export function checksMarkdown(catalogue: readonly CheckDefinition[]): string {
  const categories = [
    ...(Object.keys(CATEGORY_WEIGHTS) as (keyof typeof CATEGORY_WEIGHTS)[]),
    ...new Set(catalogue.map((c) => c.category).filter((c) => !(c in CATEGORY_WEIGHTS))),
  ];
  const lines: string[] = [
    '# SITE checks',
    '',
    'Generated from the check catalogue (`CHECK_CATALOGUE` in `src/audit-engine/site/checks/index.ts`) by `npm run docs:checks`: do not edit by hand. `Query.checks` lists the same entries, and SARIF reports use them as rules.',
    '',
    `${catalogue.length} checks in ${categories.filter((c) => catalogue.some((d) => d.category === c)).length} categories. A check's weight counts within its category (weight 0: reported, never scored); the category weights, from \`src/audit-engine/site/scoring.ts\`, make the overall score, rescaled over the categories that apply to the site.`,
    '',
  ];
  for (const category of categories) {
    const checks = catalogue.filter((c) => c.category === category);
    if (checks.length === 0) continue;
    const weight = (CATEGORY_WEIGHTS as Record<string, number>)[category];
    const total = checks.reduce((s, c) => s + c.weight, 0);
    lines.push(`## ${category}`, '');
    lines.push(
      `${weight === undefined ? 'Not in the category weights.' : `Category weight ${percent(weight)} of the overall score.`} ${checks.length} checks, weights summing to ${total}.`,
      '',
    );
    for (const check of checks) {
      lines.push(`### \`${check.checkId}\``, '');
      lines.push(`**${inline(check.title)}** (weight ${check.weight})`, '');
      lines.push(`- What it checks: ${inline(check.description)}`);
      lines.push(`- Why: ${inline(check.rationale)}`);
      lines.push(`- Source: <${check.source}>`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
