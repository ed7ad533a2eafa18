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
// Each annotated field's description ends with an "Access: …" line derived from the same
// arguments, so the IDE and the API docs show what is enforced.
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
import type { Viewer } from '../../modules/auth/viewer.js';
import type { GraphQLContext } from '../context.js';
import { toClientError } from '../errors.js';
import { accessNote, scopeName, withAccessNote } from './access-note.js';

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
        requires: {
          type: roleType,
          defaultValue: Role.USER,
          description: 'The least account role: USER (any signed-in user) or ADMIN.',
        },
        ...(workspaceRoleType instanceof GraphQLEnumType
          ? {
              workspaceRole: {
                type: workspaceRoleType,
                description:
                  'The least role in the workspace of the object concerned; null = membership not checked here.',
              },
            }
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
      args: {
        scopes: {
          type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(scopeType))),
          description: 'Every scope the key must hold.',
        },
      },
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

/** What a field requires, decided when the schema is built (one object per distinct requirement). */
interface FieldAccess {
  requires: Role | null;
  keyScopes: readonly ApiKeyScope[] | null;
}

/** Why the viewer may not use a field (a fresh error each time), or null when they may. */
type Refusal = (() => AppError) | null;

function decide(viewer: Viewer | null, { requires, keyScopes }: FieldAccess): Refusal {
  const apiKey = viewer?.apiKey;
  if (apiKey && (requires || keyScopes)) {
    if (!keyScopes) return () => forbidden('API keys cannot use this field: it needs a signed-in session');
    const missing = keyScopes.filter((scope) => !apiKey.scopes.includes(scope));
    if (missing.length) {
      return () => forbidden(`This API key lacks the ${missing.map(scopeName).join(', ')} scope`);
    }
  }
  if (!requires) return null;
  if (!viewer) return () => unauthenticated();
  if (requires === Role.ADMIN && viewer.role !== Role.ADMIN) {
    return () => forbidden('This field requires the ADMIN role');
  }
  return null;
}

/**
 * Each viewer's answer per requirement, decided once and reused by every field of the request
 * that has the same requirement. Keyed by the viewer object: a subscription whose re-check
 * replaces its viewer gets its answers afresh.
 */
const decisions = new WeakMap<Viewer, Map<FieldAccess, Refusal>>();

function refusalFor(viewer: Viewer | null, access: FieldAccess): Refusal {
  if (!viewer) return decide(viewer, access);
  let known = decisions.get(viewer);
  if (!known) decisions.set(viewer, (known = new Map<FieldAccess, Refusal>()));
  let refusal = known.get(access);
  if (refusal === undefined) known.set(access, (refusal = decide(viewer, access)));
  return refusal;
}

export function assertAccess(
  ctx: GraphQLContext,
  requires: Role | null,
  keyScopes: readonly ApiKeyScope[] | null = null,
): void {
  const refusal = decide(ctx.viewer, { requires, keyScopes });
  if (refusal) throw refusal();
}

/**
 * The execution time limit of queries: checked before every resolver, so a runaway query stops
 * early. Mutations are not cut short once their effect may have happened, and subscription
 * events are not one long operation.
 */
function pastDeadline(ctx: GraphQLContext, info: GraphQLResolveInfo): boolean {
  return info.operation.operation === OperationTypeNode.QUERY && Date.now() > ctx.deadline;
}

const deadlineError = () =>
  new AppError('QUERY_TOO_COMPLEX', 'The query ran past the execution time limit; ask for less at once', {
    limit: 'executionTime',
  });

type Resolver = GraphQLFieldResolver<unknown, GraphQLContext>;

/**
 * One wrapper per field, in this order: the deadline, then access, then the resolver, and
 * unexpected errors from any of them masked. It stays synchronous when the resolver is, and
 * adds one promise handler only to resolvers that return a promise.
 */
function guarded(resolve: Resolver, access: FieldAccess | null): Resolver {
  return (source, args, ctx, info) => {
    try {
      if (pastDeadline(ctx, info)) throw deadlineError();
      if (access) {
        const refusal = refusalFor(ctx.viewer, access);
        if (refusal) throw refusal();
      }
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
  // Fields with the same requirement share one object, so a request decides it once for all.
  const accesses = new Map<string, FieldAccess>();
  const accessOf = (requires: Role | null, keyScopes: readonly ApiKeyScope[] | null): FieldAccess => {
    const key = `${requires}|${keyScopes?.join(',')}`;
    let access = accesses.get(key);
    if (!access) accesses.set(key, (access = { requires, keyScopes }));
    return access;
  };
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
      // Who may call it, stated in the description from the same arguments (see access-note.ts).
      const note = accessNote({
        requires,
        workspaceRole: (auth?.['workspaceRole'] as string | undefined) ?? null,
        isPublic,
        keyScopes,
      });
      const description = note ? withAccessNote(field.description, note) : field.description;
      if (!requires && !keyScopes && !field.resolve && !field.subscribe) return { ...field, description };
      const access = requires || keyScopes ? accessOf(requires, keyScopes) : null;
      return {
        ...field,
        description,
        resolve: guarded(field.resolve ?? defaultFieldResolver, access),
        subscribe: field.subscribe && guarded(field.subscribe, access),
      };
    },
  });
}
