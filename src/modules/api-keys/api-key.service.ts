// Partner API keys: creation (the secret shown once), listing, revocation, rotation with a
// grace period, and turning a presented key into a viewer.
import type { EntityManager } from '@mikro-orm/postgresql';
import { lockUntilCommit } from '../../infra/database.js';
import type { CredentialEvents } from '../auth/credential-events.js';
import type { RequestContext, Viewer } from '../auth/viewer.js';
import { AppError, badUserInput, conflict, notFound, unauthenticated } from '../../common/errors.js';
import { fromGlobalId } from '../../common/global-id.js';
import { recordRequestEvent, recordSecurityEvent, type RequestOrigin } from '../security/security-log.js';
import { SecurityEventType } from '../security/security-event.entity.js';
import { User } from '../users/user.entity.js';
import type { WorkspaceAccess } from '../workspaces/workspace-access.js';
import { Workspace, WorkspaceMember, WorkspaceRole } from '../workspaces/workspace.entity.js';
import { ApiKey } from './api-key.entity.js';
import type { CreateApiKeyInput } from './api-key.inputs.js';
import { generateApiKey, publicIdOf, secretMatches } from './api-key.secret.js';

export const MAX_LIVE_API_KEYS = 25;
/** First key of `pg_advisory_xact_lock(int, int)`: this lock's namespace ("AKey"). */
const API_KEY_LOCK_NAMESPACE = 0x414b6579;
export const MAX_API_KEY_LIFETIME_SECONDS = 366 * 24 * 3600;
export const DEFAULT_ROTATION_GRACE_SECONDS = 24 * 3600;
export const MAX_ROTATION_GRACE_SECONDS = 7 * 24 * 3600;
/** `lastUsedAt` is written at most this often per key, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** How many keys `User.apiKeys` and `Workspace.apiKeys` list (newest first; revoked ones included). */
export const LISTED_API_KEYS = 100;
/** Who manages a workspace's keys (besides each key's creator). */
const KEY_MANAGER = WorkspaceRole.ADMIN;

export interface CreatedApiKeyResult {
  apiKey: ApiKey;
  secret: string;
}

export class ApiKeyService {
  constructor(
    private readonly credentialEvents: CredentialEvents,
    private readonly access: WorkspaceAccess,
  ) {}

  /** A key for the workspace named (default: the personal one), made by one of its OWNERs or ADMINs. */
  async create(ctx: RequestContext, viewer: Viewer, input: CreateApiKeyInput): Promise<CreatedApiKeyResult> {
    const now = new Date();
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && expiresAt <= now) {
      throw badUserInput('expiresAt must be in the future', [
        { field: 'expiresAt', messages: ['must be in the future'] },
      ]);
    }
    if (expiresAt && expiresAt.getTime() - now.getTime() > MAX_API_KEY_LIFETIME_SECONDS * 1000) {
      throw badUserInput('expiresAt must be at most a year away', [
        { field: 'expiresAt', messages: ['must be at most a year away'] },
      ]);
    }
    const workspaceId = await this.access.target(
      ctx,
      viewer,
      input.workspaceId ? fromGlobalId(input.workspaceId, 'Workspace').id : null,
      KEY_MANAGER,
    );
    // Counted and issued under a per-workspace lock: concurrent calls cannot all pass the cap.
    const created = await ctx.em.transactional(async (em) => {
      await lockUntilCommit(em, API_KEY_LOCK_NAMESPACE, workspaceId);
      const live = await em.count(ApiKey, {
        workspace: workspaceId,
        $and: [
          { $or: [{ revokedAt: null }, { revokedAt: { $gt: now } }] },
          { $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] },
        ],
      });
      if (live >= MAX_LIVE_API_KEYS) {
        throw new AppError(
          'QUOTA_EXCEEDED',
          `This workspace already has ${live} active API keys (the limit is ${MAX_LIVE_API_KEYS}); revoke one first`,
          { quota: 'apiKeys', limit: MAX_LIVE_API_KEYS, used: live },
        );
      }
      const issued = this.issue(em, workspaceId, viewer.userId, {
        name: input.name.trim(),
        scopes: [...new Set(input.scopes)],
        expiresAt,
      });
      await em.flush();
      return issued;
    });
    await recordRequestEvent(ctx, {
      type: SecurityEventType.API_KEY_CREATED,
      userId: viewer.userId,
      details: {
        apiKeyId: created.apiKey.id,
        prefix: created.apiKey.publicId,
        scopes: created.apiKey.scopes,
        workspaceId,
      },
    });
    return created;
  }

  /** Stops every live key of the user at once (deactivation, password reset). */
  async revokeAllOf(em: EntityManager, userId: string): Promise<void> {
    const now = new Date();
    await em.nativeUpdate(
      ApiKey,
      { user: userId, $or: [{ revokedAt: null }, { revokedAt: { $gt: now } }] },
      { revokedAt: now },
    );
  }

  /**
   * Stops the live keys a member created in a workspace, when they leave it: whoever made a key
   * has seen its secret. Returns how many stopped.
   */
  async revokeCreatedBy(em: EntityManager, workspaceId: string, userId: string): Promise<number> {
    const now = new Date();
    return em.nativeUpdate(
      ApiKey,
      { workspace: workspaceId, user: userId, $or: [{ revokedAt: null }, { revokedAt: { $gt: now } }] },
      { revokedAt: now },
    );
  }

  /** The keys the user created, in any workspace. */
  list(em: EntityManager, userId: string): Promise<ApiKey[]> {
    return em.find(
      ApiKey,
      { user: userId },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: LISTED_API_KEYS },
    );
  }

  /** A workspace's keys, for its OWNERs and ADMINs. */
  async listForWorkspace(ctx: RequestContext, workspaceId: string): Promise<ApiKey[]> {
    await this.access.require(ctx, workspaceId, KEY_MANAGER);
    return ctx.em.find(
      ApiKey,
      { workspace: workspaceId },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: LISTED_API_KEYS },
    );
  }

  /** A key the viewer may see: one they created, or any of a workspace they are OWNER or ADMIN of. */
  async findVisible(ctx: RequestContext, id: string): Promise<ApiKey | null> {
    const viewer = ctx.viewer;
    if (!viewer || viewer.apiKey) return null;
    const key = await ctx.em.findOne(ApiKey, { id });
    if (!key) return null;
    if (key.user.id === viewer.userId) return key;
    return (await this.access.has(ctx, key.workspace.id, KEY_MANAGER)) ? key : null;
  }

  /** Stops a key at once (a key in its rotation grace period included). Revoking twice is harmless. */
  async revoke(ctx: RequestContext, viewer: Viewer, id: string): Promise<ApiKey> {
    const key = await this.findManageable(ctx, viewer, id);
    const now = new Date();
    if (key.revokedAt === null || key.revokedAt > now) {
      key.revokedAt = now;
      await ctx.em.flush();
      // Streams opened with the key end now (they follow its creator's credential events).
      await this.credentialEvents.changed(key.user.id);
      await recordRequestEvent(ctx, {
        type: SecurityEventType.API_KEY_REVOKED,
        userId: key.user.id,
        details: { apiKeyId: key.id, prefix: key.publicId, workspaceId: key.workspace.id },
      });
    }
    return key;
  }

  /**
   * A new secret with the same name, scopes and expiry. The old key keeps working for
   * `gracePeriodSeconds` (default 24 h, at most 7 days), so deployments can switch over.
   */
  async rotate(
    ctx: RequestContext,
    viewer: Viewer,
    id: string,
    gracePeriodSeconds: number | null | undefined,
  ): Promise<CreatedApiKeyResult> {
    const grace = gracePeriodSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS;
    if (!Number.isInteger(grace) || grace < 0 || grace > MAX_ROTATION_GRACE_SECONDS) {
      throw badUserInput(`gracePeriodSeconds must be between 0 and ${MAX_ROTATION_GRACE_SECONDS}`, [
        { field: 'gracePeriodSeconds', messages: [`must be between 0 and ${MAX_ROTATION_GRACE_SECONDS}`] },
      ]);
    }
    // Rotating issues a key: its creator too needs the role that makes keys.
    const old = await this.findManageable(ctx, viewer, id, { creatorNeedsRole: true });
    const now = new Date();
    if (old.revokedAt !== null) throw conflict('This key was already revoked or rotated');
    if (!old.isLive(now)) throw conflict('This key has expired; create a new one');
    // The new key is the rotator's: it does what their role allows, and stops if they leave.
    const created = this.issue(ctx.em, old.workspace.id, viewer.userId, {
      name: old.name,
      scopes: old.scopes,
      expiresAt: old.expiresAt,
    });
    const graceEnd = new Date(now.getTime() + grace * 1000);
    old.revokedAt = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
    old.replacedById = created.apiKey.id;
    await ctx.em.flush();
    await recordRequestEvent(ctx, {
      type: SecurityEventType.API_KEY_ROTATED,
      userId: viewer.userId,
      details: {
        apiKeyId: old.id,
        newApiKeyId: created.apiKey.id,
        prefix: created.apiKey.publicId,
        graceEndsAt: old.revokedAt.toISOString(),
      },
    });
    return created;
  }

  /**
   * The viewer a presented key stands for. Unknown, revoked and expired keys, keys of a
   * deactivated owner and keys whose creator left the workspace are refused; using a revoked key
   * is written to the security log. The creator's current role comes with it.
   */
  async authenticate(em: EntityManager, secret: string, origin: RequestOrigin = {}): Promise<Viewer> {
    const publicId = publicIdOf(secret);
    const key = publicId ? await em.findOne(ApiKey, { publicId }, { populate: ['user'] }) : null;
    if (!key || !secretMatches(secret, key.secretHash)) throw unauthenticated('Invalid API key');
    const now = new Date();
    // A deactivated owner's keys say why they stopped (deactivation also revokes them).
    if (!key.user.isActive) throw unauthenticated('This account has been deactivated');
    if (key.revokedAt && key.revokedAt <= now) {
      await recordSecurityEvent(em, {
        ...origin,
        type: SecurityEventType.REVOKED_API_KEY_USED,
        userId: key.user.id,
        details: { apiKeyId: key.id, prefix: key.publicId, revokedAt: key.revokedAt.toISOString() },
      });
      throw unauthenticated('This API key has been revoked');
    }
    if (key.expiresAt && key.expiresAt <= now) throw unauthenticated('This API key has expired');
    const member = await em.findOne(WorkspaceMember, { workspace: key.workspace.id, user: key.user.id });
    // A key made before its creator's current membership began belongs to an earlier one: a
    // member who left and came back does not get their old keys back.
    if (!member || member.createdAt > key.createdAt) {
      throw unauthenticated("This API key's creator is no longer a member of its workspace");
    }
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // Conditional, so concurrent requests write once; the stale copy in memory is harmless.
      const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
      await em.nativeUpdate(
        ApiKey,
        { id: key.id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lte: cutoff } }] },
        { lastUsedAt: now },
      );
    }
    return {
      userId: key.user.id,
      user: key.user,
      role: key.user.role,
      sessionId: null,
      apiKey: { id: key.id, scopes: [...key.scopes], workspaceId: key.workspace.id, role: member.role },
    };
  }

  private issue(
    em: EntityManager,
    workspaceId: string,
    userId: string,
    data: Pick<ApiKey, 'name' | 'scopes' | 'expiresAt'>,
  ): CreatedApiKeyResult {
    const generated = generateApiKey();
    const apiKey = em.create(ApiKey, {
      workspace: em.getReference(Workspace, workspaceId),
      user: em.getReference(User, userId),
      name: data.name,
      scopes: data.scopes,
      expiresAt: data.expiresAt,
      publicId: generated.publicId,
      secretHash: generated.secretHash,
    });
    return { apiKey, secret: generated.secret };
  }

  /**
   * A key the viewer may manage: any of a workspace where they are OWNER or ADMIN, and (to
   * revoke) their own whatever their role. Outside their workspaces a key answers NOT_FOUND.
   */
  private async findManageable(
    ctx: RequestContext,
    viewer: Viewer,
    id: string,
    { creatorNeedsRole = false } = {},
  ): Promise<ApiKey> {
    const key = await ctx.em.findOne(ApiKey, { id });
    if (!key) throw notFound('API key');
    if (creatorNeedsRole || key.user.id !== viewer.userId) {
      await this.access.require(ctx, key.workspace.id, KEY_MANAGER, 'API key');
    }
    return key;
  }
}
