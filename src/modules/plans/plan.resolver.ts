import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from '../auth/viewer.js';
import { AllowApiKey, Auth } from '../../graphql/directives/auth.js';
import { notFound } from '../../common/errors.js';
import { fromGlobalId } from '../../common/global-id.js';
import { ApiKeyScope } from '../api-keys/api-key.entity.js';
import { Role, User } from '../users/user.entity.js';
import { UserType } from '../users/user.types.js';
import { Plan } from './plan.js';
import { Quota } from './plan.types.js';

/**
 * Account fields (plan, quota) are the user's own and an admin's: a workspace co-member reaches a
 * User through `members` and must see the person, not their account.
 */
function mayReadAccountOf(ctx: GraphQLContext, user: User): boolean {
  const viewer = ctx.viewer;
  return viewer !== null && (viewer.user.id === user.id || (viewer.role === Role.ADMIN && !viewer.apiKey));
}

@Resolver(() => UserType)
export class UserPlanResolver {
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @FieldResolver(() => Plan, {
    nullable: true,
    description: 'Null unless this is you (or you are an admin).',
  })
  plan(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<Plan> | null {
    if (!mayReadAccountOf(ctx, user)) return null;
    return ctx.services.quotas.planOf(ctx.em, user.id);
  }

  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @FieldResolver(() => Quota, {
    nullable: true,
    description:
      "This user's plan quotas and their current use; null unless this is you (or you are an admin).",
  })
  async quota(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<Quota | null> {
    if (!mayReadAccountOf(ctx, user)) return null;
    const usage = await ctx.services.quotas.usage(ctx.em, user.id);
    return {
      plan: usage.plan,
      auditsPerDay: { limit: usage.limits.auditsPerDay, used: usage.auditsToday },
      concurrentAudits: { limit: usage.limits.concurrentAudits, used: usage.concurrentAudits },
      maxPagesPerAudit: usage.limits.maxPagesPerAudit,
      maxPromptsPerAudit: usage.limits.maxPromptsPerAudit,
    };
  }

  @Auth(Role.ADMIN)
  @Mutation(() => UserType, { description: "Sets a user's plan (and so their quotas)." })
  async setUserPlan(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('plan', () => Plan) plan: Plan,
  ): Promise<User> {
    requireViewer(ctx);
    const user = await ctx.em.findOne(User, { id: fromGlobalId(id, 'User').id });
    if (!user) throw notFound('User');
    await ctx.services.quotas.setPlan(ctx, user.id, plan);
    return user;
  }
}
