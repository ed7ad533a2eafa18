import { describe, expect, it } from '@jest/globals';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { buildAppSchema } from '../../src/graphql/schema.js';

/** Schema coordinates (`Type`, `Type.field`, `Type.field(arg:)`, `@directive(arg:)`) without a description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    check(`@${directive.name}`, directive.description);
    for (const arg of directive.args) check(`@${directive.name}(${arg.name}:)`, arg.description);
  }
  return missing;
}

describe('schema descriptions', () => {
  it('describe every type, field, argument, input field, enum value and directive', async () => {
    // Each coordinate listed needs a description in code (docs/api-evolution.md says what a good one says).
    expect(undescribed(await buildAppSchema())).toEqual([]);
  });

  it('are found missing by the walk', async () => {
    const schema = buildSchema(`
      """Root."""
      type Query {
        """Described."""
        a(x: Int): E
      }
      enum E { """One.""" ONE TWO }
      directive @d(y: Int) on FIELD_DEFINITION
    `);
    expect(undescribed(schema)).toEqual(['Query.a(x:)', 'E', 'E.TWO', '@d', '@d(y:)']);
  });
});
