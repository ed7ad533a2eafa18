// `@auth(requires: Role)` and `@public`: declared in the schema, visible in schema.graphql,
// enforced by wrapping every field's resolver (and subscribe) after the schema is built.
// Root fields must say one or the other, so forgetting an annotation fails at startup
// instead of exposing a field: anonymous access is denied unless a field is explicitly public.
// `@apiKey(scopes: [...])` opens a field to partner API keys holding those scopes; a key
// calling any other guarded field is FORBIDDEN, so keys never reach account management.
// `@auth(workspaceRole: MEMBER)` states the least workspace role a field needs in the workspace
// of what it touches. Which workspace that is depends on the object, so the owning service
// checks it (WorkspaceAccess: NOT_FOUND for non-members, FORBIDDEN below the role); the
// authorization-matrix test holds every declaration to what the service does, role by role.
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  DirectiveLocation,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLSchema,
  OperationTypeNode,
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
} from 'graphql';
import { Directive } from 'type-graphql';
import { ApiKeyScope } from '../../modules/api-keys/api-key.entity.js';
import { Role } from '../../modules/users/user.entity.js';
import type { WorkspaceRole } from '../../modules/workspaces/workspace.entity.js';
import { AppError, forbidden, unauthenticated } from '../../common/errors.js';
import type { GraphQLContext } from '../context.js';
import { toClientError } from '../errors.js';

/**
 * Marks a field as requiring a signed-in viewer with at least `requires` (USER < ADMIN), and,
 * with `workspaceRole`, at least that role in the workspace of what it touches.
 */
export const Auth = (requires: Role = Role.USER, workspaceRole?: WorkspaceRole) =>
  Directive(`@auth(requires: ${requires}${workspaceRole ? `, workspaceRole: ${workspaceRole}` : ''})`);

/** Marks a root field as open to anonymous callers. */
export const Public = () => Directive('@public');

/** Opens a field to API keys that hold every one of `scopes` (other guarded fields refuse keys). */
export const AllowApiKey = (...scopes: ApiKeyScope[]) => Directive(`@apiKey(scopes: [${scopes.join(', ')}])`);

/** How scopes read in messages and docs: `AUDITS_READ` is `audits:read`. */
export const scopeName = (scope: ApiKeyScope) => scope.toLowerCase().replace('_', ':');

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function directiveDefinitions(schema: GraphQLSchema, scopeType: GraphQLEnumType): GraphQLDirective[] {
  const roleType = schema.getType('Role');
  if (!(roleType instanceof GraphQLEnumType)) throw new Error('The schema must define the Role enum');
  const workspaceRoleType = schema.getType('WorkspaceRole');
  return [
    new GraphQLDirective({
      name: 'auth',
      description:
        'Requires a signed-in viewer whose role is at least `requires` (USER < ADMIN) and, with ' +
        '`workspaceRole`, at least that role in the workspace of the object concerned (VIEWER < MEMBER < ' +
        'ADMIN < OWNER): non-members get NOT_FOUND, members below it FORBIDDEN.',
      locations: [DirectiveLocation.FIELD_DEFINITION],
      args: {
        requires: { type: roleType, defaultValue: Role.USER },
        ...(workspaceRoleType instanceof GraphQLEnumType
          ? { workspaceRole: { type: workspaceRoleType } }
          : {}),
      },
    }),
    new GraphQLDirective({
      name: 'public',
      description: 'Open to anonymous callers. Root fields without it require authentication.',
      locations: [DirectiveLocation.FIELD_DEFINITION],
    }),
    new GraphQLDirective({
      name: 'apiKey',
      description:
        'Open to partner API keys holding every listed scope (AUDITS_READ = audits:read, ' +
        'AUDITS_WRITE = audits:write). Guarded fields without it refuse API keys.',
      locations: [DirectiveLocation.FIELD_DEFINITION],
      args: { scopes: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(scopeType))) } },
    }),
  ];
}

/** The schema's ApiKeyScope enum, or a new one for schemas that do not use it. */
function apiKeyScopeType(schema: GraphQLSchema): GraphQLEnumType {
  const existing = schema.getType('ApiKeyScope');
  if (existing instanceof GraphQLEnumType) return existing;
  return new GraphQLEnumType({
    name: 'ApiKeyScope',
    values: Object.fromEntries(Object.values(ApiKeyScope).map((scope) => [scope, { value: scope }])),
  });
}

export function assertAccess(
  ctx: GraphQLContext,
  requires: Role | null,
  keyScopes: readonly ApiKeyScope[] | null = null,
): void {
  const apiKey = ctx.viewer?.apiKey;
  if (apiKey && (requires || keyScopes)) {
    if (!keyScopes) throw forbidden('API keys cannot use this field: it needs a signed-in session');
    const missing = keyScopes.filter((scope) => !apiKey.scopes.includes(scope));
    if (missing.length) {
      throw forbidden(`This API key lacks the ${missing.map(scopeName).join(', ')} scope`);
    }
  }
  if (!requires) return;
  if (!ctx.viewer) throw unauthenticated();
  if (requires === Role.ADMIN && ctx.viewer.role !== Role.ADMIN) {
    throw forbidden('This field requires the ADMIN role');
  }
}

/**
 * The execution time limit of queries: checked before every resolver, so a runaway query stops
 * early. Mutations are not cut short once their effect may have happened, and subscription
 * events are not one long operation.
 */
function assertWithinDeadline(ctx: GraphQLContext, info: GraphQLResolveInfo): void {
  if (info.operation.operation === OperationTypeNode.QUERY && Date.now() > ctx.deadline) {
    throw new AppError(
      'QUERY_TOO_COMPLEX',
      'The query ran past the execution time limit; ask for less at once',
      {
        limit: 'executionTime',
      },
    );
  }
}

type Resolver = GraphQLFieldResolver<unknown, GraphQLContext>;

/**
 * Each wrapper does one thing and stays synchronous when the resolver is. Outermost first:
 * masking sees whatever the checks and the resolver throw.
 */
function withMaskedErrors(resolve: Resolver): Resolver {
  return (source, args, ctx, info) => {
    try {
      const result = resolve(source, args, ctx, info);
      if (result instanceof Promise)
        return result.catch((error: unknown) => Promise.reject(toClientError(error, ctx)));
      return result;
    } catch (error) {
      throw toClientError(error, ctx);
    }
  };
}

function withDeadline(resolve: Resolver): Resolver {
  return (source, args, ctx, info) => {
    assertWithinDeadline(ctx, info);
    return resolve(source, args, ctx, info);
  };
}

function withAccess(
  resolve: Resolver,
  requires: Role | null,
  keyScopes: readonly ApiKeyScope[] | null,
): Resolver {
  return (source, args, ctx, info) => {
    assertAccess(ctx, requires, keyScopes);
    return resolve(source, args, ctx, info);
  };
}

/** The deadline, then access, then the resolver; unexpected errors from any of them masked. */
function guarded(
  resolve: Resolver,
  requires: Role | null,
  keyScopes: readonly ApiKeyScope[] | null,
): Resolver {
  return withMaskedErrors(withDeadline(withAccess(resolve, requires, keyScopes)));
}

export function applyAuthDirectives(built: GraphQLSchema): GraphQLSchema {
  const scopeType = apiKeyScopeType(built);
  const config = built.toConfig();
  const schema = new GraphQLSchema({
    ...config,
    types: built.getType(scopeType.name) ? config.types : [...config.types, scopeType],
    directives: [...built.getDirectives(), ...directiveDefinitions(built, scopeType)],
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
      const keyScopes =
        (getDirective(schema, field, 'apiKey')?.[0]?.['scopes'] as ApiKeyScope[] | undefined) ?? null;
      if (!requires && !keyScopes && !field.resolve && !field.subscribe) return field;
      return {
        ...field,
        resolve: guarded(field.resolve ?? defaultFieldResolver, requires, keyScopes),
        subscribe: field.subscribe && guarded(field.subscribe, requires, keyScopes),
      };
    },
  });
}
