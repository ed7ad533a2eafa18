import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from '../auth/viewer.js';
import { AllowApiKey, Auth } from '../../graphql/directives/auth.js';
import { notFound } from '../../common/errors.js';
import { fromGlobalId } from '../../common/global-id.js';
import { ApiKeyScope } from '../api-keys/api-key.entity.js';
import { Role, User } from '../users/user.entity.js';
import { UserType } from '../users/user.types.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { WorkspaceType } from '../workspaces/workspace.types.js';
import { Plan } from './plan.js';
import { Quota } from './plan.types.js';
import type { QuotaService } from './quota.service.js';

async function quotaOf(quotas: QuotaService, ctx: GraphQLContext, workspaceId: string): Promise<Quota> {
  const usage = await quotas.usage(ctx.em, workspaceId);
  return {
    plan: usage.plan,
    auditsPerDay: { limit: usage.limits.auditsPerDay, used: usage.auditsToday },
    concurrentAudits: { limit: usage.limits.concurrentAudits, used: usage.concurrentAudits },
    maxPagesPerAudit: usage.limits.maxPagesPerAudit,
    maxPromptsPerAudit: usage.limits.maxPromptsPerAudit,
    projects: { limit: usage.limits.maxProjects, used: usage.projects },
    minScheduleMinutes: usage.limits.minScheduleMinutes,
  };
}

/**
 * Account fields (plan, quota) are the user's own and an admin's: a workspace co-member reaches a
 * User through `members` and must see the person, not their account.
 */
function mayReadAccountOf(ctx: GraphQLContext, user: User): boolean {
  const viewer = ctx.viewer;
  return viewer !== null && (viewer.userId === user.id || (viewer.role === Role.ADMIN && !viewer.apiKey));
}

/**
 * The personal workspace whose plan and quota `User.plan`/`User.quota` show, or null: an API key
 * sees them only when it acts in that very workspace.
 */
async function accountWorkspaceOf(ctx: GraphQLContext, user: User): Promise<string | null> {
  if (!mayReadAccountOf(ctx, user)) return null;
  const personal = await ctx.services.access.personalOf(ctx, user.id);
  const key = ctx.viewer?.apiKey;
  return key && key.workspaceId !== personal ? null : personal;
}

@Resolver(() => UserType)
export class UserPlanResolver {
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @FieldResolver(() => Plan, {
    nullable: true,
    description: "The plan of this user's personal workspace; null unless this is you (or you are an admin).",
  })
  async plan(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<Plan | null> {
    const workspaceId = await accountWorkspaceOf(ctx, user);
    return workspaceId ? ctx.services.quotas.planOf(ctx.em, workspaceId) : null;
  }

  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @FieldResolver(() => Quota, {
    nullable: true,
    description:
      "The quotas of this user's personal workspace and their current use; null unless this is you " +
      '(or you are an admin). Shared workspaces have their own: `Workspace.quota`.',
  })
  async quota(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<Quota | null> {
    const workspaceId = await accountWorkspaceOf(ctx, user);
    return workspaceId ? quotaOf(ctx.services.quotas, ctx, workspaceId) : null;
  }

  @Auth(Role.ADMIN)
  @Mutation(() => UserType, {
    description: "Sets the plan of a user's personal workspace (and so its quotas).",
  })
  async setUserPlan(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the user (ADMIN only).' }) id: string,
    @Arg('plan', () => Plan, { description: 'The plan, and so the quotas, to apply.' }) plan: Plan,
  ): Promise<User> {
    requireViewer(ctx);
    const user = await ctx.em.findOne(User, { id: fromGlobalId(id, 'User').id });
    if (!user) throw notFound('User');
    await ctx.services.quotas.setPlan(ctx, await ctx.services.access.personalOf(ctx, user.id), plan, user.id);
    return user;
  }
}

@Resolver(() => WorkspaceType)
export class WorkspacePlanResolver {
  @FieldResolver(() => Plan, { description: "The workspace's plan: it sets the quotas of everything in it." })
  async plan(@Root() workspace: Workspace, @Ctx() ctx: GraphQLContext): Promise<Plan> {
    return ctx.services.quotas.planOf(ctx.em, workspace.id);
  }

  @FieldResolver(() => Quota, { description: "The workspace's quotas and their current use." })
  quota(@Root() workspace: Workspace, @Ctx() ctx: GraphQLContext): Promise<Quota> {
    return quotaOf(ctx.services.quotas, ctx, workspace.id);
  }

  @Auth(Role.ADMIN)
  @Mutation(() => WorkspaceType, { description: "Sets a workspace's plan (and so its quotas)." })
  async setWorkspacePlan(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the workspace.' }) id: string,
    @Arg('plan', () => Plan, { description: 'The plan, and so the quotas, to apply.' }) plan: Plan,
  ): Promise<Workspace> {
    requireViewer(ctx);
    const workspace = await ctx.em.findOne(Workspace, { id: fromGlobalId(id, 'Workspace').id });
    if (!workspace) throw notFound('Workspace');
    await ctx.services.quotas.setPlan(ctx, workspace.id, plan, workspace.personalOwner?.id ?? null);
    return workspace;
  }
}
