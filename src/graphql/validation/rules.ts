// Validation rules bounding the shape of an operation. Plain graphql-js rules: they run in
// Apollo Server, in graphql-ws's `validate()` and anywhere else a document is validated.
import { Kind, type ValidationRule } from 'graphql';
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

/** At most `limit` selections of one response name in any one selection set (its direct fields). */
export const maxRepeatedFieldRule =
  (limit: number): ValidationRule =>
  (context) => ({
    SelectionSet(node) {
      const counts = new Map<string, number>();
      for (const selection of node.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const key = selection.alias?.value ?? selection.name.value;
        const count = (counts.get(key) ?? 0) + 1;
        counts.set(key, count);
        if (count === limit + 1) {
          const total = node.selections.filter(
            (other) => other.kind === Kind.FIELD && (other.alias?.value ?? other.name.value) === key,
          ).length;
          context.reportError(queryTooComplex('repeats', total, limit));
        }
      }
    },
  });

/** Depth, aliases, directives, fields and repeats: the limits that need no variables. */
export function shapeRules(limits: Partial<QueryLimits> = {}): ValidationRule[] {
  const resolved = resolveLimits(limits);
  return [
    maxDepthRule(resolved.maxDepth),
    maxAliasesRule(resolved.maxAliases),
    maxDirectivesRule(resolved.maxDirectives),
    maxFieldsRule(resolved.maxFields),
    maxRepeatedFieldRule(resolved.maxRepeatedField),
  ];
}
