// The error codes of the public contract (see API.md) and the error services throw. Neutral:
// no GraphQL here; graphql/errors.ts turns an AppError into what a client sees.
import type { ValidationError } from 'class-validator';

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

/**
 * Apollo's automatic persisted queries protocol: Apollo raises these itself and clients read
 * PERSISTED_QUERY_NOT_FOUND as "send the text too", so they reach clients as they are; and
 * trusted documents mode's refusal of an operation not in the manifest (graphql/trusted-documents.ts).
 */
export const PERSISTED_QUERY_ERROR_CODES = [
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_NOT_TRUSTED',
] as const;
export type PersistedQueryErrorCode = (typeof PERSISTED_QUERY_ERROR_CODES)[number];

/** Every `extensions.code` a client can receive. */
export type ClientErrorCode = ErrorCode | PersistedQueryErrorCode;

export interface ErrorCodeDoc {
  description: string;
  /** The `extensions` keys an error with this code may carry besides `code`. */
  extensions: readonly string[];
}

/**
 * What each code means to a client: the schema's `ErrorCode` enum and `Query.errorCodes` are
 * built from this table, so a code cannot exist without its documentation.
 */
export const ERROR_CODE_DOCS: Readonly<Record<ClientErrorCode, ErrorCodeDoc>> = {
  UNAUTHENTICATED: {
    description:
      'No valid credential: the field needs a signed-in user or an API key, or the access token, ' +
      'refresh token or API key sent is unknown, expired or revoked. Sign in (or refresh) and retry.',
    extensions: [],
  },
  FORBIDDEN: {
    description:
      'Signed in but not allowed: the role (or workspace role) is too low, or an API key lacks the ' +
      'scope. Objects of a workspace the viewer is not a member of answer NOT_FOUND instead.',
    extensions: [],
  },
  BAD_USER_INPUT: {
    description:
      'The request itself is wrong: invalid arguments (`fields` lists each input field and what is ' +
      'wrong with it), or a document that does not parse, validate or coerce its variables (the ' +
      'codes GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST and ' +
      'OPERATION_RESOLUTION_FAILURE of Apollo Server arrive as this one), or an unsupported ' +
      'content type (`accepted`), or a GET or form post without the CSRF-prevention header ' +
      '(`requiredHeader`). Retrying the same request fails the same way.',
    extensions: ['fields', 'accepted', 'requiredHeader'],
  },
  NOT_FOUND: {
    description:
      'The object does not exist or the viewer may not see it (existence never leaks: another ' +
      "workspace's object answers this, not FORBIDDEN).",
    extensions: [],
  },
  CONFLICT: {
    description:
      'The request contradicts the current state, e.g. an email already registered, an audit that ' +
      'already ended, the last OWNER of a workspace leaving it.',
    extensions: [],
  },
  RATE_LIMITED: {
    description:
      'Too many requests in a sliding window (per field, per caller or per address; see @rateLimit). ' +
      '`retryAfterSeconds` says when to retry; `limit` and `window` describe the rule.',
    extensions: ['retryAfterSeconds', 'limit', 'window'],
  },
  QUOTA_EXCEEDED: {
    description:
      'A plan quota is used up (see `viewer.quota`): `quota` names it, `limit` and `used` count it, ' +
      '`retryAfterSeconds` (rolling quotas) says when room frees up, `scope` is `workspace` or `user`.',
    extensions: ['quota', 'limit', 'used', 'retryAfterSeconds', 'scope'],
  },
  QUERY_TOO_COMPLEX: {
    description:
      'The document exceeds a limit (depth, cost, aliases, directives, fields, tokens, selections, repeated fields, ' +
      'variable size or depth) or ran past the execution time limit. `limit` is the limit and the ' +
      'measure (e.g. `cost`, `depth`) the measured value. Ask for less at once.',
    extensions: [
      'limit',
      'cost',
      'depth',
      'aliases',
      'directives',
      'fields',
      'tokens',
      'selections',
      'repeats',
      'variableBytes',
      'variableDepth',
    ],
  },
  INTERNAL_SERVER_ERROR: {
    description:
      'An unexpected failure on the server. The message never carries details; `requestId` (also ' +
      'the `x-request-id` header) lets support find the logged error. Retrying may succeed.',
    extensions: ['requestId'],
  },
  PERSISTED_QUERY_NOT_FOUND: {
    description:
      'Automatic persisted queries: the server does not know the hash sent without a query text. ' +
      'Send the same request again with the query text.',
    extensions: [],
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    description: 'Automatic persisted queries are turned off on this server: send the query text.',
    extensions: [],
  },
  OPERATION_NOT_TRUSTED: {
    description:
      "Trusted documents mode: this server runs only the operations of its clients' manifest, and " +
      'this one is not among them (see docs/graphql-over-http.md). Ship the operation in the ' +
      "client's manifest, or use a server without TRUSTED_DOCUMENTS_MANIFEST for ad-hoc queries.",
    extensions: [],
  },
};

export interface FieldError {
  /** Dotted path of the offending input field, e.g. `input.email`. */
  field: string;
  messages: string[];
}

/**
 * An expected failure with one of the contract's codes; `extensions` go to the client as they
 * are (graphql-js carries an error's own `extensions` over when it wraps it).
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly extensions: Record<string, unknown> & { code: ErrorCode };

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.extensions = { ...extensions, code };
  }

  get code(): ErrorCode {
    return this.extensions.code;
  }
}

export function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

export const unauthenticated = (message = 'Authentication required') =>
  new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const badUserInput = (message: string, fields?: FieldError[]) =>
  new AppError('BAD_USER_INPUT', message, fields ? { fields } : {});

export function internalError(requestId: string | undefined): AppError {
  const suffix = requestId ? ` (request id ${requestId})` : '';
  return new AppError(
    'INTERNAL_SERVER_ERROR',
    `Internal server error${suffix}`,
    requestId ? { requestId } : {},
  );
}

function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** class-validator's errors as BAD_USER_INPUT naming each field. */
export function validationFailed(errors: ValidationError[]): AppError {
  const fields = flattenValidationErrors(errors);
  const summary = fields.map((field) => field.messages.join(', ')).join('; ');
  return badUserInput(`Invalid input: ${summary}`, fields);
}
