// Argument validation for type-graphql: class-validator on every argument object whose class
// declares constraints, exactly as type-graphql's own validation does (the same options, the
// same ArgumentValidationError); classes with none — connection arguments, most args — are
// skipped without a call into class-validator, which type-graphql otherwise makes for every
// argument of every resolved field (21 times for a dashboard page); so are classes whose only
// decorators cannot fail (`findings(first, severity)`: `@IsOptional` alone).
import {
  getMetadataStorage,
  validateOrReject,
  ValidationTypes,
  type ValidationError,
  type ValidatorOptions,
} from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

const OPTIONS: ValidatorOptions = {
  forbidUnknownValues: false,
  skipMissingProperties: true,
  validationError: { target: false, value: false },
};

const constrained = new WeakMap<object, boolean>();

/**
 * Metadata that can never fail an object by itself: `@IsOptional`/`@ValidateIf` only decide
 * whether the other constraints run, and `@Allow` matters only with `whitelist`, which is off.
 */
const NEVER_FAILS = new Set<string>([ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.WHITELIST]);

/** Whether class-validator has anything to check on instances of this class. */
function hasConstraints(target: object): boolean {
  let known = constrained.get(target);
  if (known === undefined) {
    known = getMetadataStorage()
      .getTargetValidationMetadatas(target as never, '', true, false)
      .some((metadata) => !NEVER_FAILS.has(metadata.type));
    constrained.set(target, known);
  }
  return known;
}

const needsValidation = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && hasConstraints(value.constructor);

export const validateArguments: ValidatorFn = async (argValue) => {
  const items = (Array.isArray(argValue) ? argValue : [argValue]).filter(needsValidation);
  if (!items.length) return;
  try {
    await Promise.all(items.map((item) => validateOrReject(item, OPTIONS)));
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
};
