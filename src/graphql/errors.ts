// The error codes of the public contract (see API.md) and how errors reach clients:
// expected failures keep their code and message; anything else is masked and logged.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'QUERY_TOO_COMPLEX',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  /** Dotted path of the offending input field, e.g. `input.email`. */
  field: string;
  messages: string[];
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const unauthenticated = (message = 'Authentication required') =>
  new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const badUserInput = (message: string, fields?: FieldError[]) =>
  new AppError('BAD_USER_INPUT', message, fields ? { fields } : {});

/** Codes Apollo and graphql-js use for malformed requests; clients see BAD_USER_INPUT. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** True for errors we raised on purpose (they carry one of the contract's codes). */
export function isExpectedError(error: unknown): error is GraphQLError {
  return (
    error instanceof GraphQLError &&
    isKnownCode(error.extensions.code) &&
    error.extensions.code !== 'INTERNAL_SERVER_ERROR'
  );
}

export function internalError(requestId: string | undefined): AppError {
  const suffix = requestId ? ` (request id ${requestId})` : '';
  return new AppError(
    'INTERNAL_SERVER_ERROR',
    `Internal server error${suffix}`,
    requestId ? { requestId } : {},
  );
}

/**
 * Final shape of every error sent to a client (HTTP and WebSocket). Resolver errors were
 * already masked by the resolver wrapper; this catches everything else (parse and
 * validation failures, variable coercion, serialization).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const location = { locations: formatted.locations, path: formatted.path };
  // Apollo stamps INTERNAL_SERVER_ERROR on every error without a code: only our own masked
  // errors (they carry the request id) may pass as they are.
  if (isKnownCode(code) && (code !== 'INTERNAL_SERVER_ERROR' || formatted.extensions?.requestId)) {
    const { stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
    return { message: formatted.message, ...location, extensions };
  }
  // The parser's token limit is a size limit, not a syntax error.
  if (
    code === 'GRAPHQL_PARSE_FAILED' &&
    /Document contains more th(?:at|an) \d+ tokens/.test(formatted.message)
  ) {
    return {
      message: `Query too large: ${formatted.message}`,
      ...location,
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    };
  }
  // Errors graphql-js raised about the request itself (syntax, unknown field, bad variable).
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return { message: formatted.message, ...location, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (!original && !code) {
    return { message: formatted.message, ...location, extensions: { code: 'BAD_USER_INPUT' } };
  }
  return { message: 'Internal server error', ...location, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
