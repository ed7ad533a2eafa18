import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { notFound } from '../../common/errors.js';
import { fromGlobalId } from '../../common/global-id.js';
import { Auth, Public } from '../../graphql/directives/auth.js';
import { RateLimit } from '../../graphql/directives/rate-limit.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from '../auth/viewer.js';
import { Role, type User } from '../users/user.entity.js';
import { userById } from '../users/user.loaders.js';
import { UserType } from '../users/user.types.js';
import type { Invitation } from './invitation.entity.js';
import { MAX_PENDING_INVITATIONS } from './invitation.service.js';
import { InvitationType } from './invitation.types.js';
import { WorkspaceRole, type Workspace } from './workspace.entity.js';
import { workspaceById } from './workspace.loaders.js';
import { WorkspaceType } from './workspace.types.js';

const invitationId = (id: string) => fromGlobalId(id, 'Invitation').id;

@Resolver(() => InvitationType)
export class InvitationResolver {
  @Auth(Role.USER, WorkspaceRole.ADMIN)
  // Per caller, and per address so that nobody floods one inbox from many workspaces.
  @RateLimit({ max: 30, window: '1h' })
  @RateLimit({ max: 10, window: '1h', by: ['workspaceId', 'email'] })
  @Mutation(() => InvitationType, {
    description:
      'Emails an invitation to join the workspace with `role` (OWNER or ADMIN with a verified address; only ' +
      'an OWNER invites OWNERs). Inviting an address again re-sends its pending invitation with the new role: ' +
      `the old link stops working. CONFLICT for a member, or beyond ${MAX_PENDING_INVITATIONS} pending ` +
      'invitations.',
  })
  inviteMember(
    @Ctx() ctx: GraphQLContext,
    @Arg('workspaceId', () => ID, { description: 'Global id of the workspace (ADMIN and up in it).' })
    workspaceId: string,
    @Arg('email', { description: 'Who to invite; the invitation is emailed there.' }) email: string,
    @Arg('role', () => WorkspaceRole, {
      description: 'The role the invitee gets on accepting (only an OWNER invites OWNERs).',
    })
    role: WorkspaceRole,
  ): Promise<Invitation> {
    return ctx.services.invitations.invite(
      ctx,
      requireViewer(ctx),
      fromGlobalId(workspaceId, 'Workspace').id,
      email,
      role,
    );
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @RateLimit({ max: 30, window: '1h' })
  @RateLimit({ max: 5, window: '1h', by: ['id'] })
  @Mutation(() => InvitationType, {
    description:
      'Emails a pending (or expired) invitation again with a new link and expiry; the old link stops working.',
  })
  resendInvitation(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of a pending invitation.' }) id: string,
  ): Promise<Invitation> {
    return ctx.services.invitations.resend(ctx, requireViewer(ctx), invitationId(id));
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @Mutation(() => Boolean, {
    description:
      'Withdraws an invitation (OWNER or ADMIN): its link stops working. CONFLICT once accepted or declined.',
  })
  revokeInvitation(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of a pending invitation.' }) id: string,
  ): Promise<boolean> {
    return ctx.services.invitations.revoke(ctx, requireViewer(ctx), invitationId(id));
  }

  @Auth()
  @RateLimit({ max: 10, window: '15m' })
  @Mutation(() => WorkspaceType, {
    description:
      'Joins the workspace with the token of an invitation link, with the invited role (a member keeps their ' +
      'role). Sign in with the invited address first (a new person registers with it); accepting also ' +
      'verifies that address. Another account is FORBIDDEN; a used, expired, declined, revoked or unknown ' +
      'link is BAD_USER_INPUT.',
  })
  acceptInvitation(
    @Ctx() ctx: GraphQLContext,
    @Arg('token', { description: 'The `token` of the emailed invitation link.' }) token: string,
  ): Promise<Workspace> {
    return ctx.services.invitations.accept(ctx, requireViewer(ctx), token);
  }

  @Public()
  @RateLimit({ max: 10, window: '15m' })
  @Mutation(() => Boolean, {
    description: 'Declines an invitation with the token of its link (no account needed).',
  })
  declineInvitation(
    @Ctx() ctx: GraphQLContext,
    @Arg('token', { description: 'The `token` of the emailed invitation link.' }) token: string,
  ): Promise<boolean> {
    return ctx.services.invitations.decline(ctx, token);
  }

  @FieldResolver(() => WorkspaceType, { description: 'The workspace it invites to.' })
  async workspace(@Root() invitation: Invitation, @Ctx() ctx: GraphQLContext): Promise<Workspace> {
    const workspace = await ctx.loaders.get(workspaceById).load(invitation.workspace.id);
    if (!workspace) throw notFound('Workspace');
    return workspace;
  }

  @FieldResolver(() => UserType, {
    nullable: true,
    description: 'Who sent it (or last re-sent it); null once that account is deleted.',
  })
  invitedBy(@Root() invitation: Invitation, @Ctx() ctx: GraphQLContext): Promise<User | null> | null {
    return invitation.invitedBy ? ctx.loaders.get(userById).load(invitation.invitedBy.id) : null;
  }
}

@Resolver(() => WorkspaceType)
export class WorkspaceInvitationsResolver {
  @FieldResolver(() => [InvitationType], {
    nullable: true,
    description:
      'The pending invitations, newest first: for OWNERs and ADMINs (FORBIDDEN for other members).',
  })
  invitations(@Root() workspace: Workspace, @Ctx() ctx: GraphQLContext): Promise<Invitation[]> {
    return ctx.services.invitations.listPending(ctx, requireViewer(ctx), workspace.id);
  }
}
