import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { fromGlobalId } from '../../common/global-id.js';
import { Auth } from '../../graphql/directives/auth.js';
import { RateLimit } from '../../graphql/directives/rate-limit.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from '../auth/viewer.js';
import { Role } from './user.entity.js';

@Resolver()
export class AccountDataResolver {
  @Auth()
  @RateLimit({ max: 5, window: '1h' })
  @Query(() => GraphQLJSON, {
    description:
      'Everything stored about the viewer (profile, sessions, API keys without secrets, audits with ' +
      'findings, security events), as JSON in the shapes of this API.',
  })
  exportAccountData(@Ctx() ctx: GraphQLContext): Promise<Record<string, unknown>> {
    return ctx.services.accountData.export(ctx, requireViewer(ctx).userId);
  }

  @Auth()
  // The password is checked: it must not be guessed at speed with a stolen access token.
  @RateLimit({ max: 5, window: '15m' })
  @Mutation(() => Boolean, {
    description:
      "Erases the viewer's account and everything in it, ending every credential at once; only " +
      'anonymised security-log rows remain. Needs the password.',
  })
  deleteAccount(
    @Ctx() ctx: GraphQLContext,
    @Arg('password', { description: "The account's current password, to confirm." }) password: string,
  ): Promise<boolean> {
    return ctx.services.accountData.deleteOwn(ctx, requireViewer(ctx), password);
  }

  @Auth(Role.ADMIN)
  @Query(() => GraphQLJSON, { description: "A user's data export (admins; recorded in the security log)." })
  exportUserData(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the user whose data to export (ADMIN only).' })
    id: string,
  ): Promise<Record<string, unknown>> {
    requireViewer(ctx);
    return ctx.services.accountData.exportForAdmin(ctx, fromGlobalId(id, 'User').id);
  }

  @Auth(Role.ADMIN)
  @Mutation(() => Boolean, { description: "Erases a user's account (admins; recorded in the security log)." })
  deleteUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the user to delete with their data (ADMIN only).' })
    id: string,
  ): Promise<boolean> {
    return ctx.services.accountData.deleteForAdmin(ctx, requireViewer(ctx), fromGlobalId(id, 'User').id);
  }
}
