// Who may do what in a workspace: the one place where membership turns into "go ahead",
// FORBIDDEN or NOT_FOUND, for everything a workspace owns (audits and API keys; projects,
// webhooks and report links join the same way). A signed-in user acts with their role; an API
// key acts in its own workspace only, with at most its creator's role there (and its scopes).
import { forbidden, notFound } from '../../common/errors.js';
import type { RequestContext, Viewer } from '../auth/viewer.js';
import { atLeast, type WorkspaceRole } from './workspace.entity.js';
import { memberRole, membershipsOf, personalWorkspaceId } from './workspace.loaders.js';

/** What each role is for, in the words of a FORBIDDEN answer. */
const NEEDED_FOR: Record<WorkspaceRole, string> = {
  OWNER: 'only an OWNER of this workspace can do this',
  ADMIN: 'only an OWNER or ADMIN of this workspace can do this',
  MEMBER: 'a VIEWER can only read in this workspace; this needs the MEMBER role or higher',
  VIEWER: 'this needs membership of the workspace',
};

export class WorkspaceAccess {
  /**
   * The viewer's role in the workspace, or null when they have none there: not a member, or an
   * API key of another workspace. Read once per request (the request's loader), or not at all
   * when the session lookup brought the memberships along (the session cache).
   */
  async roleIn(ctx: RequestContext, workspaceId: string): Promise<WorkspaceRole | null> {
    const viewer = ctx.viewer;
    if (!viewer) return null;
    if (viewer.apiKey) return viewer.apiKey.workspaceId === workspaceId ? viewer.apiKey.role : null;
    if (viewer.memberships) {
      return viewer.memberships.find((membership) => membership.workspaceId === workspaceId)?.role ?? null;
    }
    return ctx.loaders.get(memberRole).load(`${workspaceId}:${viewer.userId}`);
  }

  /** Whether the viewer has at least `required` in the workspace (for lookups that answer null). */
  async has(ctx: RequestContext, workspaceId: string, required: WorkspaceRole): Promise<boolean> {
    const role = await this.roleIn(ctx, workspaceId);
    return role !== null && atLeast(role, required);
  }

  /**
   * The viewer's role, at least `required`: NOT_FOUND (as `resource`) for someone with no role
   * there, so that existence does not leak; FORBIDDEN for a member whose role is too low.
   */
  async require(
    ctx: RequestContext,
    workspaceId: string,
    required: WorkspaceRole,
    resource = 'Workspace',
  ): Promise<WorkspaceRole> {
    const role = await this.roleIn(ctx, workspaceId);
    if (!role) throw notFound(resource);
    if (!atLeast(role, required)) throw forbidden(`Your role is ${role}: ${NEEDED_FOR[required]}`);
    return role;
  }

  /**
   * The workspace something new goes in: the one named (where the viewer needs `required`), or
   * by default an API key's own workspace or the user's personal one.
   */
  async target(
    ctx: RequestContext,
    viewer: Viewer,
    workspaceId: string | null | undefined,
    required: WorkspaceRole,
  ): Promise<string> {
    const id =
      workspaceId ??
      viewer.apiKey?.workspaceId ??
      // Read with the session (cached with it) when the session cache is on: no query then.
      viewer.memberships?.find((membership) => membership.personal)?.workspaceId ??
      (await this.personalOf(ctx, viewer.userId));
    await this.require(ctx, id, required);
    return id;
  }

  /** The user's personal workspace (every account has one, created with it). */
  async personalOf(ctx: Pick<RequestContext, 'loaders'>, userId: string): Promise<string> {
    const id = await ctx.loaders.get(personalWorkspaceId).load(userId);
    if (!id) throw new Error(`user ${userId} has no personal workspace`);
    return id;
  }

  /**
   * The workspaces whose content the viewer may read. The memberships are read once per request
   * (the request's loader), and their roles answer `roleIn` without another query.
   */
  async readable(ctx: RequestContext): Promise<string[]> {
    const viewer = ctx.viewer;
    if (!viewer) return [];
    if (viewer.apiKey) return [viewer.apiKey.workspaceId];
    const memberships = viewer.memberships ?? (await ctx.loaders.get(membershipsOf).load(viewer.userId));
    const roles = ctx.loaders.get(memberRole);
    for (const { workspaceId, role } of memberships) roles.prime(`${workspaceId}:${viewer.userId}`, role);
    return memberships.map((membership) => membership.workspaceId);
  }
}
