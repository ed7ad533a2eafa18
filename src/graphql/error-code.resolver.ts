import { Query, Resolver } from 'type-graphql';
import { ERROR_CODE_DOCS, type ClientErrorCode } from '../common/errors.js';
import { Public } from './directives/auth.js';
import { ErrorCodeInfo } from './error-code.types.js';

@Resolver()
export class ErrorCodeResolver {
  @Public()
  @Query(() => [ErrorCodeInfo], {
    description: 'Every error code the API answers, with its meaning and extensions; open to anyone.',
  })
  errorCodes(): ErrorCodeInfo[] {
    return (Object.keys(ERROR_CODE_DOCS) as ClientErrorCode[]).map((code) => ({
      code,
      description: ERROR_CODE_DOCS[code].description,
      extensions: [...ERROR_CODE_DOCS[code].extensions],
    }));
  }
}
