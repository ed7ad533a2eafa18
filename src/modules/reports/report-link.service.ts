// Share links to audit reports: created by a MEMBER of the audit's workspace, listed with their
// state, revoked; and the checks `GET /reports/...` makes, for a signed-in caller or a share token.
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditResultDocument } from '../../audit-engine/result.js';
import { badUserInput, notFound } from '../../common/errors.js';
import { toGlobalId } from '../../common/global-id.js';
import type { Config } from '../../config.js';
import type { AuditService } from '../audits/audit.service.js';
import { Audit } from '../audits/audit.entity.js';
import { sha256 } from '../auth/tokens.js';
import { isStaff, requireViewer, type RequestContext } from '../auth/viewer.js';
import { User } from '../users/user.entity.js';
import type { WorkspaceAccess } from '../workspaces/workspace-access.js';
import { WorkspaceRole } from '../workspaces/workspace.entity.js';
import { ReportLink } from './report-link.entity.js';
import { reportLinksOfAudit } from './report-link.loaders.js';
import { auditResultDocument } from './report-document.js';

export const DEFAULT_LINK_TTL_SECONDS = 7 * 24 * 3600;
export const MAX_LINK_TTL_SECONDS = 90 * 24 * 3600;
export const MIN_LINK_TTL_SECONDS = 60;

/** Bytes of randomness in a share token (base64url: 43 characters). */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export enum ReportLinkState {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

export function linkState(link: ReportLink, now = new Date()): ReportLinkState {
  if (link.revokedAt) return ReportLinkState.REVOKED;
  return link.expiresAt <= now ? ReportLinkState.EXPIRED : ReportLinkState.ACTIVE;
}

export class ReportLinkService {
  constructor(
    private readonly config: Pick<Config, 'publicUrl'>,
    private readonly audits: AuditService,
    private readonly access: WorkspaceAccess,
  ) {}

  /** The report's address (HTML), without any secret: what a listed link shows. */
  reportUrl(auditId: string, token?: string): string {
    const path = `${this.config.publicUrl}/reports/${toGlobalId('Audit', auditId)}.html`;
    return token ? `${path}?token=${token}` : path;
  }

  /** A new link to a visible audit's report (MEMBER and up); its full URL is only on the result. */
  async create(ctx: RequestContext, auditId: string, expiresInSeconds?: number | null): Promise<ReportLink> {
    const ttl = expiresInSeconds ?? DEFAULT_LINK_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl < MIN_LINK_TTL_SECONDS || ttl > MAX_LINK_TTL_SECONDS) {
      const message = `must be between ${MIN_LINK_TTL_SECONDS} and ${MAX_LINK_TTL_SECONDS} (90 days)`;
      throw badUserInput(`Invalid input: expiresInSeconds ${message}`, [
        { field: 'expiresInSeconds', messages: [message] },
      ]);
    }
    const audit = await this.audits.getVisible(ctx, auditId);
    if (!isStaff(ctx.viewer)) {
      await this.access.require(ctx, audit.workspace.id, WorkspaceRole.MEMBER, 'Audit');
    }
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const link = ctx.em.create(ReportLink, {
      workspace: audit.workspace,
      audit,
      createdBy: ctx.em.getReference(User, requireViewer(ctx).userId),
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + ttl * 1000),
    });
    await ctx.em.flush();
    link.shareUrl = this.reportUrl(audit.id, token);
    return link;
  }

  /** Revokes a link of a visible audit (MEMBER and up); revoking it again changes nothing. */
  async revoke(ctx: RequestContext, id: string): Promise<true> {
    const link = await ctx.em.findOne(ReportLink, { id });
    const audit = link && (await this.audits.findVisible(ctx, link.audit.id));
    if (!link || !audit) throw notFound('ReportLink');
    if (!isStaff(ctx.viewer)) {
      await this.access.require(ctx, audit.workspace.id, WorkspaceRole.MEMBER, 'ReportLink');
    }
    if (!link.revokedAt) {
      link.revokedAt = new Date();
      await ctx.em.flush();
    }
    return true;
  }

  /** The links of an audit the caller sees, newest first, whatever their state (batched). */
  listFor(ctx: RequestContext, audit: Audit): Promise<ReportLink[]> {
    return ctx.loaders.get(reportLinksOfAudit).load(audit.id);
  }

  /** A link the caller may see (with its audit), for `node(id)`. */
  async findVisible(ctx: RequestContext, id: string): Promise<ReportLink | null> {
    const link = await ctx.em.findOne(ReportLink, { id });
    return link && (await this.audits.findVisible(ctx, link.audit.id)) ? link : null;
  }

  /** The audit, when the signed-in caller may read it (null, like a missing one, otherwise). */
  readable(ctx: RequestContext, auditId: string): Promise<Audit | null> {
    return this.audits.findVisible(ctx, auditId);
  }

  /**
   * The audit a share token opens: a live link (not expired, not revoked) of this very audit.
   * Null for anything else, whatever the reason, so that answers tell nothing apart.
   */
  async shared(em: EntityManager, auditId: string, token: string): Promise<Audit | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const link = await em.findOne(ReportLink, { tokenHash: sha256(token) });
    if (!link || link.audit.id !== auditId || linkState(link) !== ReportLinkState.ACTIVE) return null;
    await em.nativeUpdate(ReportLink, { id: link.id }, { lastUsedAt: new Date() });
    return em.findOne(Audit, { id: auditId });
  }

  /** The audit's result document, as the report formats render it. */
  document(em: EntityManager, audit: Audit): Promise<AuditResultDocument> {
    return auditResultDocument(em, audit);
  }
}
