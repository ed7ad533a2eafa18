import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { Auth } from '../../graphql/directives/auth.js';
import { fromGlobalId } from '../../common/global-id.js';
import { paginate } from '../../common/pagination.js';
import { Role, type User } from '../users/user.entity.js';
import { UserType } from '../users/user.types.js';
import { userById } from '../users/user.loaders.js';
import { SecurityEvent } from './security-event.entity.js';
import { SecurityEventConnection, SecurityEventsArgs, SecurityEventObject } from './security-event.types.js';

export const isAdminSession = (ctx: GraphQLContext) => ctx.viewer?.role === Role.ADMIN && !ctx.viewer.apiKey;

@Resolver(() => SecurityEventObject)
export class SecurityEventResolver {
  @FieldResolver(() => UserType, { nullable: true, description: 'The account the event is about.' })
  user(@Root() event: SecurityEvent, @Ctx() ctx: GraphQLContext): Promise<User | null> | null {
    return event.userId ? ctx.loaders.get(userById).load(event.userId) : null;
  }

  @FieldResolver(() => UserType, {
    nullable: true,
    description: 'Who caused the event, when signed in (an admin acting on another account).',
  })
  actor(@Root() event: SecurityEvent, @Ctx() ctx: GraphQLContext): Promise<User | null> | null {
    return event.actorId ? ctx.loaders.get(userById).load(event.actorId) : null;
  }

  @Auth(Role.ADMIN)
  @Query(() => SecurityEventConnection, { description: 'The security log, newest first (admins only).' })
  securityEvents(@Ctx() ctx: GraphQLContext, @Args() args: SecurityEventsArgs) {
    const where: FilterQuery<SecurityEvent> = {};
    const filter = args.filter;
    if (filter?.type?.length) where.type = { $in: filter.type };
    if (filter?.userId) where.userId = fromGlobalId(filter.userId, 'User').id;
    if (filter?.since) where.createdAt = { $gte: filter.since };
    return paginate(
      ctx.em,
      SecurityEvent,
      where,
      [
        ['createdAt', 'desc'],
        ['id', 'desc'],
      ],
      args,
    );
  }
}
