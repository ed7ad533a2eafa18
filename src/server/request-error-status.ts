// The HTTP status of a GraphQL request error (a document that does not parse or validate,
// variables that do not coerce, an unknown operation name, a query over the limits, an
// operation this server does not trust), as the GraphQL over HTTP spec gives it: with
// application/json, 200 — the errors are in the body, where clients have always read them;
// with application/graphql-response+json, 400 (a response without data is never 2xx there).
// Apollo answers 400 to both. Malformed requests (no query, a body that is not an object,
// `variables` or `extensions` that are not objects) stay 400, and a mutation over GET 405.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GRAPHQL_RESPONSE_JSON, responseMediaType } from './graphql-media-type.js';

/** The codes of request errors, as Apollo, graphql-js and our own checks raise them. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_USER_INPUT',
  'QUERY_TOO_COMPLEX',
  'OPERATION_NOT_TRUSTED',
]);

export const isRequestErrorCode = (code: unknown): boolean =>
  typeof code === 'string' && REQUEST_ERROR_CODES.has(code);

/**
 * Status and content type of a response carrying only request errors, for this Accept header;
 * 406 (in JSON, as Apollo answers it) when the client accepts neither JSON type.
 */
export function requestErrorResponse(accept: string | undefined): { status: number; contentType: string } {
  const contentType = responseMediaType(accept);
  if (!contentType) return { status: 406, contentType: 'application/json; charset=utf-8' };
  return { status: contentType === GRAPHQL_RESPONSE_JSON ? 400 : 200, contentType };
}

/** Apollo plugin: request errors answered with the spec's status for the negotiated media type. */
export function requestErrorStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, errors }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          if (response.body.singleResult.data !== undefined) return;
          if (!errors?.length || !errors.every((error) => isRequestErrorCode(error.extensions.code))) return;
          const answer = requestErrorResponse(request.http?.headers.get('accept'));
          response.http.status = answer.status;
          response.http.headers.set('content-type', answer.contentType);
        },
      };
    },
  };
}
