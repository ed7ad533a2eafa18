// The code-first schema: type-graphql resolvers in, an executable schema with the @auth
// directives declared and enforced out. `printSchemaSDL` is what `schema.graphql` holds.
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import {
  AuditProgressResolver,
  AuditResolver,
  UserAuditsResolver,
} from '../modules/audits/audit.resolver.js';
import { ApiKeyResolver, UserApiKeysResolver } from '../modules/api-keys/api-key.resolver.js';
import { SessionResolver, UserSessionsResolver } from '../modules/auth/session.resolver.js';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { UserPlanResolver } from '../modules/plans/plan.resolver.js';
import { SecurityEventResolver } from '../modules/security/security-event.resolver.js';
import { UserResolver } from '../modules/users/user.resolver.js';
import { createPubSub, typeGraphqlPubSub, type PubSub } from '../infra/pubsub.js';
import { applyAuthDirectives } from './directives/auth.js';
import { applyRateLimits, DEFAULT_RATE_LIMIT, type RateLimitRule } from './directives/rate-limit.js';
import { NodeResolver } from './relay/node.resolver.js';

/** `pubsub` serves `@Subscription({ topics })` resolvers; printing the schema needs none. */
export async function buildAppSchema(
  pubsub: PubSub = createPubSub(undefined),
  defaultRateLimit: RateLimitRule = DEFAULT_RATE_LIMIT,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      NodeResolver,
      UserResolver,
      AuthResolver,
      AuditResolver,
      AuditProgressResolver,
      UserAuditsResolver,
      ApiKeyResolver,
      UserApiKeysResolver,
      SessionResolver,
      UserSessionsResolver,
      UserPlanResolver,
      SecurityEventResolver,
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    pubSub: typeGraphqlPubSub(pubsub),
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  // Access checks outermost: they also mask and log whatever the rate-limit store throws.
  return applyAuthDirectives(applyRateLimits(schema, defaultRateLimit));
}

export function printSchemaSDL(schema: GraphQLSchema): string {
  return `${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
}
