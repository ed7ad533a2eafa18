import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from '../auth/viewer.js';
import { Auth } from '../../graphql/directives/auth.js';
import { RateLimit } from '../../graphql/directives/rate-limit.js';
import { fromGlobalId } from '../../common/global-id.js';
import { Role, type User } from '../users/user.entity.js';
import { UserType } from '../users/user.types.js';
import { WorkspaceRole, type Workspace } from '../workspaces/workspace.entity.js';
import { WorkspaceType } from '../workspaces/workspace.types.js';
import { ApiKey } from './api-key.entity.js';
import { CreateApiKeyInput } from './api-key.inputs.js';
import { displayPrefix } from './api-key.secret.js';
import { MAX_ROTATION_GRACE_SECONDS, type CreatedApiKeyResult } from './api-key.service.js';
import { ApiKeyType, CreatedApiKey } from './api-key.types.js';

// Keys are credentials: managed from signed-in sessions only, by their creator and by the
// OWNERs and ADMINs of the key's workspace.

const apiKeyId = (id: string) => fromGlobalId(id, 'ApiKey').id;

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @FieldResolver(() => String)
  prefix(@Root() key: ApiKey): string {
    return displayPrefix(key.publicId);
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @RateLimit({ max: 100, window: '1h' })
  @Mutation(() => CreatedApiKey, {
    description: 'Creates a partner API key; the secret is in this answer only. Needs a signed-in session.',
  })
  createApiKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', { description: "The key's name, scopes, expiry and workspace." }) input: CreateApiKeyInput,
  ): Promise<CreatedApiKeyResult> {
    return ctx.services.apiKeys.create(ctx, requireViewer(ctx), input);
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @Mutation(() => ApiKeyType, {
    description:
      'Stops an API key at once: one you created, or any of a workspace you are OWNER or ADMIN of.',
  })
  revokeApiKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the key; it stops at once.' }) id: string,
  ): Promise<ApiKey> {
    return ctx.services.apiKeys.revoke(ctx, requireViewer(ctx), apiKeyId(id));
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @RateLimit({ max: 100, window: '1h' })
  @Mutation(() => CreatedApiKey, {
    description:
      'Replaces a key with a new secret (same name, scopes and expiry). The old key keeps working for ' +
      `gracePeriodSeconds (default 86400, at most ${MAX_ROTATION_GRACE_SECONDS}), then stops.`,
  })
  rotateApiKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the key to replace.' }) id: string,
    @Arg('gracePeriodSeconds', () => Int, {
      nullable: true,
      description: 'Seconds the old key keeps working (default 86400, at most 604800); 0 stops it at once.',
    })
    gracePeriodSeconds: number | null,
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
    return viewer.userId === user.id ? ctx.services.apiKeys.list(ctx.em, user.id) : [];
  }
}

@Resolver(() => WorkspaceType)
export class WorkspaceApiKeysResolver {
  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @FieldResolver(() => [ApiKeyType], {
    nullable: true,
    description:
      "The workspace's API keys, newest first (revoked ones too): for its OWNERs and ADMINs " +
      '(FORBIDDEN for other members).',
  })
  apiKeys(@Root() workspace: Workspace, @Ctx() ctx: GraphQLContext): Promise<ApiKey[]> {
    return ctx.services.apiKeys.listForWorkspace(ctx, workspace.id);
  }
}
