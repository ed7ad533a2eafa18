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
