import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AllowApiKey, Auth, Public } from '../../graphql/directives/auth.js';
import { RateLimit } from '../../graphql/directives/rate-limit.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from '../auth/viewer.js';
import { ConnectionArgs } from '../../graphql/relay/connection.js';
import { fromGlobalId } from '../../common/global-id.js';
import { ApiKeyScope } from '../api-keys/api-key.entity.js';
import { Role, User } from './user.entity.js';
import { UpdateProfileInput } from './user.inputs.js';
import { UserConnection, UserType } from './user.types.js';

@Resolver(() => UserType)
export class UserResolver {
  @Public()
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @Query(() => UserType, { nullable: true, description: 'The signed-in user; null when anonymous.' })
  viewer(@Ctx() ctx: GraphQLContext): User | null {
    return ctx.viewer?.user ?? null;
  }

  @Auth(Role.ADMIN)
  @Query(() => UserConnection, { description: 'Every account, newest first.' })
  users(@Ctx() ctx: GraphQLContext, @Args() args: ConnectionArgs) {
    return ctx.services.users.list(ctx, args);
  }

  @Auth()
  // Per caller: an email change checks the password, which must not be guessed at speed.
  @RateLimit({ max: 10, window: '15m' })
  @Mutation(() => UserType, {
    description:
      "Updates the viewer's own profile. A new email needs currentPassword and takes effect once confirmed " +
      'by the link sent to it (see pendingEmail and confirmEmailChange); the current address is told.',
  })
  updateProfile(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', { description: 'The profile fields to change; omitted fields keep their value.' })
    input: UpdateProfileInput,
  ): Promise<User> {
    return ctx.services.users.updateProfile(ctx, requireViewer(ctx), input);
  }

  @Auth(Role.ADMIN)
  @Mutation(() => UserType, { description: "Changes another user's role." })
  setUserRole(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the user (ADMIN only).' }) id: string,
    @Arg('role', () => Role, { description: 'The new role (USER or ADMIN).' }) role: Role,
  ): Promise<User> {
    return ctx.services.users.setRole(ctx, requireViewer(ctx), fromGlobalId(id, 'User').id, role);
  }

  @Auth(Role.ADMIN)
  @Mutation(() => UserType, {
    description: 'Deactivates an account: its sessions and keys stop working at once.',
  })
  deactivateUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, {
      description: 'Global id of the user to deactivate: their sessions and API keys stop at once.',
    })
    id: string,
  ): Promise<User> {
    return ctx.services.users.setActive(ctx, requireViewer(ctx), fromGlobalId(id, 'User').id, false);
  }

  @Auth(Role.ADMIN)
  @Mutation(() => UserType, { description: 'Reactivates a deactivated account (it signs in again).' })
  reactivateUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of a deactivated user.' }) id: string,
  ): Promise<User> {
    return ctx.services.users.setActive(ctx, requireViewer(ctx), fromGlobalId(id, 'User').id, true);
  }
}
