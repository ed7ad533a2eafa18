// Workspace invitations: an OWNER or ADMIN invites an address with a role, the link emailed to
// it lets the account with that address join (a new person registers first, then opens it).
// Statements on invitations live in invitation.store.ts; membership rules in WorkspaceService.
import type { EntityManager } from '@mikro-orm/postgresql';
import { isEmail } from 'class-validator';
import { badUserInput, conflict, forbidden, notFound } from '../../common/errors.js';
import type { Config } from '../../config.js';
import type { CredentialEvents } from '../auth/credential-events.js';
import type { RequestContext, Viewer } from '../auth/viewer.js';
import { emailLink, workspaceInvitationMail } from '../mail/mail-templates.js';
import type { MailService } from '../mail/mail.service.js';
import { SecurityEventType } from '../security/security-event.entity.js';
import { recordRequestEvent } from '../security/security-log.js';
import { normalizeEmail, User } from '../users/user.entity.js';
import { Invitation, InvitationStatus, WORKSPACE_INVITATION_MAIL } from './invitation.entity.js';
import {
  countPendingInvitations,
  findInvitation,
  findInvitationByToken,
  insertInvitation,
  listPendingInvitations,
  lockOpenInvitation,
  markInvitationAccepted,
  markInvitationDeclined,
  markInvitationRevoked,
  reissueInvitation,
} from './invitation.store.js';
import { atLeast, ROLE_DESCRIPTIONS, Workspace, WorkspaceRole } from './workspace.entity.js';
import type { WorkspaceAccess } from './workspace-access.js';
import { lockMembership, type WorkspaceService } from './workspace.service.js';
import { forgetMemberships } from './workspace.loaders.js';

export const MAX_PENDING_INVITATIONS = 100;
const EMAIL_MAX_LENGTH = 254;

/** One answer for unknown, used, expired, declined and revoked links: none is told apart. */
const invalidLink = () => badUserInput('This invitation link is invalid or has expired');

/** `ada@example.com` → `a***@example.com`: enough to recognise one's own address, not to learn one. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 1 ? '***' : `${email[0]}***${email.slice(at)}`;
}

export class InvitationService {
  constructor(
    private readonly config: Pick<Config, 'publicUrl' | 'invitationTtlSeconds'>,
    private readonly workspaces: WorkspaceService,
    private readonly mail: MailService,
    private readonly credentialEvents: CredentialEvents,
    private readonly access: Pick<WorkspaceAccess, 'has'>,
  ) {}

  /**
   * Invites an address (OWNER or ADMIN, with a verified address; only an OWNER invites OWNERs).
   * An open invitation of the same address is sent again instead: its old link stops working.
   */
  async invite(
    ctx: RequestContext,
    viewer: Viewer,
    workspaceId: string,
    rawEmail: string,
    role: WorkspaceRole,
  ): Promise<Invitation> {
    const email = this.validEmail(rawEmail);
    const { invitation, replaced } = await ctx.em.transactional(async (em) => {
      await lockMembership(em, workspaceId);
      const actorRole = await this.workspaces.roleOf(em, viewer, workspaceId);
      await this.assertMaySend(em, viewer, actorRole, workspaceId, email, role);
      const open = await lockOpenInvitation(em, { workspace: workspaceId, email });
      // Re-sending a pending invitation adds none; a new or expired one counts against the limit.
      if (open?.status !== InvitationStatus.PENDING) await this.keepUnderLimit(em, workspaceId);
      const issued = open
        ? { invitation: open, token: await reissueInvitation(em, open, this.issueAs(viewer, role)) }
        : await insertInvitation(em, { workspaceId, email, ...this.issueAs(viewer, role) });
      await this.sendMail(em, issued.invitation, issued.token, viewer.user);
      return { invitation: issued.invitation, replaced: open !== null };
    });
    await this.recordSent(ctx, invitation, { replaced });
    return invitation;
  }

  /** Sends an open invitation again with a new link and a new expiry; the old link stops working. */
  async resend(ctx: RequestContext, viewer: Viewer, id: string): Promise<Invitation> {
    const { invitation: found } = await this.managed(ctx.em, viewer, id);
    const workspaceId = found.workspace.id;
    const invitation = await ctx.em.transactional(async (em) => {
      await lockMembership(em, workspaceId);
      // The role as it is now, under the lock: a demotion at the same moment wins.
      const actorRole = await this.workspaces.roleOf(em, viewer, workspaceId);
      await this.assertMaySend(em, viewer, actorRole, workspaceId, found.email, found.role);
      const open = await lockOpenInvitation(em, { id });
      if (!open) throw conflict(`${this.closedMessage(found)}: invite the address again`);
      if (open.status !== InvitationStatus.PENDING) await this.keepUnderLimit(em, workspaceId);
      const token = await reissueInvitation(em, open, this.issueAs(viewer, open.role));
      await this.sendMail(em, open, token, viewer.user);
      return open;
    });
    await this.recordSent(ctx, invitation, { resent: true });
    return invitation;
  }

  /** Ends an open invitation (OWNER or ADMIN): its link stops working. True once revoked. */
  async revoke(ctx: RequestContext, viewer: Viewer, id: string): Promise<true> {
    const { invitation } = await this.managed(ctx.em, viewer, id);
    if (invitation.status === InvitationStatus.REVOKED) return true;
    if (!(await markInvitationRevoked(ctx.em, invitation))) {
      throw conflict(`${this.closedMessage(invitation)}: nothing to revoke (remove the member instead)`);
    }
    await recordRequestEvent(ctx, {
      type: SecurityEventType.INVITATION_REVOKED,
      email: invitation.email,
      details: { workspaceId: invitation.workspace.id, invitationId: invitation.id, role: invitation.role },
    });
    return true;
  }

  /**
   * The signed-in account with the invited address joins with the invited role (a member
   * already keeps theirs). Opening the link proves the mailbox is theirs: the address counts as
   * verified. FORBIDDEN for another account, naming (masked) the one to sign in with.
   */
  async accept(ctx: RequestContext, viewer: Viewer, token: string): Promise<Workspace> {
    const invitation = await findInvitationByToken(ctx.em, token);
    if (invitation?.status !== InvitationStatus.PENDING) throw invalidLink();
    if (invitation.email !== viewer.user.email) {
      throw forbidden(
        `This invitation is for ${maskEmail(invitation.email)}: sign in with that address to accept it ` +
          '(no account yet? register with that address first)',
      );
    }
    const workspaceId = invitation.workspace.id;
    const { joined, verified } = await ctx.em.transactional(async (em) => {
      await lockMembership(em, workspaceId);
      // An invitation is only as good as its sender's standing: one sent by someone who has
      // since left or lost the right to send it is dead (leaving revokes them too).
      if (!(await this.senderMayStillInvite(em, invitation))) throw invalidLink();
      if (!(await markInvitationAccepted(em, invitation, viewer.userId))) throw invalidLink();
      const joined = await this.workspaces.addMember(em, workspaceId, viewer.userId, invitation.role);
      const user = await em.findOneOrFail(User, { id: viewer.userId });
      const verified = user.emailVerifiedAt === null;
      user.emailVerifiedAt ??= new Date();
      await em.flush();
      return { joined, verified };
    });
    // Their open streams re-check what they may see at once; cached sessions show the address verified.
    if (joined) forgetMemberships(ctx);
    if (joined || verified) await this.credentialEvents.changed(viewer.userId);
    await recordRequestEvent(ctx, {
      type: SecurityEventType.INVITATION_ACCEPTED,
      userId: viewer.userId,
      email: invitation.email,
      details: { workspaceId, invitationId: invitation.id, role: invitation.role, joined },
    });
    if (verified)
      await recordRequestEvent(ctx, { type: SecurityEventType.EMAIL_VERIFIED, userId: viewer.userId });
    return ctx.em.findOneOrFail(Workspace, { id: workspaceId });
  }

  /** Declines with the emailed link alone (no account needed). */
  async decline(ctx: RequestContext, token: string): Promise<true> {
    const invitation = await findInvitationByToken(ctx.em, token);
    if (!invitation || !(await markInvitationDeclined(ctx.em, invitation))) throw invalidLink();
    await recordRequestEvent(ctx, {
      type: SecurityEventType.INVITATION_DECLINED,
      email: invitation.email,
      details: { workspaceId: invitation.workspace.id, invitationId: invitation.id },
    });
    return true;
  }

  /** The PENDING invitations of a workspace, newest first: for its OWNERs and ADMINs. */
  async listPending(ctx: RequestContext, viewer: Viewer, workspaceId: string): Promise<Invitation[]> {
    const role = viewer.apiKey ? null : await this.workspaces.roleOfUser(ctx.em, viewer.userId, workspaceId);
    if (!role) throw notFound('Workspace');
    if (!atLeast(role, WorkspaceRole.ADMIN)) throw forbidden('Only an OWNER or ADMIN can see invitations');
    return listPendingInvitations(ctx.em, workspaceId, new Date());
  }

  /** An invitation for node(id): its workspace's OWNERs and ADMINs see it, nobody else. */
  async findVisible(ctx: RequestContext, id: string): Promise<Invitation | null> {
    if (!ctx.viewer || ctx.viewer.apiKey) return null;
    const invitation = await findInvitation(ctx.em, id);
    if (!invitation) return null;
    return (await this.access.has(ctx, invitation.workspace.id, WorkspaceRole.ADMIN)) ? invitation : null;
  }

  /** An invitation the viewer manages: NOT_FOUND outside its workspace, FORBIDDEN below ADMIN. */
  private async managed(
    em: EntityManager,
    viewer: Viewer,
    id: string,
  ): Promise<{ invitation: Invitation; actorRole: WorkspaceRole }> {
    const invitation = await findInvitation(em, id);
    const actorRole =
      invitation && (await this.workspaces.roleOfUser(em, viewer.userId, invitation.workspace.id));
    if (!invitation || !actorRole) throw notFound('Invitation');
    if (!atLeast(actorRole, WorkspaceRole.ADMIN))
      throw forbidden('Only an OWNER or ADMIN can manage invitations');
    return { invitation, actorRole };
  }

  private async senderMayStillInvite(em: EntityManager, invitation: Invitation): Promise<boolean> {
    if (!invitation.invitedBy) return false;
    const role = await this.workspaces.roleOfUser(em, invitation.invitedBy.id, invitation.workspace.id);
    if (!role || !atLeast(role, WorkspaceRole.ADMIN)) return false;
    return invitation.role !== WorkspaceRole.OWNER || role === WorkspaceRole.OWNER;
  }

  /** The rules for sending an invitation (first or again), in the order a caller can fix them. */
  private async assertMaySend(
    em: EntityManager,
    viewer: Viewer,
    actorRole: WorkspaceRole,
    workspaceId: string,
    email: string,
    role: WorkspaceRole,
  ): Promise<void> {
    if (!atLeast(actorRole, WorkspaceRole.ADMIN))
      throw forbidden('Only an OWNER or ADMIN can invite members');
    if (role === WorkspaceRole.OWNER && actorRole !== WorkspaceRole.OWNER) {
      throw forbidden('Only an OWNER can invite someone as OWNER');
    }
    if (!viewer.user.emailVerified) {
      throw forbidden(
        'Verify your email address before inviting anyone: open the link we emailed you ' +
          '(resendVerificationEmail sends a new one)',
      );
    }
    if (await this.workspaces.hasMemberWithEmail(em, workspaceId, email)) {
      throw conflict(`${email} is already a member of this workspace`);
    }
  }

  private async keepUnderLimit(em: EntityManager, workspaceId: string): Promise<void> {
    const pending = await countPendingInvitations(em, workspaceId, new Date());
    if (pending >= MAX_PENDING_INVITATIONS) {
      throw conflict(
        `This workspace has ${pending} pending invitations (the limit is ${MAX_PENDING_INVITATIONS}): ` +
          'revoke some, or wait until they are answered or expire',
      );
    }
  }

  private issueAs(viewer: Viewer, role: WorkspaceRole) {
    return { role, invitedById: viewer.userId, ttlSeconds: this.config.invitationTtlSeconds };
  }

  /** The invitation email, queued in the caller's transaction (sent by the mail job). */
  private async sendMail(
    em: EntityManager,
    invitation: Invitation,
    token: string,
    inviter: User,
  ): Promise<void> {
    const workspace = await em.findOneOrFail(Workspace, { id: invitation.workspace.id });
    const content = workspaceInvitationMail({
      inviter: inviter.name ? `${inviter.name} (${inviter.email})` : inviter.email,
      workspace: workspace.name,
      role: invitation.role,
      roleDescription: ROLE_DESCRIPTIONS[invitation.role],
      email: invitation.email,
      acceptLink: emailLink(this.config.publicUrl, 'accept-invitation', token),
      declineLink: emailLink(this.config.publicUrl, 'decline-invitation', token),
      expiresAt: invitation.expiresAt,
    });
    await this.mail.send(em, { to: invitation.email, kind: WORKSPACE_INVITATION_MAIL, ...content });
  }

  private recordSent(ctx: RequestContext, invitation: Invitation, details: Record<string, unknown>) {
    return recordRequestEvent(ctx, {
      type: SecurityEventType.INVITATION_SENT,
      email: invitation.email,
      details: {
        workspaceId: invitation.workspace.id,
        invitationId: invitation.id,
        role: invitation.role,
        ...details,
      },
    });
  }

  /** Why an invitation is no longer open, as far as this request saw it. */
  private closedMessage(invitation: Invitation): string {
    const status = invitation.status;
    const open = status === InvitationStatus.PENDING || status === InvitationStatus.EXPIRED;
    return `This invitation was ${open ? 'answered' : status.toLowerCase()} already`;
  }

  private validEmail(raw: string): string {
    const email = normalizeEmail(raw);
    if (email.length > EMAIL_MAX_LENGTH || !isEmail(email)) {
      throw badUserInput('Invalid email', [
        { field: 'email', messages: ['email must be a valid email address'] },
      ]);
    }
    return email;
  }
}
