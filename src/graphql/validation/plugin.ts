// Apollo Server enforcement. Apollo rewrites the code of every validation-rule error to
// GRAPHQL_VALIDATION_FAILED (clients would see BAD_USER_INPUT), and its `validationRules` never
// see the variables that cost depends on; `didResolveOperation` has neither problem.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { validate, type GraphQLSchema, type ValidationRule } from 'graphql';
import { AppError } from '../errors.js';
import { assertComplexity } from './complexity.js';
import { resolveLimits, type QueryLimits } from './limits.js';
import { shapeRules } from './rules.js';

/** The same error with HTTP 400 (Apollo answers 500 to plugin errors otherwise). */
function asBadRequest(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError('QUERY_TOO_COMPLEX', error.message, { ...error.extensions, http: { status: 400 } });
}

function limitsPlugin<TContext extends BaseContext>(
  schema: GraphQLSchema,
  limits: Partial<QueryLimits>,
  rules: ValidationRule[],
): ApolloServerPlugin<TContext> {
  resolveLimits(limits);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          try {
            const [error] = rules.length ? validate(schema, document, rules) : [];
            if (error) throw error;
            assertComplexity(schema, document, request.variables, operationName, limits);
          } catch (error) {
            throw asBadRequest(error);
          }
        },
      };
    },
  };
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
