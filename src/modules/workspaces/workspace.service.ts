// Workspaces and their members: the personal workspace of every account, shared ones, roles,
// and the rules that keep a workspace owned (its last OWNER can neither leave nor be demoted).
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, conflict, forbidden, notFound } from '../../common/errors.js';
import { lockUntilCommit } from '../../infra/database.js';
import type { RequestContext, Viewer } from '../auth/viewer.js';
import type { CredentialEvents } from '../auth/credential-events.js';
import { SecurityEventType } from '../security/security-event.entity.js';
import { recordRequestEvent } from '../security/security-log.js';
import { User } from '../users/user.entity.js';
import { atLeast, Workspace, WorkspaceMember, WorkspaceRole } from './workspace.entity.js';
import { forgetMemberships, memberRole } from './workspace.loaders.js';

/** First key of `pg_advisory_xact_lock(int, int)`: membership changes of one workspace ("WMem"). */
const MEMBERSHIP_LOCK_NAMESPACE = 0x574d656d;
export const MAX_WORKSPACES_PER_USER = 50;

/** Serialises membership changes of one workspace until the transaction ends. */
export const lockMembership = (em: EntityManager, workspaceId: string): Promise<void> =>
  lockUntilCommit(em, MEMBERSHIP_LOCK_NAMESPACE, workspaceId);

/**
 * What the modules that own workspace data do, in the same transaction, when a member leaves
 * (their API keys of the workspace stop …) and before a workspace is deleted (its running
 * audits stop …). The workspaces module knows no module that builds on it.
 */
export interface WorkspaceHooks {
  memberLeft?: Array<(em: EntityManager, workspaceId: string, userId: string) => Promise<unknown>>;
  deleting?: Array<(em: EntityManager, workspaceId: string) => Promise<unknown>>;
}

export class WorkspaceService {
  constructor(
    private readonly credentialEvents: CredentialEvents,
    private readonly hooks: WorkspaceHooks = {},
  ) {}

  /** The account's own workspace, created with it (in the caller's transaction when there is one). */
  async createPersonal(em: EntityManager, user: User): Promise<Workspace> {
    const workspace = em.create(Workspace, { name: user.name ?? 'Personal', personalOwner: user });
    em.create(WorkspaceMember, { workspace, user, role: WorkspaceRole.OWNER });
    await em.flush();
    return workspace;
  }

  async create(ctx: RequestContext, viewer: Viewer, rawName: string): Promise<Workspace> {
    const name = this.validName(rawName);
    const created = await ctx.em.transactional(async (em) => {
      await this.keepRoomFor(em, viewer.userId);
      const workspace = em.create(Workspace, { name });
      em.create(WorkspaceMember, {
        workspace,
        user: em.getReference(User, viewer.userId),
        role: WorkspaceRole.OWNER,
      });
      await em.flush();
      return workspace;
    });
    // Cached sessions of the creator learn the new membership (session-cache.ts).
    forgetMemberships(ctx);
    await this.credentialEvents.changed(viewer.userId);
    return created;
  }

  /**
   * The user's workspaces, personal first, then by creation. The roles read with them are kept
   * in the request's loader, so `viewerRole` does not read them again.
   */
  async listFor(ctx: RequestContext, userId: string): Promise<Workspace[]> {
    const rows = await ctx.em.find(WorkspaceMember, { user: userId }, { populate: ['workspace'] });
    const roles = ctx.loaders.get(memberRole);
    for (const row of rows) roles.prime(`${row.workspace.id}:${userId}`, row.role);
    return rows
      .map((row) => row.workspace)
      .sort(
        (a, b) => Number(b.personal) - Number(a.personal) || a.createdAt.getTime() - b.createdAt.getTime(),
      );
  }

  /** A workspace the viewer is a member of; anyone else gets null (NOT_FOUND on every path). */
  async findVisible(ctx: RequestContext, id: string): Promise<Workspace | null> {
    if (!ctx.viewer || ctx.viewer.apiKey) return null;
    const member = await ctx.em.findOne(
      WorkspaceMember,
      { workspace: id, user: ctx.viewer.userId },
      { populate: ['workspace'] },
    );
    return member?.workspace ?? null;
  }

  /** The viewer's role in a workspace they belong to; NOT_FOUND otherwise. */
  async roleOf(em: EntityManager, viewer: Viewer, workspaceId: string): Promise<WorkspaceRole> {
    const role = await this.roleOfUser(em, viewer.userId, workspaceId);
    if (!role) throw notFound('Workspace');
    return role;
  }

  /** A user's role in a workspace; null when they are not a member. */
  async roleOfUser(em: EntityManager, userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
    const member = await em.findOne(WorkspaceMember, { workspace: workspaceId, user: userId });
    return member?.role ?? null;
  }

  async setMemberRole(
    ctx: RequestContext,
    viewer: Viewer,
    workspaceId: string,
    userId: string,
    role: WorkspaceRole,
  ): Promise<WorkspaceMember> {
    const member = await ctx.em.transactional(async (em) => {
      await lockMembership(em, workspaceId);
      const actorRole = await this.roleOf(em, viewer, workspaceId);
      const target = await em.findOne(
        WorkspaceMember,
        { workspace: workspaceId, user: userId },
        { populate: ['user', 'workspace'] },
      );
      if (!target) throw notFound('Member');
      if (!atLeast(actorRole, WorkspaceRole.ADMIN))
        throw forbidden('Only an OWNER or ADMIN can change roles');
      if (target.workspace.personalOwner?.id === userId && role !== WorkspaceRole.OWNER) {
        throw conflict('A personal workspace always keeps its own user as OWNER');
      }
      // Only an OWNER makes or unmakes OWNERs.
      if (
        (role === WorkspaceRole.OWNER || target.role === WorkspaceRole.OWNER) &&
        actorRole !== WorkspaceRole.OWNER
      ) {
        throw forbidden('Only an OWNER can grant or change the OWNER role');
      }
      if (target.role === WorkspaceRole.OWNER && role !== WorkspaceRole.OWNER)
        await this.keepAnOwner(em, workspaceId);
      const previous = target.role;
      target.role = role;
      await em.flush();
      return { target, previous };
    });
    if (member.previous !== role) {
      forgetMemberships(ctx);
      await this.credentialEvents.changed(userId);
      await recordRequestEvent(ctx, {
        type: SecurityEventType.WORKSPACE_ROLE_CHANGED,
        userId,
        details: { workspaceId, from: member.previous, to: role },
      });
    }
    return member.target;
  }

  /** Removes a member (ADMIN and up), or the viewer leaves (anyone). */
  async removeMember(
    ctx: RequestContext,
    viewer: Viewer,
    workspaceId: string,
    userId: string,
  ): Promise<true> {
    await ctx.em.transactional(async (em) => {
      await lockMembership(em, workspaceId);
      const actorRole = await this.roleOf(em, viewer, workspaceId);
      const target = await em.findOne(
        WorkspaceMember,
        { workspace: workspaceId, user: userId },
        { populate: ['workspace'] },
      );
      if (!target) throw notFound('Member');
      const leaving = userId === viewer.userId;
      if (!leaving && !atLeast(actorRole, WorkspaceRole.ADMIN))
        throw forbidden('Only an OWNER or ADMIN can remove members');
      if (!leaving && target.role === WorkspaceRole.OWNER && actorRole !== WorkspaceRole.OWNER) {
        throw forbidden('Only an OWNER can remove an OWNER');
      }
      if (target.workspace.personalOwner?.id === userId) {
        throw conflict('A personal workspace always keeps its own user');
      }
      if (target.role === WorkspaceRole.OWNER) await this.keepAnOwner(em, workspaceId);
      await em.nativeDelete(WorkspaceMember, { workspace: workspaceId, user: userId });
      for (const hook of this.hooks.memberLeft ?? []) await hook(em, workspaceId, userId);
    });
    // Their open streams re-check what they may see at once.
    forgetMemberships(ctx);
    await this.credentialEvents.changed(userId);
    await recordRequestEvent(ctx, {
      type: SecurityEventType.WORKSPACE_MEMBER_REMOVED,
      userId,
      details: { workspaceId },
    });
    return true;
  }

  /** Renames a workspace (OWNER or ADMIN). */
  async rename(
    ctx: RequestContext,
    viewer: Viewer,
    workspaceId: string,
    rawName: string,
  ): Promise<Workspace> {
    const name = this.validName(rawName);
    const role = await this.roleOf(ctx.em, viewer, workspaceId);
    if (!atLeast(role, WorkspaceRole.ADMIN))
      throw forbidden('Only an OWNER or ADMIN can rename the workspace');
    const workspace = await ctx.em.findOneOrFail(Workspace, { id: workspaceId });
    workspace.name = name;
    await ctx.em.flush();
    return workspace;
  }

  /**
   * Deletes a shared workspace and everything in it (an OWNER only): its running audits stop
   * first, and every member's open streams re-check at once. A personal workspace goes only with
   * its account.
   */
  async delete(ctx: RequestContext, viewer: Viewer, workspaceId: string): Promise<true> {
    const members = await ctx.em.transactional(async (em) => {
      await lockMembership(em, workspaceId);
      const role = await this.roleOf(em, viewer, workspaceId);
      if (role !== WorkspaceRole.OWNER) throw forbidden('Only an OWNER can delete the workspace');
      const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
      if (workspace.personal)
        throw conflict('A personal workspace is deleted only with its account (deleteAccount)');
      const rows = await em.find(WorkspaceMember, { workspace: workspaceId });
      for (const hook of this.hooks.deleting ?? []) await hook(em, workspaceId);
      await em.nativeDelete(Workspace, { id: workspaceId });
      return rows.map((row) => row.user.id);
    });
    forgetMemberships(ctx);
    for (const userId of members) await this.credentialEvents.changed(userId);
    await recordRequestEvent(ctx, {
      type: SecurityEventType.WORKSPACE_DELETED,
      userId: viewer.userId,
      details: { workspaceId, members: members.length },
    });
    return true;
  }

  /**
   * Makes the user a member with `role` (the caller holds `lockMembership` of the workspace).
   * False when they already are one: their role stays as it is.
   */
  async addMember(
    em: EntityManager,
    workspaceId: string,
    userId: string,
    role: WorkspaceRole,
  ): Promise<boolean> {
    if (await em.count(WorkspaceMember, { workspace: workspaceId, user: userId })) return false;
    await this.keepRoomFor(em, userId);
    em.create(WorkspaceMember, {
      workspace: em.getReference(Workspace, workspaceId),
      user: em.getReference(User, userId),
      role,
    });
    await em.flush();
    return true;
  }

  /** Whether the account with this (normalised) address is a member. */
  async hasMemberWithEmail(em: EntityManager, workspaceId: string, email: string): Promise<boolean> {
    return (await em.count(WorkspaceMember, { workspace: workspaceId, user: { email } })) > 0;
  }

  /** CONFLICT when the user is in MAX_WORKSPACES_PER_USER already; held until the transaction ends. */
  private async keepRoomFor(em: EntityManager, userId: string): Promise<void> {
    await lockUntilCommit(em, MEMBERSHIP_LOCK_NAMESPACE, `user:${userId}`);
    const count = await em.count(WorkspaceMember, { user: userId });
    if (count >= MAX_WORKSPACES_PER_USER) {
      throw conflict(`You are in ${count} workspaces already (the limit is ${MAX_WORKSPACES_PER_USER})`);
    }
  }

  /** CONFLICT unless another OWNER remains after the one being demoted or removed. */
  private async keepAnOwner(em: EntityManager, workspaceId: string): Promise<void> {
    const owners = await em.count(WorkspaceMember, { workspace: workspaceId, role: WorkspaceRole.OWNER });
    if (owners <= 1) throw conflict('A workspace needs an OWNER: make someone else OWNER first');
  }

  private validName(raw: string): string {
    const name = raw.trim();
    if (name.length < 1 || name.length > 100) {
      throw badUserInput('Invalid name', [{ field: 'name', messages: ['name must be 1 to 100 characters'] }]);
    }
    return name;
  }
}
