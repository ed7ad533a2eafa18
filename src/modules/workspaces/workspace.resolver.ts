import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../common/global-id.js';
import { notFound } from '../../common/errors.js';
import { Auth } from '../../graphql/directives/auth.js';
import { RateLimit } from '../../graphql/directives/rate-limit.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from '../auth/viewer.js';
import { Role, type User } from '../users/user.entity.js';
import { UserType } from '../users/user.types.js';
import { WorkspaceRole, type Workspace, type WorkspaceMember } from './workspace.entity.js';
import { memberRole, workspaceMembers } from './workspace.loaders.js';
import { WorkspaceMemberType, WorkspaceType } from './workspace.types.js';

@Resolver(() => WorkspaceType)
export class WorkspaceResolver {
  @Auth()
  @RateLimit({ max: 20, window: '1h' })
  @Mutation(() => WorkspaceType, { description: 'Creates a shared workspace; you are its OWNER.' })
  createWorkspace(
    @Ctx() ctx: GraphQLContext,
    @Arg('name', { description: "The workspace's name, shown to its members." }) name: string,
  ): Promise<Workspace> {
    return ctx.services.workspaces.create(ctx, requireViewer(ctx), name);
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @RateLimit({ max: 60, window: '10m' })
  @Mutation(() => WorkspaceMemberType, {
    description:
      "Changes a member's role (OWNER or ADMIN; only an OWNER grants or changes OWNER). The last OWNER " +
      'cannot be demoted (CONFLICT).',
  })
  setMemberRole(
    @Ctx() ctx: GraphQLContext,
    @Arg('workspaceId', () => ID, { description: 'Global id of the workspace.' }) workspaceId: string,
    @Arg('userId', () => ID, { description: 'Global id of the member.' }) userId: string,
    @Arg('role', () => WorkspaceRole, { description: "The member's new role." }) role: WorkspaceRole,
  ): Promise<WorkspaceMember> {
    return ctx.services.workspaces.setMemberRole(
      ctx,
      requireViewer(ctx),
      fromGlobalId(workspaceId, 'Workspace').id,
      fromGlobalId(userId, 'User').id,
      role,
    );
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @RateLimit({ max: 60, window: '10m' })
  @Mutation(() => Boolean, {
    description:
      'Removes a member (OWNER or ADMIN), or leaves (your own id). The last OWNER cannot leave, and nobody ' +
      'leaves their personal workspace (CONFLICT). Their access ends at once, open streams included.',
  })
  removeMember(
    @Ctx() ctx: GraphQLContext,
    @Arg('workspaceId', () => ID, { description: 'Global id of the workspace.' }) workspaceId: string,
    @Arg('userId', () => ID, { description: 'Global id of the member to remove (yourself to leave).' })
    userId: string,
  ): Promise<boolean> {
    return ctx.services.workspaces.removeMember(
      ctx,
      requireViewer(ctx),
      fromGlobalId(workspaceId, 'Workspace').id,
      fromGlobalId(userId, 'User').id,
    );
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @RateLimit({ max: 30, window: '1h' })
  @Mutation(() => WorkspaceType, { description: 'Renames a workspace (OWNER or ADMIN).' })
  renameWorkspace(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the workspace.' }) id: string,
    @Arg('name', { description: 'The new name.' }) name: string,
  ): Promise<Workspace> {
    return ctx.services.workspaces.rename(ctx, requireViewer(ctx), fromGlobalId(id, 'Workspace').id, name);
  }

  @Auth(Role.USER, WorkspaceRole.OWNER)
  @RateLimit({ max: 10, window: '1h' })
  @Mutation(() => Boolean, {
    description:
      'Deletes a shared workspace and everything in it: audits (running ones stop), API keys, invitations ' +
      '(an OWNER only). A personal workspace goes only with its account (CONFLICT).',
  })
  deleteWorkspace(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of a workspace you own (not your personal one).' })
    id: string,
  ): Promise<boolean> {
    return ctx.services.workspaces.delete(ctx, requireViewer(ctx), fromGlobalId(id, 'Workspace').id);
  }

  @FieldResolver(() => WorkspaceRole, { description: 'Your role in this workspace.' })
  async viewerRole(@Root() workspace: Workspace, @Ctx() ctx: GraphQLContext): Promise<WorkspaceRole> {
    const role = await ctx.loaders.get(memberRole).load(`${workspace.id}:${requireViewer(ctx).userId}`);
    if (!role) throw notFound('Workspace');
    return role;
  }

  // People's addresses: for members' sessions, never for a partner key.
  @Auth()
  @FieldResolver(() => [WorkspaceMemberType], {
    description: 'Every member, oldest first (signed-in members only; API keys get FORBIDDEN).',
  })
  members(@Root() workspace: Workspace, @Ctx() ctx: GraphQLContext): Promise<WorkspaceMember[]> {
    return ctx.loaders.get(workspaceMembers).load(workspace.id);
  }
}

@Resolver(() => UserType)
export class UserWorkspacesResolver {
  @FieldResolver(() => [WorkspaceType], {
    description: 'The workspaces you are a member of, personal first (empty on other users).',
  })
  workspaces(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<Workspace[]> | Workspace[] {
    if (ctx.viewer?.userId !== user.id || ctx.viewer.apiKey) return [];
    return ctx.services.workspaces.listFor(ctx, user.id);
  }
}
