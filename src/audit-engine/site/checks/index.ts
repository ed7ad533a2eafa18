import { aiAccessChecks } from './ai-access.js';
import { answerabilityChecks } from './answerability.js';
import { basicsChecks } from './basics.js';
import { contentRenderingChecks } from './content-rendering.js';
import { freshnessChecks } from './freshness.js';
import { indexabilityChecks } from './indexability.js';
import { llmsTxtChecks } from './llms-txt.js';
import { structuredDataChecks } from './structured-data.js';
import { trustChecks } from './trust.js';
import type { Check, CheckResult, SiteData } from './types.js';

export const ALL_CHECKS: readonly Check[] = [
  ...aiAccessChecks,
  ...indexabilityChecks,
  ...contentRenderingChecks,
  ...structuredDataChecks,
  ...answerabilityChecks,
  ...trustChecks,
  ...freshnessChecks,
  ...llmsTxtChecks,
  ...basicsChecks,
];

export function runChecks(site: SiteData): CheckResult[] {
  return ALL_CHECKS.map((check) => check(site));
}
