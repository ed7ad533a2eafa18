// Query cost limits: bounds on what one GraphQL document may ask for.
//
// Where each piece goes:
// - Apollo Server: `parseOptions: parseOptions(limits)` and `plugins: [queryLimitsPlugin(schema,
//   limits)]`. Not `validationRules`: Apollo replaces their error codes and hides variables.
// - graphql-ws `onSubscribe`: `parseDocument(query, limits)`, then `validate(schema, document,
//   [...specifiedRules, ...queryValidationRules(schema, limits, variables)])`.
import type { GraphQLSchema, ValidationRule } from 'graphql';
import { complexityRule } from './complexity.js';
import { type QueryLimits } from './limits.js';
import { shapeRules } from './rules.js';

export { DEFAULT_QUERY_LIMITS, parseOptions, queryTooComplex, resolveLimits } from './limits.js';
export type { LimitMeasure, QueryLimits } from './limits.js';
export { operationSize, type OperationSize } from './analysis.js';
export {
  assertComplexity,
  complexityEstimators,
  complexityRule,
  connectionEstimator,
  leafEstimator,
  measureComplexity,
  relayEdgesEstimator,
} from './complexity.js';
export { parseDocument } from './parse.js';
export { QueryLimitsCache } from './cache.js';
export { nulCharacterErrors } from './text.js';
export { complexityPlugin, operationCheckPlugin, queryLimitErrors, queryLimitsPlugin } from './plugin.js';
export {
  maxAliasesRule,
  maxDepthRule,
  maxDirectivesRule,
  maxFieldsRule,
  maxRepeatedFieldRule,
  shapeRules,
} from './rules.js';
export { variableErrors } from './variables.js';

/**
 * Validation rules for every limit but tokens (that one is `parse()`'s, see `parseOptions`).
 * Cost depends on variables: pass the request's `variables` (even `{}`) to include the cost
 * rule, which makes the list per request; without them the list is static and has no cost rule.
 */
export function queryValidationRules(
  schema: GraphQLSchema,
  limits: Partial<QueryLimits> = {},
  variables?: Record<string, unknown>,
): ValidationRule[] {
  const rules = shapeRules(limits);
  return variables === undefined ? rules : [...rules, complexityRule(schema, variables, limits)];
}
