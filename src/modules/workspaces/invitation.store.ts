// Every statement on `workspace_invitations`, each a named function. Tokens are returned once,
// to be put in the emailed link; only their SHA-256 is stored. The writes that end an
// invitation are conditional on it being open and unexpired, so of two concurrent uses of one
// link exactly one wins.
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { newOpaqueToken, sha256 } from '../auth/tokens.js';
import { User } from '../users/user.entity.js';
import { Invitation } from './invitation.entity.js';
import type { WorkspaceRole } from './workspace.entity.js';

const TOKEN_PREFIX = 'wi_';
/** Longer than any token we issue: not worth hashing, never found. */
const MAX_TOKEN_LENGTH = 200;

/** Not accepted, declined or revoked (it may have expired). */
const OPEN = { acceptedAt: null, declinedAt: null, revokedAt: null } as const;
/** Open and unexpired at `now`: the PENDING ones. */
const pendingAt = (now: Date) => ({ ...OPEN, expiresAt: { $gt: now } });

export interface IssueInvitation {
  workspaceId: string;
  email: string;
  role: WorkspaceRole;
  invitedById: string;
  ttlSeconds: number;
}

export interface IssuedInvitation {
  invitation: Invitation;
  token: string;
}

export function findInvitation(em: EntityManager, id: string): Promise<Invitation | null> {
  return em.findOne(Invitation, { id });
}

/** The invitation behind an emailed link, whatever its status; null for unknown tokens. */
export async function findInvitationByToken(em: EntityManager, token: string): Promise<Invitation | null> {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  return em.findOne(Invitation, { tokenHash: sha256(token) });
}

/**
 * The open invitation matching `where` (one id, or one workspace and address: at most one is
 * open), locked until the caller's transaction ends, so that re-issuing it and a concurrent
 * accept or decline of its old link cannot both happen.
 */
export function lockOpenInvitation(
  em: EntityManager,
  where: { id: string } | { workspace: string; email: string },
): Promise<Invitation | null> {
  return em.findOne(
    Invitation,
    { ...where, ...OPEN },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
}

export function countPendingInvitations(em: EntityManager, workspaceId: string, now: Date): Promise<number> {
  return em.count(Invitation, { workspace: workspaceId, ...pendingAt(now) });
}

/** A workspace's PENDING invitations, newest first. */
export function listPendingInvitations(
  em: EntityManager,
  workspaceId: string,
  now: Date,
): Promise<Invitation[]> {
  return em.find(
    Invitation,
    { workspace: workspaceId, ...pendingAt(now) },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
}

/** A new PENDING invitation and the token of its link. */
export async function insertInvitation(em: EntityManager, issue: IssueInvitation): Promise<IssuedInvitation> {
  const token = newOpaqueToken(TOKEN_PREFIX);
  const now = new Date();
  const invitation = em.create(Invitation, {
    workspace: issue.workspaceId,
    email: issue.email,
    role: issue.role,
    tokenHash: sha256(token),
    invitedBy: em.getReference(User, issue.invitedById),
    createdAt: now,
    expiresAt: new Date(now.getTime() + issue.ttlSeconds * 1000),
  });
  await em.flush();
  return { invitation, token };
}

/**
 * Sends an invitation locked by `lockOpenInvitation` again, as `role` from `invitedById`: a new
 * token (the old link stops working) and a new expiry.
 */
export async function reissueInvitation(
  em: EntityManager,
  invitation: Invitation,
  change: Pick<IssueInvitation, 'role' | 'invitedById' | 'ttlSeconds'>,
): Promise<string> {
  const token = newOpaqueToken(TOKEN_PREFIX);
  em.assign(invitation, {
    role: change.role,
    tokenHash: sha256(token),
    invitedBy: em.getReference(User, change.invitedById),
    expiresAt: new Date(Date.now() + change.ttlSeconds * 1000),
  });
  await em.flush();
  return token;
}

/** Accepted by `userId`, if it was still PENDING (exactly one of concurrent accepts wins). */
export async function markInvitationAccepted(
  em: EntityManager,
  invitation: Invitation,
  userId: string,
): Promise<boolean> {
  const now = new Date();
  const updated = await em.nativeUpdate(
    Invitation,
    { id: invitation.id, tokenHash: invitation.tokenHash, ...pendingAt(now) },
    { acceptedAt: now, acceptedBy: userId },
  );
  return updated === 1;
}

/** Declined, if it was still PENDING. */
export async function markInvitationDeclined(em: EntityManager, invitation: Invitation): Promise<boolean> {
  const now = new Date();
  const updated = await em.nativeUpdate(
    Invitation,
    { id: invitation.id, tokenHash: invitation.tokenHash, ...pendingAt(now) },
    { declinedAt: now },
  );
  return updated === 1;
}

/** Revoked, if it was still open (an expired one may be revoked too). */
export async function markInvitationRevoked(em: EntityManager, invitation: Invitation): Promise<boolean> {
  const updated = await em.nativeUpdate(
    Invitation,
    { id: invitation.id, ...OPEN },
    { revokedAt: new Date() },
  );
  return updated === 1;
}

/**
 * The invitations an account may call its own, to export or erase its data: those it accepted,
 * and (when the account proved it holds the address) every one sent to its address. An account
 * that merely claims an address sees nothing of other workspaces' invitations to it.
 */
function invitationsOf(user: { id: string; email: string; emailVerified: boolean }) {
  return user.emailVerified
    ? { $or: [{ acceptedBy: user.id }, { email: user.email }] }
    : { acceptedBy: user.id };
}

export function findInvitationsOf(
  em: EntityManager,
  user: { id: string; email: string; emailVerified: boolean },
): Promise<Invitation[]> {
  return em.find(Invitation, invitationsOf(user), { orderBy: { createdAt: 'asc' }, populate: ['workspace'] });
}

export function deleteInvitationsOf(
  em: EntityManager,
  user: { id: string; email: string; emailVerified: boolean },
): Promise<number> {
  return em.nativeDelete(Invitation, invitationsOf(user));
}

/** Stops the open invitations a member sent, when they leave the workspace. */
export function revokeInvitationsSentBy(
  em: EntityManager,
  workspaceId: string,
  userId: string,
): Promise<number> {
  return em.nativeUpdate(
    Invitation,
    { workspace: workspaceId, invitedBy: userId, ...OPEN },
    { revokedAt: new Date() },
  );
}
