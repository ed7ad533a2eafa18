// How errors reach clients (HTTP and WebSocket alike): expected failures keep their code and
// message; anything else is masked, logged and reported with the request id.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import {
  AppError,
  PERSISTED_QUERY_ERROR_CODES,
  internalError,
  isKnownCode,
  validationFailed,
} from '../common/errors.js';
import type { AppLogger } from '../common/logger.js';
import { reportError } from '../infra/sentry.js';
import { DEFAULT_QUERY_LIMITS, queryTooComplex } from './validation/limits.js';
import { TOKEN_LIMIT_MESSAGE } from './validation/parse.js';

/** Codes Apollo and graphql-js use for malformed requests; clients see BAD_USER_INPUT. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** The automatic persisted queries protocol's own codes reach clients as they are. */
const PERSISTED_QUERY_CODES = new Set<string>(PERSISTED_QUERY_ERROR_CODES);

const isBadRequestStatus = (http: unknown) => (http as { status?: unknown } | undefined)?.status === 400;

/** True for errors raised on purpose: an AppError, or a GraphQL error with one of the contract's codes. */
export function isExpectedError(error: unknown): error is AppError | GraphQLError {
  return (
    (error instanceof AppError || error instanceof GraphQLError) &&
    isKnownCode(error.extensions.code) &&
    error.extensions.code !== 'INTERNAL_SERVER_ERROR'
  );
}

/** The GraphQL form of an expected error; `extra` extensions (e.g. Apollo's `http`) are added. */
export function toGraphQLError(error: AppError | GraphQLError, extra: Record<string, unknown> = {}) {
  if (error instanceof GraphQLError && !Object.keys(extra).length) return error;
  return new GraphQLError(error.message, { extensions: { ...error.extensions, ...extra } });
}

/** Whatever a resolver threw, as the client may see it: unexpected errors logged and masked. */
export function toClientError(
  error: unknown,
  ctx: {
    log: AppLogger;
    requestId: string;
    viewer: { userId: string } | null;
    meta?: { operationName: string | null };
  },
): GraphQLError {
  if (error instanceof ArgumentValidationError) {
    return toGraphQLError(validationFailed(error.extensions.validationErrors));
  }
  if (isExpectedError(error)) return toGraphQLError(error);
  ctx.log.error({ err: error }, 'unexpected error in resolver');
  reportError(error, {
    requestId: ctx.requestId,
    userId: ctx.viewer?.userId,
    operation: ctx.meta?.operationName ?? undefined,
  });
  return toGraphQLError(internalError(ctx.requestId));
}

/**
 * Final shape of every error sent to a client (HTTP and WebSocket). Resolver errors were
 * already masked by the resolver wrapper; this catches everything else (parse and
 * validation failures, variable coercion, serialization).
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  maxTokens: number = DEFAULT_QUERY_LIMITS.maxTokens,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const location = { locations: formatted.locations, path: formatted.path };
  // Apollo stamps INTERNAL_SERVER_ERROR on every error without a code: only our own masked
  // errors (they carry the request id) may pass as they are.
  if (isKnownCode(code) && (code !== 'INTERNAL_SERVER_ERROR' || formatted.extensions?.requestId)) {
    const { stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
    return { message: formatted.message, ...location, extensions };
  }
  // The parser's token limit is a size limit, not a syntax error: said as every other limit.
  if (code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(formatted.message)) {
    const { message, extensions } = queryTooComplex('tokens', maxTokens + 1, maxTokens);
    return { message, ...location, extensions };
  }
  if (typeof code === 'string' && PERSISTED_QUERY_CODES.has(code)) {
    return { message: formatted.message, ...location, extensions: { code } };
  }
  // Errors graphql-js raised about the request itself (syntax, unknown field, bad variable).
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return { message: formatted.message, ...location, extensions: { code: 'BAD_USER_INPUT' } };
  }
  // Apollo's refusals of the request itself carry no code, only HTTP 400 (e.g. a persisted
  // query's hash that is not its text's).
  if (!original && error instanceof GraphQLError && isBadRequestStatus(error.extensions.http)) {
    return { message: formatted.message, ...location, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (!original && !code) {
    return { message: formatted.message, ...location, extensions: { code: 'BAD_USER_INPUT' } };
  }
  return { message: 'Internal server error', ...location, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
