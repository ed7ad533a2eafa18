import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from '../auth/viewer.js';
import { Auth } from '../../graphql/directives/auth.js';
import { fromGlobalId } from '../../common/global-id.js';
import type { User } from '../users/user.entity.js';
import { UserType } from '../users/user.types.js';
import { ApiKey } from './api-key.entity.js';
import { CreateApiKeyInput } from './api-key.inputs.js';
import { displayPrefix } from './api-key.secret.js';
import { MAX_ROTATION_GRACE_SECONDS, type CreatedApiKeyResult } from './api-key.service.js';
import { ApiKeyType, CreatedApiKey } from './api-key.types.js';

// Keys are account management: visible to their owner's sessions only.

const apiKeyId = (id: string) => fromGlobalId(id, 'ApiKey').id;

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @FieldResolver(() => String)
  prefix(@Root() key: ApiKey): string {
    return displayPrefix(key.publicId);
  }

  @Auth()
  @Mutation(() => CreatedApiKey, {
    description: 'Creates a partner API key; the secret is in this answer only. Needs a signed-in session.',
  })
  createApiKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('input') input: CreateApiKeyInput,
  ): Promise<CreatedApiKeyResult> {
    return ctx.services.apiKeys.create(ctx, requireViewer(ctx), input);
  }

  @Auth()
  @Mutation(() => ApiKeyType, { description: 'Stops one of your API keys at once.' })
  revokeApiKey(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<ApiKey> {
    return ctx.services.apiKeys.revoke(ctx, requireViewer(ctx), apiKeyId(id));
  }

  @Auth()
  @Mutation(() => CreatedApiKey, {
    description:
      'Replaces a key with a new secret (same name, scopes and expiry). The old key keeps working for ' +
      `gracePeriodSeconds (default 86400, at most ${MAX_ROTATION_GRACE_SECONDS}), then stops.`,
  })
  rotateApiKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('gracePeriodSeconds', () => Int, { nullable: true }) gracePeriodSeconds: number | null,
  ): Promise<CreatedApiKeyResult> {
    return ctx.services.apiKeys.rotate(ctx, requireViewer(ctx), apiKeyId(id), gracePeriodSeconds);
  }
}

@Resolver(() => UserType)
export class UserApiKeysResolver {
  @Auth()
  @FieldResolver(() => [ApiKeyType], {
    description: "Your API keys, newest first (revoked ones too). Empty on other users' profiles.",
  })
  apiKeys(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<ApiKey[]> | ApiKey[] {
    const viewer = requireViewer(ctx);
    return viewer.user.id === user.id ? ctx.services.apiKeys.list(ctx.em, user.id) : [];
  }
}
