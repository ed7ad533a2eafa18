// What the served schema declares, read from the schema itself rather than from lines of its
// SDL (descriptions, including the access notes, make those lines anything but one per field).
import {
  Kind,
  parse,
  print,
  type DirectiveDefinitionNode,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { printSchemaSDL } from '../../src/graphql/schema.js';

/** `Type.field` for every field of a root (or any object) type. */
export function fieldsOf(schema: GraphQLSchema, type: string): string[] {
  const object = schema.getType(type);
  if (!object || !('getFields' in object)) return [];
  return Object.keys(object.getFields()).map((field) => `${type}.${field}`);
}

/** The directives on `type.field` as the emitted SDL carries them, each printed, e.g. `@auth(requires: ADMIN)`. */
export function directivesOf(schema: GraphQLSchema, type: string, field: string): string[] {
  const definition = parse(printSchemaSDL(schema)).definitions.find(
    (node): node is ObjectTypeDefinitionNode =>
      node.kind === Kind.OBJECT_TYPE_DEFINITION && node.name.value === type,
  );
  const fieldNode = definition?.fields?.find((node) => node.name.value === field);
  return (fieldNode?.directives ?? []).map((directive) => print(directive));
}

/** A directive's definition as the emitted SDL has it, without descriptions: `directive @public on FIELD_DEFINITION`. */
export function directiveSignature(schema: GraphQLSchema, name: string): string | undefined {
  const node = parse(printSchemaSDL(schema)).definitions.find(
    (definition): definition is DirectiveDefinitionNode =>
      definition.kind === Kind.DIRECTIVE_DEFINITION && definition.name.value === name,
  );
  if (!node) return undefined;
  const args = node.arguments?.map((arg) => ({ ...arg, description: undefined }));
  return print({ ...node, description: undefined, arguments: args });
}
