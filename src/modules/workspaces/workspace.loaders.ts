// Batched membership reads, created per request through the request's Loaders.
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Workspace, WorkspaceMember, type WorkspaceRole } from './workspace.entity.js';

/** One user's role in many workspaces, keyed `workspaceId:userId`; null when not a member. */
export const memberRole = (em: EntityManager) =>
  new DataLoader<string, WorkspaceRole | null>(async (keys) => {
    const pairs = keys.map((key) => key.split(':') as [string, string]);
    const rows = await em
      .getConnection()
      .execute<Array<{ workspace_id: string; user_id: string; role: WorkspaceRole }>>(
        `select workspace_id, user_id, role from workspace_members where (workspace_id, user_id) in (${pairs
          .map(() => '(?, ?)')
          .join(', ')})`,
        pairs.flat(),
      );
    const roles = new Map(rows.map((row) => [`${row.workspace_id}:${row.user_id}`, row.role]));
    return keys.map((key) => roles.get(key) ?? null);
  });

/** A user's membership of one workspace. */
export interface Membership {
  workspaceId: string;
  role: WorkspaceRole;
  /** The user's personal workspace (every account has one, created with it). */
  personal: boolean;
}

/** Every workspace each of `userIds` is a member of, with their role there. */
export async function readMemberships(
  em: EntityManager,
  userIds: readonly string[],
): Promise<Map<string, Membership[]>> {
  const rows = await em
    .getConnection()
    .execute<Array<{ user_id: string; workspace_id: string; role: WorkspaceRole; personal: boolean }>>(
      `select m.user_id, m.workspace_id, m.role, w.personal_owner_id is not distinct from m.user_id as personal
         from workspace_members m join workspaces w on w.id = m.workspace_id
        where m.user_id in (?)`,
      [[...userIds]],
    );
  const byUser = new Map<string, Membership[]>(userIds.map((id) => [id, []]));
  for (const row of rows)
    byUser.get(row.user_id)!.push({ workspaceId: row.workspace_id, role: row.role, personal: row.personal });
  return byUser;
}

/**
 * After a membership change in this request, the memberships the session lookup brought along
 * are out of date: the rest of the request reads them afresh.
 */
export function forgetMemberships(ctx: { viewer: { memberships?: readonly Membership[] } | null }): void {
  if (ctx.viewer) delete ctx.viewer.memberships;
}

/** Every workspace a user is a member of, with their role there: read once per request. */
export const membershipsOf = (em: EntityManager) =>
  new DataLoader<string, Membership[]>(async (userIds) => {
    const byUser = await readMemberships(em, userIds);
    return userIds.map((id) => byUser.get(id)!);
  });

/** The members of many workspaces, oldest first, users loaded. */
export const workspaceMembers = (em: EntityManager) =>
  new DataLoader<string, WorkspaceMember[]>(async (workspaceIds) => {
    const rows = await em.find(
      WorkspaceMember,
      { workspace: { $in: [...workspaceIds] } },
      { populate: ['user'], orderBy: { createdAt: 'asc' } },
    );
    const byWorkspace = new Map<string, WorkspaceMember[]>(workspaceIds.map((id) => [id, []]));
    for (const row of rows) byWorkspace.get(row.workspace.id)?.push(row);
    return workspaceIds.map((id) => byWorkspace.get(id)!);
  });

/**
 * Each user's personal workspace id: the id is all its callers need (where a new audit or
 * plan goes), so a plain row rather than a hydrated entity.
 */
export const personalWorkspaceId = (em: EntityManager) =>
  new DataLoader<string, string | null>(async (userIds) => {
    // Through the EntityManager: inside its transaction when it has one.
    const rows = await em.execute<Array<{ id: string; personal_owner_id: string }>>(
      'select id, personal_owner_id from workspaces where personal_owner_id in (?)',
      [[...userIds]],
    );
    const byUser = new Map(rows.map((row) => [row.personal_owner_id, row.id]));
    return userIds.map((id) => byUser.get(id) ?? null);
  });

/** Workspaces by id (an audit's, a key's, an invitation's). */
export const workspaceById = (em: EntityManager) =>
  new DataLoader<string, Workspace | null>(async (ids) => {
    const rows = await em.find(Workspace, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
