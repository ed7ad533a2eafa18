import type { CheckDefinition } from '../../result.js';
import { aiAccessChecks } from './ai-access.js';
import { answerabilityChecks } from './answerability.js';
import { basicsChecks } from './basics.js';
import { canonicalChecks } from './canonicals.js';
import { linkingChecks } from './linking.js';
import { contentRenderingChecks } from './content-rendering.js';
import { freshnessChecks } from './freshness.js';
import { indexabilityChecks } from './indexability.js';
import { llmsTxtChecks } from './llms-txt.js';
import { pageLevelChecks } from './page-level.js';
import { structuredDataChecks } from './structured-data.js';
import { trustChecks } from './trust.js';
import type { CheckResult, CheckSpec, SiteData } from './types.js';

/** The check catalogue: every SITE check, its definition and its verdict function, in report order. */
export const CHECKS: readonly CheckSpec[] = [
  ...aiAccessChecks,
  ...indexabilityChecks,
  // h-site: crawl-level checks (canonical targets, internal linking).
  ...canonicalChecks,
  ...linkingChecks,
  ...contentRenderingChecks,
  ...structuredDataChecks,
  ...answerabilityChecks,
  ...trustChecks,
  ...freshnessChecks,
  ...llmsTxtChecks,
  ...basicsChecks,
  ...pageLevelChecks,
];

/** The definitions of `CHECKS` (what `Query.checks` and SARIF rules list). */
export const CHECK_CATALOGUE: readonly CheckDefinition[] = CHECKS.map(
  ({ checkId, category, title, description, rationale, source, weight }) => ({
    checkId,
    category,
    title,
    description,
    rationale,
    source,
    weight,
  }),
);

const byId = new Map(CHECKS.map((c) => [c.checkId, c]));

/** The catalogue entry of a check id. */
export function checkSpec(checkId: string): CheckSpec | undefined {
  return byId.get(checkId);
}

export function runChecks(site: SiteData): CheckResult[] {
  return CHECKS.map((check) => {
    const verdict = check.run(site);
    return { id: check.checkId, category: check.category, weight: check.weight, ...verdict };
  });
}
