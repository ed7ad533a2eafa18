// A person's data: all of it as JSON (exportAccountData), and erasure (deleteAccount). Erasure
// removes every row about the user, ends their credentials at once, and keeps only anonymised
// security-log rows (the type and time of what happened, nothing that identifies anyone).
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, forbidden, notFound, unauthenticated } from '../../common/errors.js';
import { toGlobalId } from '../../common/global-id.js';
import { Loaders } from '../../common/request-context.js';
import { ApiKey } from '../api-keys/api-key.entity.js';
import { Audit } from '../audits/audit.entity.js';
import type { AuditLifecycle } from '../audits/audit-lifecycle.js';
import { Finding } from '../audits/finding.entity.js';
import type { CredentialEvents } from '../auth/credential-events.js';
import { Session } from '../auth/session.entity.js';
import { verifyPassword } from '../auth/passwords.js';
import type { RequestContext, Viewer } from '../auth/viewer.js';
import { OutboxMessage } from '../mail/outbox-message.entity.js';
import { WorkspacePlan } from '../plans/plan.entity.js';
import { Project } from '../projects/project.entity.js';
import { Plan } from '../plans/plan.js';
import type { QuotaService } from '../plans/quota.service.js';
import { SecurityEvent, SecurityEventType } from '../security/security-event.entity.js';
import { recordRequestEvent } from '../security/security-log.js';
import { WORKSPACE_INVITATION_MAIL } from '../workspaces/invitation.entity.js';
import { deleteInvitationsOf, findInvitationsOf } from '../workspaces/invitation.store.js';
import { Workspace, WorkspaceMember } from '../workspaces/workspace.entity.js';
import type { WorkspaceAccess } from '../workspaces/workspace-access.js';
import { lockMembership } from '../workspaces/workspace.service.js';
import { User } from './user.entity.js';

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/** SQL of erasure, in one place. */
const SQL = {
  /**
   * Security events about the user keep their type and time (and the admin who acted, when it
   * was someone else); where the user acted on others, the subject's record stays, the user's
   * identity and request origin go.
   */
  anonymiseSecurityEvents: `
    update security_events
       set user_id = nullif(user_id, ?::uuid),
           actor_id = nullif(actor_id, ?::uuid),
           email = case when email = ? or user_id = ?::uuid then null else email end,
           details = case when user_id = ?::uuid then null else details end,
           ip = null, user_agent = null, request_id = null
     where user_id = ?::uuid or actor_id = ?::uuid or email = ?`,
  /**
   * The workspaces that go with the user, and everything in them: their personal one, and the
   * shared ones with no OWNER but them.
   */
  doomedWorkspaces: `
    select w.id from workspaces w
     where w.personal_owner_id = ?::uuid
        or (w.personal_owner_id is null
            and exists (select 1 from workspace_members m
                         where m.workspace_id = w.id and m.user_id = ?::uuid and m.role = 'OWNER')
            and not exists (select 1 from workspace_members m
                             where m.workspace_id = w.id and m.user_id <> ?::uuid and m.role = 'OWNER'))`,
  /**
   * What the user created in workspaces that stay (audits, projects) passes to the workspace's
   * longest-standing other OWNER: the team keeps its history, and nothing points at the erased
   * account.
   */
  handOver: (table: 'audits' | 'projects') => `
    update ${table} t
       set owner_id = (select m.user_id from workspace_members m
                        where m.workspace_id = t.workspace_id and m.role = 'OWNER' and m.user_id <> ?::uuid
                        order by m.created_at, m.user_id limit 1)
     where t.owner_id = ?::uuid
       and exists (select 1 from workspace_members m
                    where m.workspace_id = t.workspace_id and m.role = 'OWNER' and m.user_id <> ?::uuid)`,
} as const;

export class AccountDataService {
  constructor(
    private readonly lifecycle: AuditLifecycle,
    private readonly credentialEvents: CredentialEvents,
    private readonly quotas: Pick<QuotaService, 'planOf'>,
    private readonly access: Pick<WorkspaceAccess, 'personalOf'>,
  ) {}

  /** Everything stored about the user, in the API's shapes (global ids, ISO dates). */
  async export(ctx: RequestContext, userId: string): Promise<Record<string, unknown>> {
    const em = ctx.em.fork();
    const user = await em.findOneOrFail(User, { id: userId });
    const personal = await this.access.personalOf({ loaders: new Loaders(em) }, userId);
    const [plan, sessions, apiKeys, audits, events, memberships, invitations, projects] = await Promise.all([
      this.quotas.planOf(em, personal),
      em.find(Session, { user: userId }, { orderBy: { createdAt: 'asc' } }),
      em.find(ApiKey, { user: userId }, { orderBy: { createdAt: 'asc' } }),
      em.find(Audit, { owner: userId }, { orderBy: { createdAt: 'asc' }, populate: ['details'] }),
      em.find(SecurityEvent, { userId }, { orderBy: { createdAt: 'asc' } }),
      em.find(WorkspaceMember, { user: userId }, { populate: ['workspace'], orderBy: { createdAt: 'asc' } }),
      findInvitationsOf(em, user),
      em.find(Project, { owner: userId }, { orderBy: { createdAt: 'asc' } }),
    ]);
    const plans = await em.find(WorkspacePlan, {
      workspace: { $in: memberships.map((m) => m.workspace.id) },
    });
    const plansOf = new Map(plans.map((row) => [row.workspace.id, row.plan]));
    const findings = await em.find(
      Finding,
      { audit: { $in: audits.map((a) => a.id) } },
      { orderBy: { audit: 'asc', rank: 'asc' } },
    );
    const findingsOf = new Map<string, Finding[]>();
    for (const finding of findings) {
      const list = findingsOf.get(finding.audit.id);
      if (list) list.push(finding);
      else findingsOf.set(finding.audit.id, [finding]);
    }
    await recordRequestEvent(ctx, {
      type: SecurityEventType.ACCOUNT_EXPORTED,
      userId,
      actorId: ctx.viewer && ctx.viewer.userId !== userId ? ctx.viewer.userId : null,
    });
    return {
      exportedAt: new Date().toISOString(),
      user: {
        id: toGlobalId('User', user.id),
        email: user.email,
        name: user.name,
        role: user.role,
        plan,
        isActive: user.isActive,
        emailVerified: user.emailVerified,
        createdAt: iso(user.createdAt),
      },
      workspaces: memberships.map((m) => ({
        id: toGlobalId('Workspace', m.workspace.id),
        name: m.workspace.name,
        personal: m.workspace.personal,
        viewerRole: m.role,
        plan: plansOf.get(m.workspace.id) ?? Plan.FREE,
        createdAt: iso(m.workspace.createdAt),
      })),
      invitations: invitations.map((i) => ({
        id: toGlobalId('Invitation', i.id),
        workspace: { id: toGlobalId('Workspace', i.workspace.id), name: i.workspace.name },
        email: i.email,
        role: i.role,
        status: i.status,
        createdAt: iso(i.createdAt),
        expiresAt: iso(i.expiresAt),
      })),
      projects: projects.map((p) => ({
        id: toGlobalId('Project', p.id),
        workspace: toGlobalId('Workspace', p.workspace.id),
        name: p.name,
        url: p.url,
        kinds: p.kinds,
        ...p.input,
        schedule: p.schedule,
        timezone: p.timezone,
        paused: p.paused,
        alertRules: p.alertRules,
        nextRunAt: iso(p.nextRunAt),
        lastRunAt: iso(p.lastRunAt),
        createdAt: iso(p.createdAt),
      })),
      sessions: sessions.map((s) => ({
        id: toGlobalId('Session', s.id),
        createdAt: iso(s.createdAt),
        lastUsedAt: iso(s.lastUsedAt),
        expiresAt: iso(s.expiresAt),
        revokedAt: iso(s.revokedAt),
        ip: s.ip,
        userAgent: s.userAgent,
      })),
      apiKeys: apiKeys.map((k) => ({
        id: toGlobalId('ApiKey', k.id),
        name: k.name,
        prefix: k.publicId,
        scopes: k.scopes,
        workspace: toGlobalId('Workspace', k.workspace.id),
        createdAt: iso(k.createdAt),
        lastUsedAt: iso(k.lastUsedAt),
        expiresAt: iso(k.expiresAt),
        revokedAt: iso(k.revokedAt),
      })),
      audits: audits.map((a) => ({
        id: toGlobalId('Audit', a.id),
        kind: a.kind,
        status: a.status,
        workspace: toGlobalId('Workspace', a.workspace.id),
        url: a.url,
        input: a.input,
        score: a.score,
        grade: a.grade,
        categories: a.categories,
        error: a.error,
        details: a.details,
        createdAt: iso(a.createdAt),
        startedAt: iso(a.startedAt),
        finishedAt: iso(a.finishedAt),
        findings: (findingsOf.get(a.id) ?? []).map((f) => ({
          id: toGlobalId('Finding', f.id),
          checkId: f.checkId,
          category: f.category,
          severity: f.severity,
          title: f.title,
          detail: f.detail,
          recommendation: f.recommendation,
          urls: f.urls,
          pointsLost: f.pointsLost,
        })),
      })),
      // The request origin is the user's own only where nobody else acted (an admin, a
      // workspace OWNER): other people's addresses are not the user's data.
      securityEvents: events.map((e) => {
        const own = e.actorId === null || e.actorId === userId;
        return {
          type: e.type,
          createdAt: iso(e.createdAt),
          ip: own ? e.ip : null,
          userAgent: own ? e.userAgent : null,
        };
      }),
    };
  }

  async exportForAdmin(ctx: RequestContext, userId: string): Promise<Record<string, unknown>> {
    if (!(await ctx.em.count(User, { id: userId }))) throw notFound('User');
    return this.export(ctx, userId);
  }

  /** The viewer erases their own account, proving it with their password. */
  async deleteOwn(ctx: RequestContext, viewer: Viewer, password: string): Promise<true> {
    if (viewer.apiKey) throw forbidden('An API key cannot delete an account');
    if (!(await verifyPassword(viewer.user.passwordHash, password))) {
      throw unauthenticated('Password is incorrect');
    }
    await this.delete(ctx, viewer.userId);
    return true;
  }

  /** An admin erases someone else's account (their own goes through deleteAccount). */
  async deleteForAdmin(ctx: RequestContext, viewer: Viewer, userId: string): Promise<true> {
    if (userId === viewer.userId) throw badUserInput('Delete your own account with deleteAccount');
    if (!(await ctx.em.count(User, { id: userId }))) throw notFound('User');
    await this.delete(ctx, userId);
    return true;
  }

  /**
   * Erases the user: every row about them goes (sessions, keys, tokens and memberships cascade
   * with the user; their emails leave the outbox and the invitations to their address go; their
   * personal workspace and the shared ones only they own go with everything in them, running
   * audits stopped first), audits they created in workspaces that stay pass to an OWNER there,
   * security events are anonymised, and open streams end at once.
   */
  private async delete(ctx: RequestContext, userId: string): Promise<void> {
    const actorIsOther = ctx.viewer !== null && ctx.viewer.userId !== userId;
    const affected = await ctx.em.transactional(async (em: EntityManager) => {
      const user = await em.findOneOrFail(User, { id: userId });
      // Every workspace the user is in, locked (in one order) like any membership change, and
      // only then read: a promotion or a co-owner leaving at the same moment cannot leave a
      // workspace without an OWNER, or its audits without one to pass to.
      const memberships = await em.find(WorkspaceMember, { user: userId }, { orderBy: { workspace: 'asc' } });
      for (const { workspace } of memberships) await lockMembership(em, workspace.id);
      const doomed = (await em.execute<{ id: string }[]>(SQL.doomedWorkspaces, [userId, userId, userId])).map(
        (row) => row.id,
      );
      const others = await em.find(WorkspaceMember, { workspace: { $in: doomed }, user: { $ne: userId } });
      await this.lifecycle.deleteActiveIn(em, doomed);
      const { email } = user;
      await em.execute(
        SQL.anonymiseSecurityEvents,
        [userId, userId, email, userId, userId, userId, userId, email],
        'run',
      );
      // Mail to the address is the user's once they proved it is theirs; before that, only the
      // mail about this account goes (others' invitations to the address stay queued).
      await em.nativeDelete(OutboxMessage, {
        toAddress: user.email,
        ...(user.emailVerified ? {} : { kind: { $ne: WORKSPACE_INVITATION_MAIL } }),
      });
      await deleteInvitationsOf(em, user);
      await em.nativeDelete(Workspace, { id: { $in: doomed } });
      for (const table of ['audits', 'projects'] as const)
        await em.execute(SQL.handOver(table), [userId, userId, userId], 'run');
      await em.nativeDelete(User, { id: userId });
      return others.map((member) => member.user.id);
    });
    // Their open streams end now, and so do the streams of the deleted workspaces' members.
    for (const id of new Set([userId, ...affected])) await this.credentialEvents.changed(id);
    // What happened, and (for an admin's erasure) by whom; nothing about whom it happened to.
    await recordRequestEvent(ctx, {
      type: SecurityEventType.ACCOUNT_DELETED,
      actorId: actorIsOther ? (ctx.viewer?.userId ?? null) : null,
      ...(actorIsOther ? {} : { ip: null, userAgent: null, requestId: null }),
    });
  }
}
