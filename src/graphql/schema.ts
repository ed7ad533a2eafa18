// The code-first schema: type-graphql resolvers in, an executable schema with the @auth
// directives declared and enforced out. `printSchemaSDL` is what `schema.graphql` holds.
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { isInterfaceType, isObjectType, lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, type ClassType, type NonEmptyArray } from 'type-graphql';
import { MODULES } from '../modules/index.js';
import type { AppModule } from '../modules/module.types.js';
import { createPubSub, typeGraphqlPubSub, type PubSub } from '../infra/pubsub.js';
import { validateArguments } from './argument-validation.js';
import { ErrorCodeResolver } from './error-code.resolver.js';
import { applyAuthDirectives } from './directives/auth.js';
import { applyRateLimits, DEFAULT_RATE_LIMIT, type RateLimitRule } from './directives/rate-limit.js';
import { nodeTypeName, setNodeTypes } from './relay/node.js';
import { NodeResolver } from './relay/node.resolver.js';

/**
 * The schema of `modules` (default: every module of the app). `pubsub` serves
 * `@Subscription({ topics })` resolvers; printing the schema needs none.
 */
export async function buildAppSchema(
  pubsub: PubSub = createPubSub(undefined),
  defaultRateLimit: RateLimitRule = DEFAULT_RATE_LIMIT,
  modules: readonly AppModule[] = MODULES,
  /** Limits replacing what fields declare, by `Type.field` (configuration). */
  rateLimitOverrides: Readonly<Record<string, readonly RateLimitRule[]>> = {},
): Promise<GraphQLSchema> {
  setNodeTypes(modules.flatMap((module) => module.nodeTypes));
  const resolvers = modules.flatMap((module) => module.resolvers);
  const schema = await buildSchema({
    resolvers: [NodeResolver, ErrorCodeResolver, ...resolvers] as NonEmptyArray<ClassType>,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    pubSub: typeGraphqlPubSub(pubsub),
    validateFn: validateArguments,
  });
  // type-graphql wraps every resolveType in an async function; compiled execution (graphql-jit)
  // needs the type at once, so Node resolves synchronously, as it is written.
  describeRootTypes(schema);
  inheritInterfaceDescriptions(schema);
  const node = schema.getType('Node');
  if (isInterfaceType(node)) node.resolveType = (value: object) => nodeTypeName(value);
  // Access checks outermost: they also mask and log whatever the rate-limit store throws.
  return applyAuthDirectives(applyRateLimits(schema, defaultRateLimit, rateLimitOverrides));
}

/** type-graphql names the root types but takes no description for them. */
function describeRootTypes(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) {
    query.description =
      'Reads. Anonymous callers reach only the fields marked @public; everything else needs a ' +
      'signed-in user or an API key with the scope @apiKey names.';
  }
  if (mutation) {
    mutation.description =
      'Changes. Each mutation states who may call it (@auth, @apiKey, @public) and its rate limits (@rateLimit).';
  }
  if (subscription) {
    subscription.description =
      'Live events over WebSocket (graphql-transport-ws on /graphql), with the same credentials as HTTP.';
  }
}

/** A field an interface describes (Node.id) keeps that description in each type implementing it. */
function inheritInterfaceDescriptions(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const face of type.getInterfaces()) {
      for (const [name, field] of Object.entries(face.getFields())) {
        const own = fields[name];
        if (own && !own.description) own.description = field.description;
      }
    }
  }
}

export function printSchemaSDL(schema: GraphQLSchema): string {
  return `${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
}
