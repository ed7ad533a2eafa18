// The IDE keeps no variables of an operation carrying a credential in the browser's storage; the
// fields it treats so are listed in src/server/ide-credential-fields.ts. This derives the list from
// schema.graphql: every root field with an argument (or an input field, at any depth) named like a
// password, token or secret, so a new one fails here until the IDE knows it.
import { readFileSync } from 'node:fs';
import { expect, it } from '@jest/globals';
import {
  buildSchema,
  getNamedType,
  isInputObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { IDE_CREDENTIAL_FIELDS } from '../../src/server/ide-credential-fields.js';

const CREDENTIAL_NAME = /password|token|secret|apikey/i;

function carries(type: GraphQLInputType, seen = new Set<GraphQLNamedType>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named)) return false;
  seen.add(named);
  return Object.values(named.getFields()).some(
    (field) => CREDENTIAL_NAME.test(field.name) || carries(field.type, seen),
  );
}

it('lists exactly the root fields whose arguments carry a password or token', () => {
  const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  const fields = roots.flatMap(
    (root) => Object.values(root?.getFields() ?? {}) as GraphQLField<unknown, unknown>[],
  );
  const expected = fields
    .filter((field) => field.args.some((arg) => CREDENTIAL_NAME.test(arg.name) || carries(arg.type)))
    .map((field) => field.name)
    .sort();
  expect(expected).toContain('login');
  expect(expected).toContain('refreshSession');
  expect([...IDE_CREDENTIAL_FIELDS].sort()).toEqual(expected);
});
