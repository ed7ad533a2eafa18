import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Auth, Public } from '../../graphql/directives/auth.js';
import { RateLimit } from '../../graphql/directives/rate-limit.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { User } from '../users/user.entity.js';
import { UserType } from '../users/user.types.js';
import { pendingEmailChange } from './account-tokens.js';
import { PasswordResetRequestArgs, ResetPasswordArgs } from './auth.inputs.js';
import { requireViewer } from './viewer.js';

@Resolver()
export class AccountRecoveryResolver {
  @Public()
  // Per caller, and per address so that nobody floods one inbox from many callers.
  @RateLimit({ max: 5, window: '15m' })
  @RateLimit({ max: 3, window: '1h', by: ['email'] })
  @Mutation(() => Boolean, {
    description:
      'Emails a single-use password reset link when an account has this address. Always true: the answer ' +
      'does not tell whether the account exists.',
  })
  requestPasswordReset(
    @Ctx() ctx: GraphQLContext,
    @Args() { email }: PasswordResetRequestArgs,
  ): Promise<boolean> {
    return ctx.services.recovery.requestPasswordReset(ctx, email);
  }

  @Public()
  @RateLimit({ max: 10, window: '15m' })
  @Mutation(() => Boolean, {
    description:
      'Sets a new password with the token of a reset link and ends every credential of the account: ' +
      'sessions, API keys and every other emailed link.',
  })
  resetPassword(
    @Ctx() ctx: GraphQLContext,
    @Args() { token, password }: ResetPasswordArgs,
  ): Promise<boolean> {
    return ctx.services.recovery.resetPassword(ctx, token, password);
  }

  @Public()
  @RateLimit({ max: 10, window: '15m' })
  @Mutation(() => Boolean, {
    description: 'Confirms the email address with the token of a verification link.',
  })
  verifyEmail(
    @Ctx() ctx: GraphQLContext,
    @Arg('token', { description: 'The `token` of the emailed verification link.' }) token: string,
  ): Promise<boolean> {
    return ctx.services.recovery.verifyEmail(ctx, token);
  }

  @Public()
  @RateLimit({ max: 10, window: '15m' })
  @Mutation(() => UserType, {
    description:
      'Completes an email change with the token of the link sent to the new address (updateProfile). ' +
      'CONFLICT when another account took the address meanwhile.',
  })
  confirmEmailChange(
    @Ctx() ctx: GraphQLContext,
    @Arg('token', { description: 'The `token` of the link emailed to the new address.' }) token: string,
  ): Promise<User> {
    return ctx.services.recovery.confirmEmailChange(ctx, token);
  }

  @Auth()
  @RateLimit({ max: 3, window: '1h' })
  @Mutation(() => Boolean, {
    description: "Sends a new verification link to the viewer's address (false when it is already verified).",
  })
  resendVerificationEmail(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.recovery.resendVerification(ctx, requireViewer(ctx));
  }
}

@Resolver(() => UserType)
export class UserPendingEmailResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The address an email change waits to be confirmed at (your own account only; null for others).',
  })
  pendingEmail(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<string | null> | null {
    if (ctx.viewer?.userId !== user.id || ctx.viewer.apiKey) return null;
    return pendingEmailChange(ctx.em, user.id);
  }
}
