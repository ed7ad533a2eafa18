// Argument validation for type-graphql: class-validator on every argument object whose class
// declares constraints, exactly as type-graphql's own validation does (the same options, the
// same ArgumentValidationError); classes with none — connection arguments, most args — are
// skipped without a call into class-validator, which type-graphql otherwise makes for every
// argument of every resolved field (21 times for a dashboard page); so are classes whose only
// decorators cannot fail (`findings(first, severity)`: `@IsOptional` alone), and objects whose
// constrained properties are all missing (`audits(first: 20)` without a filter).
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

/**
 * Metadata that can never fail an object by itself: `@IsOptional`/`@ValidateIf` only decide
 * whether the other constraints run, and `@Allow` matters only with `whitelist`, which is off.
 */
const NEVER_FAILS = new Set<string>([ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.WHITELIST]);

/**
 * What can fail on instances of a class: the properties with a constraint, and those among them
 * checked even when missing (`@IsDefined`). With `skipMissingProperties` class-validator checks
 * nothing else of a null or undefined property, so an object whose constrained properties are
 * all missing (`audits(first: 20)` without a filter) cannot fail either.
 */
interface Constraints {
  properties: string[];
  whenMissing: Set<string>;
}

const constraintsOf = new WeakMap<object, Constraints | null>();

function constraints(target: object): Constraints | null {
  let known = constraintsOf.get(target);
  if (known === undefined) {
    const properties = new Set<string>();
    const whenMissing = new Set<string>();
    for (const metadata of getMetadataStorage().getTargetValidationMetadatas(
      target as never,
      '',
      true,
      false,
    )) {
      if (NEVER_FAILS.has(metadata.type)) continue;
      properties.add(metadata.propertyName);
      if (metadata.type === ValidationTypes.IS_DEFINED) whenMissing.add(metadata.propertyName);
    }
    known = properties.size ? { properties: [...properties], whenMissing } : null;
    constraintsOf.set(target, known);
  }
  return known;
}

function needsValidation(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const known = constraints(value.constructor);
  if (!known) return false;
  const record = value as Record<string, unknown>;
  return known.properties.some((name) => record[name] != null || known.whenMissing.has(name));
}

export const validateArguments: ValidatorFn = async (argValue) => {
  const items = (Array.isArray(argValue) ? argValue : [argValue]).filter(needsValidation);
  if (!items.length) return;
  try {
    await Promise.all(items.map((item) => validateOrReject(item, OPTIONS)));
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
};
