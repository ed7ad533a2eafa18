// class-validator runs on argument objects that declare constraints, as type-graphql would run it,
// and is skipped for those that declare none.
import 'reflect-metadata';
import { describe, expect, it, jest } from '@jest/globals';
import {
  getMetadataStorage,
  IsDefined,
  IsEmail,
  IsOptional,
  Max,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { validateArguments } from '../../src/graphql/argument-validation.js';

class Contact {
  @IsEmail({}, { message: 'email must be a valid email address' })
  email!: string;

  @MaxLength(5)
  name?: string;
}

class Wrapper {
  @ValidateNested()
  contact!: Contact;
}

class Page {
  first?: number;
}

/** `@IsOptional` alone cannot fail: skipped like a class without decorators. */
class Filter {
  @IsOptional()
  severity?: unknown;
}

/** `@IsOptional` beside a real constraint: validated. */
class BoundedFilter {
  @IsOptional()
  @Max(10)
  limit?: number | null;
}

/** A constraint checked even when the value is missing. */
class Required {
  @IsDefined()
  @IsEmail()
  email?: string | null;
}

const make = <T extends object>(type: new () => T, values: Partial<T>) => Object.assign(new type(), values);
const validate = async (value: unknown) => validateArguments(value, undefined as never, undefined as never);

describe('validateArguments', () => {
  it('refuses what the constraints refuse, with class-validator’s errors', async () => {
    const rejection = validate(make(Contact, { email: 'nope' }));
    await expect(rejection).rejects.toBeInstanceOf(ArgumentValidationError);
    const error = (await rejection.catch((caught: unknown) => caught)) as ArgumentValidationError;
    expect(error.extensions.validationErrors[0]).toMatchObject({
      property: 'email',
      constraints: { isEmail: 'email must be a valid email address' },
    });
    expect(error.extensions.validationErrors[0]).not.toHaveProperty('value');
    await expect(
      validate([make(Contact, { email: 'a@example.com', name: 'too long' })]),
    ).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(validate(make(Wrapper, { contact: make(Contact, { email: 'x' }) }))).rejects.toBeInstanceOf(
      ArgumentValidationError,
    );
  });

  it('lets valid objects, plain values and classes without constraints through', async () => {
    await expect(validate(make(Contact, { email: 'a@example.com' }))).resolves.toBeUndefined();
    await expect(validate(make(Page, { first: 1_000_000 }))).resolves.toBeUndefined();
    await expect(validate('text')).resolves.toBeUndefined();
    await expect(validate(null)).resolves.toBeUndefined();
  });

  it('skips classes whose decorators cannot fail, and checks those with a constraint beside them', async () => {
    // An accessor that throws proves class-validator never reads the object.
    const untouched = Object.defineProperty(new Filter(), 'severity', {
      enumerable: true,
      get: () => {
        throw new Error('read by class-validator');
      },
    });
    await expect(validate(untouched)).resolves.toBeUndefined();
    await expect(validate(make(BoundedFilter, { limit: null }))).resolves.toBeUndefined();
    await expect(validate(make(BoundedFilter, { limit: 5 }))).resolves.toBeUndefined();
    await expect(validate(make(BoundedFilter, { limit: 11 }))).rejects.toBeInstanceOf(
      ArgumentValidationError,
    );
  });

  it('skips objects whose constrained properties are all missing, unless one must be defined', async () => {
    await expect(validate(make(Wrapper, {}))).resolves.toBeUndefined(); // the class is known now
    const storage = getMetadataStorage();
    const lookups = jest.spyOn(storage, 'getTargetValidationMetadatas');
    try {
      await expect(validate(make(Wrapper, {}))).resolves.toBeUndefined();
      await expect(validate(make(BoundedFilter, { limit: null }))).resolves.toBeUndefined();
      expect(lookups).not.toHaveBeenCalled(); // class-validator was not run
      await expect(
        validate(make(Wrapper, { contact: make(Contact, { email: 'x' }) })),
      ).rejects.toBeInstanceOf(ArgumentValidationError);
      expect(lookups).toHaveBeenCalled();
    } finally {
      lookups.mockRestore();
    }
    await expect(validate(make(Required, {}))).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(validate(make(Required, { email: 'a@example.com' }))).resolves.toBeUndefined();
  });
});
