// Parsing with the token limit, for code paths that parse documents themselves (graphql-ws).
import { GraphQLError, parse, type DocumentNode, type Source } from 'graphql';
import { queryTooComplex, resolveLimits, type QueryLimits } from './limits.js';

/**
 * graphql-js's whole message for its token limit (16.x spells it "more that"). Anchored: a
 * syntax error quoting a string that contains these words is not a token limit.
 */
export const TOKEN_LIMIT_MESSAGE =
  /^Syntax Error: Document contains more th(?:at|an) \d+ tokens\. Parsing aborted\.$/;

/**
 * `parse()` bounded by `limits.maxTokens`; a document over the limit is QUERY_TOO_COMPLEX
 * rather than a syntax error. Other syntax errors are thrown as graphql-js raised them.
 */
export function parseDocument(source: string | Source, limits: Partial<QueryLimits> = {}): DocumentNode {
  const { maxTokens } = resolveLimits(limits);
  try {
    return parse(source, { maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError && TOKEN_LIMIT_MESSAGE.test(error.message)) {
      throw queryTooComplex('tokens', maxTokens + 1, maxTokens);
    }
    throw error;
  }
}
