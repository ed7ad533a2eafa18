// `@auth(requires: Role)` and `@public`: declared in the schema, visible in schema.graphql,
// enforced by wrapping every field's resolver (and subscribe) after the schema is built.
// Root fields must say one or the other, so forgetting an annotation fails at startup
// instead of exposing a field: anonymous access is denied unless a field is explicitly public.
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  DirectiveLocation,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLSchema,
  defaultFieldResolver,
  type GraphQLFieldResolver,
} from 'graphql';
import { Directive } from 'type-graphql';
import { Role } from '../../modules/users/user.entity.js';
import type { RequestContext } from '../context.js';
import { forbidden, unauthenticated } from '../errors.js';
import { toClientError } from '../resolver-errors.js';

/** Marks a field as requiring a signed-in viewer with at least `requires` (USER < ADMIN). */
export const Auth = (requires: Role = Role.USER) => Directive(`@auth(requires: ${requires})`);

/** Marks a root field as open to anonymous callers. */
export const Public = () => Directive('@public');

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function directiveDefinitions(schema: GraphQLSchema): GraphQLDirective[] {
  const roleType = schema.getType('Role');
  if (!(roleType instanceof GraphQLEnumType)) throw new Error('The schema must define the Role enum');
  return [
    new GraphQLDirective({
      name: 'auth',
      description: 'Requires a signed-in viewer whose role is at least `requires` (USER < ADMIN).',
      locations: [DirectiveLocation.FIELD_DEFINITION],
      args: { requires: { type: roleType, defaultValue: Role.USER } },
    }),
    new GraphQLDirective({
      name: 'public',
      description: 'Open to anonymous callers. Root fields without it require authentication.',
      locations: [DirectiveLocation.FIELD_DEFINITION],
    }),
  ];
}

export function assertAccess(ctx: RequestContext, requires: Role | null): void {
  if (!requires) return;
  if (!ctx.viewer) throw unauthenticated();
  if (requires === Role.ADMIN && ctx.viewer.role !== Role.ADMIN) {
    throw forbidden('This field requires the ADMIN role');
  }
}

/** Runs `resolve` with access checked and unexpected errors masked, staying synchronous when it is. */
function guarded(
  resolve: GraphQLFieldResolver<unknown, RequestContext>,
  requires: Role | null,
): GraphQLFieldResolver<unknown, RequestContext> {
  return (source, args, ctx, info) => {
    try {
      assertAccess(ctx, requires);
      const result = resolve(source, args, ctx, info);
      if (result instanceof Promise)
        return result.catch((error: unknown) => Promise.reject(toClientError(error, ctx)));
      return result;
    } catch (error) {
      throw toClientError(error, ctx);
    }
  };
}

export function applyAuthDirectives(built: GraphQLSchema): GraphQLSchema {
  const schema = new GraphQLSchema({
    ...built.toConfig(),
    directives: [...built.getDirectives(), ...directiveDefinitions(built)],
  });
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const auth = getDirective(schema, field, 'auth')?.[0];
      const isPublic = Boolean(getDirective(schema, field, 'public')?.[0]);
      const isRoot = ROOT_TYPES.has(typeName);
      if (isRoot && !auth && !isPublic) {
        throw new Error(`${typeName}.${fieldName} must be annotated with @Auth() or @Public()`);
      }
      const requires = auth ? ((auth['requires'] as Role | undefined) ?? Role.USER) : null;
      if (!requires && !field.resolve && !field.subscribe) return field;
      return {
        ...field,
        resolve: guarded(field.resolve ?? defaultFieldResolver, requires),
        subscribe: field.subscribe && guarded(field.subscribe, requires),
      };
    },
  });
}
