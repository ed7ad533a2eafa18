// The `ErrorCode` enum: every `extensions.code` a client can receive, from the errors module's
// own table (common/errors.ts), so the schema and the server cannot disagree.
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ERROR_CODE_DOCS, type ClientErrorCode } from '../common/errors.js';

const CODES = Object.keys(ERROR_CODE_DOCS) as ClientErrorCode[];

/** The enum object type-graphql registers: each code is its own value. */
export const ErrorCode = Object.fromEntries(CODES.map((code) => [code, code])) as {
  [K in ClientErrorCode]: K;
};

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description:
    'Every `extensions.code` a GraphQL error can carry (the reports endpoints answer the same codes ' +
    'in `error.code`). An error without one does not exist: unexpected failures are INTERNAL_SERVER_ERROR.',
  valuesConfig: Object.fromEntries(
    CODES.map((code) => [code, { description: ERROR_CODE_DOCS[code].description }]),
  ),
});

@ObjectType('ErrorCodeInfo', { description: 'One error code and what a client should make of it.' })
export class ErrorCodeInfo {
  @Field(() => ErrorCode, { description: 'The value of `extensions.code`.' })
  code!: ClientErrorCode;

  @Field({ description: 'When the server answers it and what to do about it.' })
  description!: string;

  @Field(() => [String], {
    description: 'The other `extensions` keys an error with this code may carry (besides `code`).',
  })
  extensions!: string[];
}
