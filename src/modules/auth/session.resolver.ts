import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from './viewer.js';
import { Auth } from '../../graphql/directives/auth.js';
import { fromGlobalId } from '../../common/global-id.js';
import type { User } from '../users/user.entity.js';
import { UserType } from '../users/user.types.js';
import { Session } from './session.entity.js';
import { SessionType } from './session.types.js';

@Resolver(() => SessionType)
export class SessionResolver {
  @FieldResolver()
  current(@Root() session: Session, @Ctx() ctx: GraphQLContext): boolean {
    return ctx.viewer?.sessionId === session.id;
  }

  @Auth()
  @Mutation(() => Boolean, {
    description: 'Signs one of your sessions out, e.g. a lost device (NOT_FOUND for others).',
  })
  revokeSession(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: "Global id of one of the viewer's sessions (see viewer.sessions)." })
    id: string,
  ): Promise<boolean> {
    return ctx.services.auth.revokeSession(ctx, requireViewer(ctx), fromGlobalId(id, 'Session').id);
  }
}

@Resolver(() => UserType)
export class UserSessionsResolver {
  @Auth()
  @FieldResolver(() => [SessionType], {
    description: "Your signed-in sessions, most recently used first. Empty on other users' profiles.",
  })
  sessions(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<Session[]> | Session[] {
    const viewer = requireViewer(ctx);
    return viewer.userId === user.id ? ctx.services.auth.listSessions(ctx, viewer) : [];
  }
}
