// Forgotten passwords and email verification, through single-use emailed tokens.
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, conflict } from '../../common/errors.js';
import { SecurityEventType } from '../security/security-event.entity.js';
import { recordRequestEvent, recordSecurityEvent, type RequestOrigin } from '../security/security-log.js';
import type { MailQueue } from '../mail/mail-queue.js';
import { normalizeEmail, User } from '../users/user.entity.js';
import type { AccountMails } from './account-mails.js';
import { AccountTokenPurpose } from './account-token.entity.js';
import { consumeAccountToken, revokeAccountTokens } from './account-tokens.js';
import { hashPassword } from './passwords.js';
import type { RequestContext, Viewer } from './viewer.js';

interface CredentialRevoker {
  revokeSessions(em: EntityManager, userId: string, reason: string): Promise<void>;
  /** Tells every replica the user changed (their cached sessions show the old profile). */
  credentialEvents: { changed(userId: string): Promise<void> };
  apiKeys: { revokeAllOf(em: EntityManager, userId: string): Promise<void> };
}

export class AccountRecoveryService {
  constructor(
    private readonly mails: AccountMails,
    private readonly credentials: CredentialRevoker,
    private readonly queue: Pick<MailQueue, 'enqueuePasswordReset'>,
  ) {}

  /**
   * Queues the request and answers true: the same answer, after the same work, whether or not
   * an account has this address (the job looks it up; see processPasswordReset).
   */
  async requestPasswordReset(ctx: RequestContext, rawEmail: string): Promise<true> {
    await this.queue.enqueuePasswordReset({
      email: normalizeEmail(rawEmail),
      origin: { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId },
    });
    return true;
  }

  /** The job: emails a reset link when an active account has the address; nothing otherwise. */
  async processPasswordReset(em: EntityManager, email: string, origin: RequestOrigin): Promise<void> {
    const user = await em.findOne(User, { email });
    if (!user?.isActive) return;
    await this.mails.sendPasswordReset(em, user);
    await recordSecurityEvent(em, {
      type: SecurityEventType.PASSWORD_RESET_REQUESTED,
      userId: user.id,
      ...origin,
    });
  }

  /**
   * Sets the password from an emailed link and ends every credential of the account: sessions,
   * API keys (whoever had the password may have made some) and every other emailed link (a
   * pending email change included).
   */
  async resetPassword(ctx: RequestContext, token: string, password: string): Promise<true> {
    const consumed = await consumeAccountToken(ctx.em, token, AccountTokenPurpose.PASSWORD_RESET);
    const user = consumed ? await ctx.em.findOne(User, { id: consumed.userId }) : null;
    if (!user?.isActive) {
      throw badUserInput('This password reset link is invalid, expired or already used: request a new one');
    }
    user.passwordHash = await hashPassword(password);
    // The link arrived at the address: it is the user's.
    user.emailVerifiedAt ??= new Date();
    await ctx.em.flush();
    await revokeAccountTokens(ctx.em, user.id);
    await this.credentials.apiKeys.revokeAllOf(ctx.em, user.id);
    await this.credentials.revokeSessions(ctx.em, user.id, 'password_reset');
    await recordRequestEvent(ctx, { type: SecurityEventType.PASSWORD_RESET, userId: user.id });
    return true;
  }

  async verifyEmail(ctx: RequestContext, token: string): Promise<true> {
    const consumed = await consumeAccountToken(ctx.em, token, AccountTokenPurpose.EMAIL_VERIFICATION);
    const user = consumed ? await ctx.em.findOne(User, { id: consumed.userId }) : null;
    if (!user) {
      throw badUserInput('This verification link is invalid, expired or already used: request a new one');
    }
    user.emailVerifiedAt ??= new Date();
    await ctx.em.flush();
    await this.credentials.credentialEvents.changed(user.id);
    await recordRequestEvent(ctx, { type: SecurityEventType.EMAIL_VERIFIED, userId: user.id });
    return true;
  }

  /**
   * Completes an email change from the link sent to the new address (which proves it is the
   * user's). CONFLICT when another account took the address meanwhile.
   */
  async confirmEmailChange(ctx: RequestContext, token: string): Promise<User> {
    const consumed = await consumeAccountToken(ctx.em, token, AccountTokenPurpose.EMAIL_CHANGE);
    const user = consumed?.newEmail ? await ctx.em.findOne(User, { id: consumed.userId }) : null;
    if (!user?.isActive || !consumed?.newEmail) {
      throw badUserInput(
        'This confirmation link is invalid, expired or already used: change the email again',
      );
    }
    if (await ctx.em.count(User, { email: consumed.newEmail, id: { $ne: user.id } })) {
      throw conflict('Another account uses this address');
    }
    const previous = user.email;
    user.email = consumed.newEmail;
    user.emailVerifiedAt = new Date();
    try {
      await ctx.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict('Another account uses this address');
      throw error;
    }
    await this.credentials.credentialEvents.changed(user.id);
    await recordRequestEvent(ctx, {
      type: SecurityEventType.EMAIL_CHANGED,
      userId: user.id,
      details: { from: previous, to: user.email },
    });
    return user;
  }

  /** A new verification link for the viewer (false when the address is already verified). */
  async resendVerification(ctx: RequestContext, viewer: Viewer): Promise<boolean> {
    if (viewer.user.emailVerifiedAt) return false;
    await this.mails.sendVerification(ctx.em, viewer.user);
    return true;
  }
}
