// Turns whatever a resolver threw into what the client may see.
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { reportError } from '../infra/sentry.js';
import type { RequestContext } from './context.js';
import { badUserInput, internalError, isExpectedError, type AppError, type FieldError } from './errors.js';

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

export function toClientError(error: unknown, ctx: RequestContext): Error {
  if (error instanceof ArgumentValidationError) {
    return validationFailed(error.extensions.validationErrors as ValidationError[]);
  }
  if (isExpectedError(error)) return error;
  ctx.log.error({ err: error }, 'unexpected error in resolver');
  reportError(error, { requestId: ctx.requestId, userId: ctx.viewer?.user.id });
  return internalError(ctx.requestId);
}
