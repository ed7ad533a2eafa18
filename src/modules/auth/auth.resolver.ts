import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Auth, Public } from '../../graphql/directives/auth.js';
import { RateLimit } from '../../graphql/directives/rate-limit.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from './viewer.js';
import { ChangePasswordInput, LoginInput, RegisterInput } from './auth.inputs.js';
import { AuthPayload } from './auth.types.js';

@Resolver()
export class AuthResolver {
  @Public()
  @RateLimit({ max: 10, window: '1h' })
  @Mutation(() => AuthPayload, { description: 'Creates an account and signs it in.' })
  register(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', { description: "The new account's email, password and name." }) input: RegisterInput,
  ): Promise<AuthPayload> {
    return ctx.services.auth.register(ctx, input);
  }

  // Brute force: bounded per caller (address) and per account from one address; from many
  // addresses, attempts on one account are slowed down (AuthService.login), never locked out.
  @Public()
  @RateLimit({ max: 20, window: '15m' })
  @RateLimit({ max: 10, window: '15m', by: ['input.email', '$address'] })
  @Mutation(() => AuthPayload, { description: 'Signs in with email and password.' })
  login(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', { description: 'Email and password.' }) input: LoginInput,
  ): Promise<AuthPayload> {
    return ctx.services.auth.login(ctx, input);
  }

  @Public()
  @RateLimit({ max: 30, window: '1m' })
  @Mutation(() => AuthPayload, {
    description:
      'Exchanges a refresh token for new tokens. The old refresh token dies; reusing it revokes the session.',
  })
  refreshSession(
    @Ctx() ctx: GraphQLContext,
    @Arg('refreshToken', { description: 'The refresh token of the last AuthPayload; it works once.' })
    refreshToken: string,
  ): Promise<AuthPayload> {
    return ctx.services.auth.refreshSession(ctx, refreshToken);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Ends the session the refresh token belongs to.' })
  logout(
    @Ctx() ctx: GraphQLContext,
    @Arg('refreshToken', { description: "The session's refresh token; the session ends." })
    refreshToken: string,
  ): Promise<boolean> {
    return ctx.services.auth.logout(ctx, refreshToken);
  }

  @Auth()
  // Per caller: a stolen access token must not buy unlimited guesses at the password.
  @RateLimit({ max: 5, window: '15m' })
  @Mutation(() => Boolean, { description: "Changes the viewer's password and ends their other sessions." })
  changePassword(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', { description: 'The current password and the new one.' }) input: ChangePasswordInput,
  ): Promise<boolean> {
    return ctx.services.auth.changePassword(ctx, requireViewer(ctx), input);
  }
}
