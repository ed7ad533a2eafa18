// Accounts' credentials: registration, login, refresh-token rotation with reuse detection,
// logout, password change, and turning a request's credential into a viewer.
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import type { RateLimitStore } from '../../infra/rate-limit/index.js';
import type { RequestContext, Viewer } from './viewer.js';
import { conflict, notFound, unauthenticated } from '../../common/errors.js';
import type { ApiKeyService } from '../api-keys/api-key.service.js';
import { looksLikeApiKey } from '../api-keys/api-key.secret.js';
import { SecurityEventType } from '../security/security-event.entity.js';
import { recordRequestEvent, type RequestOrigin } from '../security/security-log.js';
import { normalizeEmail, User } from '../users/user.entity.js';
import type { ChangePasswordInput, LoginInput, RegisterInput } from './auth.inputs.js';
import type { WorkspaceService } from '../workspaces/workspace.service.js';
import { readMemberships } from '../workspaces/workspace.loaders.js';
import type { AccountMails } from './account-mails.js';
import { revokeAccountTokens } from './account-tokens.js';
import type { CredentialEvents } from './credential-events.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import type { SessionCache, SessionFacts, UserSnapshot } from './session-cache.js';
import { RefreshToken, Session } from './session.entity.js';
import { TokenService, looksLikeJwt, newOpaqueToken, sha256 } from './tokens.js';

export const REFRESH_TOKEN_PREFIX = 'rt_';

/**
 * A viewer from a cached or shared lookup: its user becomes the request's own managed entity, as
 * if the request had read it, when first asked for (merging costs more than most requests do).
 */
function viewerOf(em: EntityManager, sessionId: string, facts: SessionFacts): Viewer {
  let user: User | undefined;
  return {
    userId: facts.user.id,
    get user() {
      return (user ??= em.merge(User, facts.user));
    },
    role: facts.user.role,
    sessionId,
    apiKey: null,
    memberships: facts.memberships,
  };
}

/** The user's row as read (a copy: the cache must not follow the request's changes to it). */
function snapshotOf(user: User): UserSnapshot {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    passwordHash: user.passwordHash,
    emailVerifiedAt: user.emailVerifiedAt,
    role: user.role,
    deactivatedAt: user.deactivatedAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: User;
}

type RotationOutcome = { ok: AuthResult } | { refused: string };

const LOGIN_WINDOW_MS = 15 * 60_000;
const LOGIN_ATTEMPTS_BEFORE_DELAY = 10;
/** Attempts counted per account and window (beyond it, every attempt waits the longest). */
const LOGIN_ATTEMPTS_COUNTED = 200;
const LOGIN_MAX_DELAY_MS = 8_000;

export class AuthService {
  constructor(
    private readonly config: Pick<Config, 'refreshTokenTtlSeconds'>,
    readonly tokens: TokenService,
    readonly apiKeys: ApiKeyService,
    readonly credentialEvents: CredentialEvents,
    /** Counts login attempts per account (the rate-limit store, shared by every replica). */
    private readonly attempts: Pick<RateLimitStore, 'hit'>,
    private readonly mails: AccountMails,
    private readonly workspaces: Pick<WorkspaceService, 'createPersonal'>,
    /** Recent session lookups (pushed out on every access change; see session-cache.ts). */
    readonly sessions: SessionCache,
  ) {}

  /**
   * Creates the account, signs it in and emails a verification link. A taken address is
   * refused (see docs/adr/0009) and its owner told that someone tried.
   */
  async register(ctx: RequestContext, input: RegisterInput): Promise<AuthResult> {
    const email = normalizeEmail(input.email);
    const taken = async () => {
      await this.mails.sendRegistrationAttempt(ctx.em, email);
      return conflict('An account with this email already exists');
    };
    if (await ctx.em.count(User, { email })) throw await taken();
    const passwordHash = await hashPassword(input.password);
    let user: User;
    try {
      // An account never exists without its personal workspace.
      user = await ctx.em.transactional(async (em) => {
        const created = em.create(User, { email, name: input.name?.trim() || null, passwordHash });
        await em.flush();
        await this.workspaces.createPersonal(em, created);
        return created;
      });
    } catch (error) {
      // Two registrations racing for one address: the unique index decides.
      if (error instanceof UniqueConstraintViolationException) throw await taken();
      throw error;
    }
    await this.mails.sendVerification(ctx.em, user);
    return this.startSession(ctx, user);
  }

  async login(ctx: RequestContext, input: LoginInput): Promise<AuthResult> {
    const email = normalizeEmail(input.email);
    await this.slowDownBusyAccount(email);
    const user = await ctx.em.findOne(User, { email });
    const refuse = async (reason: string, message = 'Invalid email or password') => {
      await recordRequestEvent(ctx, {
        type: SecurityEventType.LOGIN_FAILED,
        userId: user?.id ?? null,
        email,
        details: { reason },
      });
      return unauthenticated(message);
    };
    if (!user) {
      await burnPasswordCheck(input.password);
      throw await refuse('unknown_email');
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) throw await refuse('wrong_password');
    if (!user.isActive) throw await refuse('deactivated', 'This account has been deactivated');
    const result = await this.startSession(ctx, user);
    await recordRequestEvent(ctx, { type: SecurityEventType.LOGIN_SUCCEEDED, userId: user.id });
    return result;
  }

  /**
   * Attempts on one account, from every address, past LOGIN_ATTEMPTS_BEFORE_DELAY in the
   * window wait longer and longer (up to LOGIN_MAX_DELAY_MS): a brute force spread over many
   * addresses crawls, and the owner still gets in — nobody can lock the account.
   */
  private async slowDownBusyAccount(email: string): Promise<void> {
    const decision = await this.attempts.hit(
      `login-account:${email}`,
      LOGIN_ATTEMPTS_COUNTED,
      LOGIN_WINDOW_MS,
    );
    const attempts = LOGIN_ATTEMPTS_COUNTED - decision.remaining;
    if (attempts <= LOGIN_ATTEMPTS_BEFORE_DELAY) return;
    const delay = Math.min(LOGIN_MAX_DELAY_MS, 250 * 2 ** (attempts - LOGIN_ATTEMPTS_BEFORE_DELAY - 1));
    await new Promise((resolve) => setTimeout(resolve, delay));
  }

  /**
   * Exchanges a refresh token for a new pair. Each token works once: presenting a used one
   * means it was stolen or replayed, so the whole session (every descendant token) is revoked.
   */
  async refreshSession(ctx: RequestContext, refreshToken: string): Promise<AuthResult> {
    let reusedBy = null as { userId: string; sessionId: string } | null;
    const outcome = await ctx.em.transactional(async (em): Promise<RotationOutcome> => {
      const now = new Date();
      const token = await em.findOne(
        RefreshToken,
        { tokenHash: sha256(refreshToken) },
        { populate: ['session', 'session.user'] },
      );
      if (!token) return { refused: 'Invalid refresh token' };
      const session = token.session;
      // Claim the token atomically: of two concurrent uses, exactly one wins.
      const claimed = token.usedAt
        ? 0
        : await em.nativeUpdate(RefreshToken, { id: token.id, usedAt: null }, { usedAt: now });
      if (claimed === 0) {
        reusedBy = { userId: session.user.id, sessionId: session.id };
        if (session.revokedAt === null) {
          await em.nativeUpdate(
            Session,
            { id: session.id },
            { revokedAt: now, revokedReason: 'refresh_token_reuse' },
          );
        }
        return { refused: 'Refresh token already used: the session has been revoked, sign in again' };
      }
      if (!session.isLive(now) || token.expiresAt <= now) return { refused: 'Session expired or revoked' };
      if (!session.user.isActive) return { refused: 'This account has been deactivated' };
      session.lastUsedAt = now;
      return { ok: await this.issueTokens(em, session, now) };
    });
    if (reusedBy) {
      const { userId, sessionId } = reusedBy;
      await this.credentialEvents.changed(userId);
      await recordRequestEvent(ctx, {
        type: SecurityEventType.REFRESH_TOKEN_REUSED,
        userId,
        details: { sessionId },
      });
    }
    if ('refused' in outcome) throw unauthenticated(outcome.refused);
    return outcome.ok;
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are refused. */
  async logout(ctx: RequestContext, refreshToken: string): Promise<boolean> {
    const token = await ctx.em.findOne(
      RefreshToken,
      { tokenHash: sha256(refreshToken) },
      { populate: ['session'] },
    );
    if (!token) throw unauthenticated('Invalid refresh token');
    await this.endSession(ctx, token.session, 'logout');
    return true;
  }

  /** The viewer's live sessions (devices signed in), most recently used first. */
  listSessions(ctx: RequestContext, viewer: Viewer): Promise<Session[]> {
    return ctx.em.find(
      Session,
      { user: viewer.userId, revokedAt: null, expiresAt: { $gt: new Date() } },
      { orderBy: { lastUsedAt: 'desc', id: 'asc' }, limit: 100 },
    );
  }

  /** Signs one of the viewer's sessions out (e.g. a lost device). Others' sessions do not exist. */
  async revokeSession(ctx: RequestContext, viewer: Viewer, sessionId: string): Promise<boolean> {
    const session = await ctx.em.findOne(Session, { id: sessionId, user: viewer.userId });
    if (!session) throw notFound('Session');
    await this.endSession(ctx, session, 'revoked_by_user');
    return true;
  }

  private async endSession(ctx: RequestContext, session: Session, reason: string): Promise<void> {
    if (session.revokedAt !== null) return;
    session.revokedAt = new Date();
    session.revokedReason = reason;
    await ctx.em.flush();
    await this.credentialEvents.changed(session.user.id);
    await recordRequestEvent(ctx, {
      type: SecurityEventType.SESSION_REVOKED,
      userId: session.user.id,
      details: { sessionId: session.id, reason },
    });
  }

  /** Changes the viewer's password and ends every other session of theirs. */
  async changePassword(ctx: RequestContext, viewer: Viewer, input: ChangePasswordInput): Promise<boolean> {
    const user = viewer.user;
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw unauthenticated('Current password is incorrect');
    }
    user.passwordHash = await hashPassword(input.newPassword);
    await ctx.em.flush();
    // A reset link or email change mailed before the change stops working.
    await revokeAccountTokens(ctx.em, user.id);
    await this.revokeSessions(ctx.em, user.id, 'password_changed', viewer.sessionId);
    await recordRequestEvent(ctx, { type: SecurityEventType.PASSWORD_CHANGED, userId: user.id });
    return true;
  }

  async revokeSessions(em: EntityManager, userId: string, reason: string, keepSessionId?: string | null) {
    const where = keepSessionId
      ? { user: userId, revokedAt: null, id: { $ne: keepSessionId } }
      : { user: userId, revokedAt: null };
    await em.nativeUpdate(Session, where, { revokedAt: new Date(), revokedReason: reason });
    await this.credentialEvents.changed(userId);
  }

  /**
   * The viewer behind an `Authorization` header value (or WebSocket credential). No
   * credential: anonymous (null). A credential that does not check out is refused rather
   * than silently downgraded, so clients learn their token expired. The credential is an
   * access token (JWT) or a partner API key (`aeo_live_…`); `origin` goes to the security log.
   */
  async resolveViewer(
    em: EntityManager,
    credential: string | undefined,
    origin: RequestOrigin = {},
  ): Promise<Viewer | null> {
    if (!credential) return null;
    const token = credential.replace(/^Bearer\s+/i, '').trim();
    if (looksLikeApiKey(token)) return this.apiKeys.authenticate(em, token, origin);
    if (!looksLikeJwt(token)) throw unauthenticated('Unrecognised credential');
    const claims = await this.tokens.verifyAccessToken(token);
    if (!claims) throw unauthenticated('Invalid or expired access token');
    const cached = this.sessions.get(claims.sessionId, claims.userId);
    if (cached) return viewerOf(em, claims.sessionId, cached);
    // A refused lookup is not shared: each request then looks for itself, and fails on its own.
    // (No await without a lookup to join: the first request must offer its lookup in this turn.)
    const running = this.sessions.joinable(claims.sessionId, claims.userId);
    const shared = running && (await running.catch(() => undefined));
    if (shared) return viewerOf(em, claims.sessionId, shared);
    const mark = this.sessions.mark();
    const lookup = this.lookUpSession(em, claims, mark);
    if (this.sessions.enabled) {
      const facts = lookup.then((viewer) => ({
        user: snapshotOf(viewer.user),
        memberships: viewer.memberships!,
      }));
      this.sessions.share(mark, claims.sessionId, claims.userId, facts);
    }
    return lookup;
  }

  /** The session and its user read (and their memberships, to cache with them). */
  private async lookUpSession(
    em: EntityManager,
    claims: { sessionId: string; userId: string },
    mark: number,
  ): Promise<Viewer> {
    const session = await em.findOne(
      Session,
      { id: claims.sessionId, user: claims.userId },
      { populate: ['user'] },
    );
    if (!session || !session.isLive()) throw unauthenticated('Session expired or revoked');
    if (!session.user.isActive) throw unauthenticated('This account has been deactivated');
    const viewer: Viewer = {
      userId: session.user.id,
      user: session.user,
      role: session.user.role,
      sessionId: session.id,
      apiKey: null,
    };
    if (this.sessions.enabled) {
      // Read with the session, cached with it: membership checks then need no query either.
      viewer.memberships = (await readMemberships(em, [session.user.id])).get(session.user.id)!;
      this.sessions.remember(mark, session.id, session.expiresAt, {
        user: snapshotOf(session.user),
        memberships: viewer.memberships,
      });
    }
    return viewer;
  }

  private async startSession(ctx: RequestContext, user: User): Promise<AuthResult> {
    const now = new Date();
    const session = ctx.em.create(Session, {
      user,
      expiresAt: new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000),
      userAgent: ctx.userAgent?.slice(0, 512) ?? null,
      ip: ctx.ip.slice(0, 64),
    });
    const result = await this.issueTokens(ctx.em, session, now);
    await ctx.em.flush();
    return result;
  }

  private async issueTokens(em: EntityManager, session: Session, now: Date): Promise<AuthResult> {
    const refreshToken = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    em.create(RefreshToken, { session, tokenHash: sha256(refreshToken), expiresAt: session.expiresAt });
    const access = await this.tokens.signAccessToken({ userId: session.user.id, sessionId: session.id }, now);
    return { accessToken: access.token, refreshToken, expiresAt: access.expiresAt, user: session.user };
  }
}
