// The emails about an account: verification at sign-up, password reset, and the notice to an
// address someone tried to register again. Links point at PUBLIC_URL and carry `token=<token>`.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import type { RateLimitStore } from '../../infra/rate-limit/index.js';
import type { MailService } from '../mail/mail.service.js';
import {
  confirmEmailChangeMail,
  emailChangeNoticeMail,
  emailLink,
  emailTakenMail,
  passwordResetMail,
  registrationAttemptMail,
  verifyEmailMail,
} from '../mail/mail-templates.js';
import type { User } from '../users/user.entity.js';
import { AccountTokenPurpose } from './account-token.entity.js';
import { issueAccountToken } from './account-tokens.js';

const DAY_MS = 24 * 3600 * 1000;

export class AccountMails {
  constructor(
    private readonly config: Pick<Config, 'publicUrl' | 'accountTokens'>,
    private readonly mail: MailService,
    /** Counts notices per address, so nobody can flood an inbox through our forms. */
    private readonly counters: Pick<RateLimitStore, 'hit'>,
  ) {}

  private link(path: string, token?: string): string {
    return emailLink(this.config.publicUrl, path, token);
  }

  async sendVerification(em: EntityManager, user: User): Promise<void> {
    const ttl = this.config.accountTokens.emailVerificationTtlSeconds;
    const token = await issueAccountToken(em, user.id, AccountTokenPurpose.EMAIL_VERIFICATION, ttl);
    const content = verifyEmailMail(this.link('verify-email', token), Math.round(ttl / 3600));
    await this.mail.send(em, { to: user.email, kind: 'email-verification', ...content });
  }

  async sendPasswordReset(em: EntityManager, user: User): Promise<void> {
    const ttl = this.config.accountTokens.passwordResetTtlSeconds;
    const token = await issueAccountToken(em, user.id, AccountTokenPurpose.PASSWORD_RESET, ttl);
    const content = passwordResetMail(this.link('reset-password', token), Math.round(ttl / 60));
    await this.mail.send(em, { to: user.email, kind: 'password-reset', ...content });
  }

  /**
   * An email change: a confirmation link to the new address, or (when another account has it)
   * a message saying so, with nothing in the API's answer telling the two apart; and a notice
   * to the current address either way.
   */
  async sendEmailChange(em: EntityManager, user: User, newEmail: string, taken: boolean): Promise<void> {
    const ttl = this.config.accountTokens.emailVerificationTtlSeconds;
    const token = await issueAccountToken(em, user.id, AccountTokenPurpose.EMAIL_CHANGE, ttl, newEmail);
    const content = taken
      ? emailTakenMail(this.link('sign-in'))
      : confirmEmailChangeMail(this.link('confirm-email-change', token), Math.round(ttl / 3600));
    await this.mail.send(em, { to: newEmail, kind: 'email-change', ...content });
    const notice = emailChangeNoticeMail(newEmail, this.link('forgot-password'));
    await this.mail.send(em, { to: user.email, kind: 'email-change-notice', ...notice });
  }

  /** At most one notice per address and day, however often registration is tried. */
  async sendRegistrationAttempt(em: EntityManager, email: string): Promise<void> {
    const once = await this.counters.hit(`registration-notice:${email}`, 1, DAY_MS);
    if (!once.allowed) return;
    const content = registrationAttemptMail(this.link('sign-in'), this.link('forgot-password'));
    await this.mail.send(em, { to: email, kind: 'registration-attempt', ...content });
  }
}
