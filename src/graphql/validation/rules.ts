// Validation rules bounding the shape of an operation. Plain graphql-js rules: they run in
// Apollo Server, in graphql-ws's `validate()` and anywhere else a document is validated.
import type { ValidationRule } from 'graphql';
import { operationSize, type OperationSize } from './analysis.js';
import { queryTooComplex, resolveLimits, type LimitMeasure, type QueryLimits } from './limits.js';

function sizeRule(measure: LimitMeasure & keyof OperationSize, limit: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const actual = operationSize(context.getDocument(), operation)[measure];
      if (actual > limit) context.reportError(queryTooComplex(measure, actual, limit));
      // Measured from the operation node itself: nothing below it needs visiting.
      return false;
    },
  });
}

export const maxDepthRule = (limit: number) => sizeRule('depth', limit);
export const maxAliasesRule = (limit: number) => sizeRule('aliases', limit);
export const maxDirectivesRule = (limit: number) => sizeRule('directives', limit);
export const maxFieldsRule = (limit: number) => sizeRule('fields', limit);

/** Depth, aliases, directives and fields: the limits that need no variables. */
export function shapeRules(limits: Partial<QueryLimits> = {}): ValidationRule[] {
  const resolved = resolveLimits(limits);
  return [
    maxDepthRule(resolved.maxDepth),
    maxAliasesRule(resolved.maxAliases),
    maxDirectivesRule(resolved.maxDirectives),
    maxFieldsRule(resolved.maxFields),
  ];
}
