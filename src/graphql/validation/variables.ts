// Bounds on a request's variables, checked before they are coerced (which is linear in their
// size and depth, and runs for anonymous callers too).
import type { GraphQLError } from 'graphql';
import { queryTooComplex, resolveLimits, type QueryLimits } from './limits.js';

function deeperThan(value: unknown, limit: number, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth >= limit) return true;
  const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  return children.some((child) => deeperThan(child, limit, depth + 1));
}

/** QUERY_TOO_COMPLEX when the variables are too large or too deeply nested. */
export function variableErrors(
  variables: Record<string, unknown> | null | undefined,
  limits: Partial<QueryLimits> = {},
): GraphQLError[] {
  if (!variables) return [];
  const { maxVariableBytes, maxVariableDepth } = resolveLimits(limits);
  // The nesting first: it bounds the work of measuring the size.
  if (deeperThan(variables, maxVariableDepth)) {
    return [queryTooComplex('variableDepth', maxVariableDepth + 1, maxVariableDepth)];
  }
  const bytes = Buffer.byteLength(JSON.stringify(variables));
  return bytes > maxVariableBytes ? [queryTooComplex('variableBytes', bytes, maxVariableBytes)] : [];
}
