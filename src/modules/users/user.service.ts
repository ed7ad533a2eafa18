// Profiles and account administration.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext, Viewer } from '../auth/viewer.js';
import { badUserInput, notFound, unauthenticated } from '../../common/errors.js';
import { verifyPassword } from '../auth/passwords.js';
import type { PageArgs } from '../../common/pagination.js';
import { paginate } from '../../common/pagination.js';
import type { AccountMails } from '../auth/account-mails.js';
import type { AuthService } from '../auth/auth.service.js';
import { SecurityEventType } from '../security/security-event.entity.js';
import { recordRequestEvent } from '../security/security-log.js';
import { normalizeEmail, Role, User } from './user.entity.js';
import type { UpdateProfileInput } from './user.inputs.js';

/** Grants ADMIN from the command line: how the first admin comes to exist. */
export async function promoteUserByEmail(em: EntityManager, email: string): Promise<User> {
  const user = await em.findOne(User, { email: normalizeEmail(email) });
  if (!user) throw notFound(`User ${email}`);
  user.role = Role.ADMIN;
  await em.flush();
  return user;
}

export class UserService {
  constructor(
    private readonly auth: AuthService,
    private readonly mails: AccountMails,
  ) {}

  /** A user the viewer may see: themselves, or anyone for an admin. Others do not exist for them. */
  async findVisible(ctx: RequestContext, id: string): Promise<User | null> {
    const viewer = ctx.viewer;
    const seesEveryone = viewer?.role === Role.ADMIN && !viewer.apiKey;
    if (!viewer || (!seesEveryone && viewer.userId !== id)) return null;
    return ctx.em.findOne(User, { id });
  }

  list(ctx: RequestContext, args: PageArgs) {
    return paginate(
      ctx.em,
      User,
      {},
      [
        ['createdAt', 'desc'],
        ['id', 'desc'],
      ],
      args,
    );
  }

  async updateProfile(ctx: RequestContext, viewer: Viewer, input: UpdateProfileInput): Promise<User> {
    const user = viewer.user;
    if (input.name !== undefined) user.name = input.name?.trim() || null;
    const email = input.email ? normalizeEmail(input.email) : null;
    if (email && email !== user.email) {
      if (!input.currentPassword) {
        throw badUserInput('currentPassword is required to change the email', [
          { field: 'currentPassword', messages: ['is required to change the email'] },
        ]);
      }
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw unauthenticated('Current password is incorrect');
      }
      // Changed once the new address confirms; the answer is the same whether another account
      // has it (that is said in the email to it), so nobody learns who is a customer.
      const taken = (await ctx.em.count(User, { email })) > 0;
      await this.mails.sendEmailChange(ctx.em, user, email, taken);
    }
    await ctx.em.flush();
    // Every replica's cached sessions of the user show the new profile.
    await this.auth.credentialEvents.changed(user.id);
    return user;
  }

  async setRole(ctx: RequestContext, viewer: Viewer, userId: string, role: Role): Promise<User> {
    const user = await this.findForAdmin(ctx, viewer, userId, 'change your own role');
    const previous = user.role;
    user.role = role;
    await ctx.em.flush();
    if (previous !== role) {
      await this.auth.credentialEvents.changed(user.id);
      await recordRequestEvent(ctx, {
        type: SecurityEventType.ROLE_CHANGED,
        userId: user.id,
        details: { from: previous, to: role },
      });
    }
    return user;
  }

  /** Deactivation ends every session at once; the account's data stays. */
  async setActive(ctx: RequestContext, viewer: Viewer, userId: string, active: boolean): Promise<User> {
    const user = await this.findForAdmin(ctx, viewer, userId, 'deactivate your own account');
    const wasActive = user.isActive;
    user.deactivatedAt = active ? null : (user.deactivatedAt ?? new Date());
    await ctx.em.flush();
    if (!active) {
      // Keys end with the account: reactivation gives the person back, not the integrations.
      await this.auth.apiKeys.revokeAllOf(ctx.em, user.id);
      await this.auth.revokeSessions(ctx.em, user.id, 'deactivated');
    }
    if (wasActive !== active) {
      await recordRequestEvent(ctx, {
        type: active ? SecurityEventType.USER_REACTIVATED : SecurityEventType.USER_DEACTIVATED,
        userId: user.id,
      });
    }
    return user;
  }

  private async findForAdmin(ctx: RequestContext, viewer: Viewer, userId: string, selfAction: string) {
    if (viewer.userId === userId) throw badUserInput(`You cannot ${selfAction}; ask another admin`);
    const user = await ctx.em.findOne(User, { id: userId });
    if (!user) throw notFound('User');
    return user;
  }
}
