// The code-first schema: type-graphql resolvers in, an executable schema with the @auth
// directives declared and enforced out. `printSchemaSDL` is what `schema.graphql` holds.
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { UserResolver } from '../modules/users/user.resolver.js';
import { applyAuthDirectives } from './directives/auth.js';
import { NodeResolver } from './relay/node.resolver.js';

export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [NodeResolver, UserResolver, AuthResolver],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  return applyAuthDirectives(schema);
}

export function printSchemaSDL(schema: GraphQLSchema): string {
  return `${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
}
