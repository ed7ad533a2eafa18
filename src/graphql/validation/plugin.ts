// Apollo Server enforcement. Apollo rewrites the code of every validation-rule error to
// GRAPHQL_VALIDATION_FAILED (clients would see BAD_USER_INPUT), and its `validationRules` never
// see the variables that cost depends on; `didResolveOperation` has neither problem.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { assertComplexity } from './complexity.js';
import { resolveLimits, type QueryLimits } from './limits.js';
import { shapeRules } from './rules.js';

/**
 * Runs `check` once Apollo resolved the operation (it has validated the document by then) and
 * answers its first error with HTTP 400: Apollo answers 500 to plugin errors otherwise.
 */
export function operationCheckPlugin<TContext extends BaseContext>(
  check: (
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    operationName: string | null,
    /** The document's text, when the request sent one (not a persisted-query hash alone). */
    source: string | undefined,
  ) => GraphQLError[],
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName, source }) {
          const [error] = check(document, request.variables, operationName, source);
          if (error) {
            throw new GraphQLError(error.message, {
              extensions: { ...error.extensions, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/**
 * The first limit `document` breaks, for the operation that will run (`operationName`):
 * `rules` first (shape), then cost. Empty when every limit holds.
 */
export function queryLimitErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  limits: Partial<QueryLimits>,
  rules: ValidationRule[] = shapeRules(limits),
): GraphQLError[] {
  const [error] = rules.length ? validate(schema, document, rules) : [];
  if (error) return [error];
  try {
    assertComplexity(schema, document, variables, operationName, limits);
  } catch (caught) {
    if (caught instanceof GraphQLError) return [caught];
    throw caught;
  }
  return [];
}

function limitsPlugin<TContext extends BaseContext>(
  schema: GraphQLSchema,
  limits: Partial<QueryLimits>,
  rules: ValidationRule[],
): ApolloServerPlugin<TContext> {
  resolveLimits(limits);
  return operationCheckPlugin((document, variables, operationName) =>
    queryLimitErrors(schema, document, variables, operationName, limits, rules),
  );
}

/**
 * Every limit but tokens (depth, aliases, directives, fields, cost), QUERY_TOO_COMPLEX with
 * HTTP 400. Give Apollo `parseOptions: parseOptions(limits)` for the token limit.
 */
export const queryLimitsPlugin = <TContext extends BaseContext>(
  schema: GraphQLSchema,
  limits: Partial<QueryLimits> = {},
): ApolloServerPlugin<TContext> => limitsPlugin(schema, limits, shapeRules(limits));

/** Cost only, for a server that already runs `queryValidationRules` some other way. */
export const complexityPlugin = <TContext extends BaseContext>(
  schema: GraphQLSchema,
  limits: Partial<QueryLimits> = {},
): ApolloServerPlugin<TContext> => limitsPlugin(schema, limits, []);
