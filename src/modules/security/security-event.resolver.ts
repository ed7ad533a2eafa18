import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { Auth } from '../../graphql/directives/auth.js';
import { fromGlobalId } from '../../graphql/relay/global-id.js';
import { registerNodeType } from '../../graphql/relay/node.js';
import { paginate } from '../../graphql/relay/paginate.js';
import { Role, type User } from '../users/user.entity.js';
import { UserType } from '../users/user.types.js';
import { SecurityEvent } from './security-event.entity.js';
import { SecurityEventConnection, SecurityEventsArgs, SecurityEventObject } from './security-event.types.js';

const isAdminSession = (ctx: RequestContext) => ctx.viewer?.role === Role.ADMIN && !ctx.viewer.apiKey;

registerNodeType('SecurityEvent', SecurityEvent, async (ctx, id) =>
  isAdminSession(ctx) ? ctx.em.findOne(SecurityEvent, { id }) : null,
);

@Resolver(() => SecurityEventObject)
export class SecurityEventResolver {
  @FieldResolver(() => UserType, { nullable: true, description: 'The account the event is about.' })
  user(@Root() event: SecurityEvent, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return event.userId ? ctx.loaders.userById.load(event.userId) : null;
  }

  @FieldResolver(() => UserType, {
    nullable: true,
    description: 'Who caused the event, when signed in (an admin acting on another account).',
  })
  actor(@Root() event: SecurityEvent, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return event.actorId ? ctx.loaders.userById.load(event.actorId) : null;
  }

  @Auth(Role.ADMIN)
  @Query(() => SecurityEventConnection, { description: 'The security log, newest first (admins only).' })
  securityEvents(@Ctx() ctx: RequestContext, @Args() args: SecurityEventsArgs) {
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
