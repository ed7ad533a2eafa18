// The bounds every GraphQL document must stay within, and the error that reports a breach.
import { GraphQLError, type ParseOptions } from 'graphql';

export interface QueryLimits {
  /** Deepest chain of nested fields, fragments followed (`{ viewer { id } }` is 2). */
  maxDepth: number;
  /** Aliased fields per operation, fragments expanded. */
  maxAliases: number;
  /** Lexical tokens per document, enforced by `parse()` before anything else runs. */
  maxTokens: number;
  /** Directive applications per operation, fragments expanded. */
  maxDirectives: number;
  /** Field selections per operation, fragments expanded: bounds repeated-field flooding. */
  maxFields: number;
  /**
   * Selections of one response name in one selection set: graphql-js compares each pair of
   * them for overlap, so 400 copies of `viewer` cost it up to a second.
   */
  maxRepeatedField: number;
  /** Serialized size of a request's variables, and their nesting: coercion cost is linear in both. */
  maxVariableBytes: number;
  maxVariableDepth: number;
  /** Estimated cost per operation (see complexity.ts). */
  maxComplexity: number;
  /** Page size a connection is costed at when neither `first` nor `last` is given (API.md: 20). */
  defaultPageSize: number;
  /** Largest page a connection returns (API.md: 100); bigger arguments are costed at this. */
  maxPageSize: number;
}

export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5000,
  maxDirectives: 50,
  maxFields: 500,
  maxRepeatedField: 20,
  maxVariableBytes: 256 * 1024,
  maxVariableDepth: 10,
  maxComplexity: 2000,
  defaultPageSize: 20,
  maxPageSize: 100,
});

export function resolveLimits(limits: Partial<QueryLimits> = {}): QueryLimits {
  const resolved = { ...DEFAULT_QUERY_LIMITS };
  for (const [name, value] of Object.entries(limits) as [keyof QueryLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`Query limit ${name} must be a positive integer, got ${value}`);
    }
    resolved[name] = value;
  }
  return resolved;
}

/** Options for graphql's `parse()` (and Apollo Server's `parseOptions`). */
export const parseOptions = (limits: Partial<QueryLimits> = {}): ParseOptions => ({
  maxTokens: resolveLimits(limits).maxTokens,
});

/** What a limit measures, as named in the error's extensions. */
export type LimitMeasure =
  | 'depth'
  | 'aliases'
  | 'directives'
  | 'fields'
  | 'cost'
  | 'tokens'
  | 'selections'
  | 'repeats'
  | 'variableBytes'
  | 'variableDepth';

const MESSAGES: Record<LimitMeasure, (actual: number, limit: number) => string> = {
  depth: (actual, limit) => `Query depth ${actual} exceeds the limit of ${limit}`,
  aliases: (actual, limit) => `Query uses ${actual} aliases, more than the limit of ${limit}`,
  directives: (actual, limit) => `Query uses ${actual} directives, more than the limit of ${limit}`,
  fields: (actual, limit) => `Query selects ${actual} fields, more than the limit of ${limit}`,
  cost: (actual, limit) => `Query cost ${actual} exceeds the limit of ${limit}`,
  // Both stop counting at the limit: the measured value is a lower bound.
  tokens: (_actual, limit) => `Query has more than ${limit} tokens`,
  selections: (_actual, limit) =>
    `Query expands to more than ${limit} selections, too many to estimate its cost`,
  repeats: (actual, limit) =>
    `Query selects the same field ${actual} times in one selection set, more than the limit of ${limit}`,
  variableBytes: (actual, limit) => `Variables take ${actual} bytes, more than the limit of ${limit}`,
  variableDepth: (_actual, limit) => `Variables nest deeper than the limit of ${limit} levels`,
};

/** `QUERY_TOO_COMPLEX` with the measured value and the limit in `extensions`. */
export function queryTooComplex(measure: LimitMeasure, actual: number, limit: number): GraphQLError {
  return new GraphQLError(MESSAGES[measure](actual, limit), {
    extensions: { [measure]: actual, limit, code: 'QUERY_TOO_COMPLEX' },
  });
}
