// Who is asking: resolved by the auth service from the request's credential (session token or
// API key), and carried in every request's context.
import { unauthenticated } from '../../common/errors.js';
import type { RequestScope } from '../../common/request-context.js';
import type { ApiKeyScope } from '../api-keys/api-key.entity.js';
import { Role, type User } from '../users/user.entity.js';
import type { WorkspaceRole } from '../workspaces/workspace.entity.js';
import type { Membership } from '../workspaces/workspace.loaders.js';

export interface Viewer {
  /** The user's id: what most checks need, without the user itself. */
  userId: string;
  /**
   * The user, managed by the request's EntityManager (changes to it flush as usual). A viewer
   * from the session cache merges it into the request's unit of work only when first asked
   * for: most requests never need more than `userId`.
   */
  readonly user: User;
  role: Role;
  /** The login session behind an access token (null for other credentials). */
  sessionId: string | null;
  /**
   * The partner API key behind the request (null for a session): it acts in its workspace only,
   * with its scopes and at most its creator's role there (read when the key was presented).
   */
  apiKey: { id: string; scopes: readonly ApiKeyScope[]; workspaceId: string; role: WorkspaceRole } | null;
  /**
   * The user's workspaces and roles, when the session lookup read them (with the session cache
   * on): then membership checks need no query. Absent: read when needed, once per request.
   */
  memberships?: readonly Membership[];
}

/**
 * An admin signed in with a session: sees and manages every audit and project (support and
 * moderation). An API key never does, even an admin's: a leaked key must not expose every customer.
 */
export const isStaff = (viewer: Viewer | null): boolean => viewer?.role === Role.ADMIN && !viewer.apiKey;

/** The context every service call takes. */
export type RequestContext = RequestScope<Viewer>;

/**
 * The viewer, for fields only a signed-in caller may use. Guarded root fields never get here
 * anonymously; nested fields can (`login { user { audits } }` is asked before any sign-in).
 */
export function requireViewer(ctx: Pick<RequestContext, 'viewer'>): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
