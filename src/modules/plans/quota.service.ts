// A workspace's plan and its quotas on audit creation: audits per rolling 24 hours, audits
// queued or running at once, pages per SITE audit and prompts per VISIBILITY audit. On FREE the
// same daily and concurrent limits also hold per person across all the FREE workspaces they
// work in. Checked inside the audit's creation transaction under advisory locks (workspace,
// then person), so concurrent creations queue up instead of all slipping under a limit.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import type { RateLimitStore } from '../../infra/rate-limit/index.js';
import type { RequestContext } from '../auth/viewer.js';
import { AppError, conflict } from '../../common/errors.js';
import { recordRefusalOnce, recordRequestEvent } from '../security/security-log.js';
import { SecurityEventType } from '../security/security-event.entity.js';
import { Audit, AuditKind, AuditStatus, type AuditInputData } from '../audits/audit.entity.js';
import { Workspace, WorkspaceMember, WorkspaceRole } from '../workspaces/workspace.entity.js';
import { WorkspacePlan } from './plan.entity.js';
import { Plan, type PlanLimits } from './plan.js';

const DAY_MS = 24 * 3600 * 1000;
/** First key of `pg_advisory_xact_lock(int, int)`: this lock's namespace ("AQuo"). */
const QUOTA_LOCK_NAMESPACE = 0x4151756f;
const ACTIVE_STATUSES = [AuditStatus.QUEUED, AuditStatus.RUNNING];

export type QuotaName = keyof PlanLimits;

/** SQL of the counters, in one place. */
const SQL = {
  workspaceToday: `select count(*) as count, min(created_at) as oldest from audit_quota_usage
                    where workspace_id = ? and created_at > ?`,
  workspaceProjects: `select count(*) as count from projects where workspace_id = ?`,
  /**
   * The workspace's plan, then its lock and, on FREE with a person, the person's (in that
   * order, as everywhere): held until the transaction ends. The counts are read by the next
   * statement, whose snapshot is taken once the locks are held.
   */
  planThenLock: `select p.plan, pg_advisory_xact_lock(?, hashtext(?)) is null as workspace_locked,
      case when p.plan = 'FREE' and ?::boolean then pg_advisory_xact_lock(?, hashtext(?)) is null end as person_locked
    from (select coalesce((select plan::text from workspace_plans where workspace_id = ?), 'FREE') as plan) p`,
  /** Every counter reserve checks, in one statement (the person's only when asked). */
  counters: `select
      (select count(*) from audits where workspace_id = ? and status in ('QUEUED', 'RUNNING')) as workspace_active,
      w.count as workspace_today, w.oldest as workspace_oldest,
      case when ?::boolean then (select count(*) from audits a
          left join workspace_plans p on p.workspace_id = a.workspace_id
         where a.owner_id = ? and a.status in ('QUEUED', 'RUNNING') and coalesce(p.plan, 'FREE') = 'FREE') end as person_active,
      u.count as person_today, u.oldest as person_oldest
    from (select count(*) as count, min(created_at) as oldest from audit_quota_usage
           where workspace_id = ? and created_at > ?) w,
         (select count(*) as count, min(created_at) as oldest from audit_quota_usage
           where ?::boolean and user_id = ? and plan = 'FREE' and created_at > ?) u`,
  /** Drops what left the 24-hour window and records the new audit, in one statement. */
  record: `with pruned as (delete from audit_quota_usage where (workspace_id = ? or user_id = ?) and created_at <= ?)
    insert into audit_quota_usage (id, workspace_id, user_id, plan, created_at) values (?, ?, ?, ?, ?)`,
} as const;

type CountersRow = {
  workspace_active: string;
  workspace_today: string;
  workspace_oldest: Date | string | null;
  person_active: string | null;
  person_today: string;
  person_oldest: Date | string | null;
};

/** One set of counted limits: a workspace's, or a person's across their FREE workspaces. */
interface Counter {
  scope: 'workspace' | 'user';
  active: number;
  today: { count: number; oldest: Date | null };
  /** The refusal's words, around what is allowed. */
  says(allowed: string): string;
}

export interface QuotaUsage {
  plan: Plan;
  limits: PlanLimits;
  auditsToday: number;
  concurrentAudits: number;
  projects: number;
}

const dateOrNull = (value: Date | string | null) => (value ? new Date(value) : null);

export function quotaExceeded(
  quota: QuotaName,
  message: string,
  facts: { limit: number; used: number; retryAfterSeconds?: number; scope?: 'workspace' | 'user' },
): AppError {
  return new AppError('QUOTA_EXCEEDED', message, { quota, ...facts });
}

export class QuotaService {
  constructor(
    private readonly config: Pick<Config, 'plans' | 'audits'>,
    /** Where refusals are counted, so that each is logged once per window. */
    private readonly refusals: Pick<RateLimitStore, 'hit'>,
  ) {}

  limitsOf(plan: Plan): PlanLimits {
    return this.config.plans[plan];
  }

  async planOf(em: EntityManager, workspaceId: string): Promise<Plan> {
    const row = await em.findOne(WorkspacePlan, { workspace: workspaceId });
    return row?.plan ?? Plan.FREE;
  }

  /**
   * Sets a workspace's plan (an admin's act, in the security log under `userId` when given). A
   * plan above FREE needs an OWNER with a verified address: limits are not raised for a
   * workspace nobody reachable answers for.
   */
  async setPlan(ctx: RequestContext, workspaceId: string, plan: Plan, userId: string | null): Promise<void> {
    if (plan !== Plan.FREE) {
      const verifiedOwners = await ctx.em.count(WorkspaceMember, {
        workspace: workspaceId,
        role: WorkspaceRole.OWNER,
        user: { emailVerifiedAt: { $ne: null } },
      });
      if (!verifiedOwners) {
        throw conflict(`A ${plan} plan needs an OWNER of the workspace with a verified email address`);
      }
    }
    const previous = await this.planOf(ctx.em, workspaceId);
    await ctx.em.upsert(WorkspacePlan, {
      workspace: ctx.em.getReference(Workspace, workspaceId),
      plan,
      updatedAt: new Date(),
      updatedById: ctx.viewer?.userId ?? null,
    });
    if (previous !== plan) {
      await recordRequestEvent(ctx, {
        type: SecurityEventType.PLAN_CHANGED,
        userId,
        details: { workspaceId, from: previous, to: plan },
      });
    }
  }

  async usage(em: EntityManager, workspaceId: string): Promise<QuotaUsage> {
    const plan = await this.planOf(em, workspaceId);
    const [today, active, projects] = await Promise.all([
      this.auditsToday(em, SQL.workspaceToday, workspaceId),
      this.activeAudits(em, workspaceId),
      this.count(em, SQL.workspaceProjects, workspaceId),
    ]);
    return {
      plan,
      limits: this.limitsOf(plan),
      auditsToday: today.count,
      concurrentAudits: active,
      projects,
    };
  }

  /**
   * Checks the workspace's quotas for one more audit and records it against the daily quota.
   * Must run inside the transaction that creates the audit (`em` is that transaction's), so
   * the advisory lock is held until the audit is committed. Returns the input to store, with
   * the crawl bound capped by the plan when the input left it to the default.
   */
  async reserve(
    ctx: RequestContext,
    em: EntityManager,
    { workspaceId, actorId }: { workspaceId: string; actorId: string | null },
    data: { kind: AuditKind; input: AuditInputData },
  ): Promise<AuditInputData> {
    const [locked] = await em.execute<Array<{ plan: Plan }>>(SQL.planThenLock, [
      QUOTA_LOCK_NAMESPACE,
      workspaceId,
      actorId !== null,
      QUOTA_LOCK_NAMESPACE,
      `user:${actorId}`,
      workspaceId,
    ]);
    const plan = locked!.plan;
    const limits = this.limitsOf(plan);
    const refuse = async (error: AppError) => {
      const { code: _code, ...facts } = error.extensions;
      // Once per workspace and quota per minute: a bulk call or a retry loop repeats the refusal.
      await recordRefusalOnce(ctx, this.refusals, `quota:${workspaceId}:${String(facts.quota)}`, 60_000, {
        type: SecurityEventType.QUOTA_EXCEEDED,
        userId: ctx.viewer?.userId ?? null,
        details: { plan, workspaceId, ...facts },
      });
      return error;
    };
    const input = { ...data.input };
    if (data.kind === AuditKind.SITE) {
      const requested = input.maxPages ?? this.config.audits.defaultMaxPages;
      if (input.maxPages && input.maxPages > limits.maxPagesPerAudit) {
        throw await refuse(
          quotaExceeded(
            'maxPagesPerAudit',
            `This workspace's ${plan} plan allows at most ${limits.maxPagesPerAudit} pages per audit (maxPagesPerAudit); ${requested} were asked`,
            { limit: limits.maxPagesPerAudit, used: requested },
          ),
        );
      }
      if (requested > limits.maxPagesPerAudit) input.maxPages = limits.maxPagesPerAudit;
    } else {
      const prompts = input.prompts?.length ?? 0;
      if (prompts > limits.maxPromptsPerAudit) {
        throw await refuse(
          quotaExceeded(
            'maxPromptsPerAudit',
            `This workspace's ${plan} plan allows at most ${limits.maxPromptsPerAudit} prompts per audit (maxPromptsPerAudit); ${prompts} were given`,
            { limit: limits.maxPromptsPerAudit, used: prompts },
          ),
        );
      }
    }

    // The workspace's counters; on FREE also the person's, across every FREE workspace they
    // work in: a FREE allowance is not multiplied by creating (or re-creating) workspaces.
    const person = plan === Plan.FREE && actorId !== null;
    const now = Date.now();
    const since = new Date(now - DAY_MS);
    const [row] = await em.execute<CountersRow[]>(SQL.counters, [
      workspaceId,
      person,
      actorId,
      workspaceId,
      since,
      person,
      actorId,
      since,
    ]);
    const counters: Counter[] = [
      {
        scope: 'workspace',
        active: Number(row!.workspace_active),
        today: { count: Number(row!.workspace_today), oldest: dateOrNull(row!.workspace_oldest) },
        says: (what) => `This workspace's ${plan} plan allows ${what}`,
      },
    ];
    if (person) {
      counters.push({
        scope: 'user',
        active: Number(row!.person_active ?? 0),
        today: { count: Number(row!.person_today), oldest: dateOrNull(row!.person_oldest) },
        says: (what) => `Your FREE allowance, across the FREE workspaces you work in, is ${what}`,
      });
    }
    for (const counter of counters) {
      if (counter.active >= limits.concurrentAudits) {
        throw await refuse(
          quotaExceeded(
            'concurrentAudits',
            `${counter.says(`${limits.concurrentAudits} queued or running audits at once`)} (concurrentAudits); wait for one to finish or cancel one`,
            { limit: limits.concurrentAudits, used: counter.active, scope: counter.scope },
          ),
        );
      }
      if (counter.today.count >= limits.auditsPerDay) {
        const retryAt = (counter.today.oldest?.getTime() ?? now) + DAY_MS;
        throw await refuse(
          quotaExceeded(
            'auditsPerDay',
            `${counter.says(`${limits.auditsPerDay} audits per 24 hours`)} (auditsPerDay)`,
            {
              limit: limits.auditsPerDay,
              used: counter.today.count,
              retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now) / 1000)),
              scope: counter.scope,
            },
          ),
        );
      }
    }
    await em.execute(
      SQL.record,
      [workspaceId, actorId, since, randomUUID(), workspaceId, actorId, plan, new Date(now)],
      'run',
    );
    return input;
  }

  private activeAudits(em: EntityManager, workspaceId: string): Promise<number> {
    return em.count(Audit, { workspace: workspaceId, status: { $in: ACTIVE_STATUSES } });
  }

  private async count(em: EntityManager, sql: string, id: string): Promise<number> {
    const [row] = await em.execute<Array<{ count: string }>>(sql, [id]);
    return Number(row?.count ?? 0);
  }

  private async auditsToday(
    em: EntityManager,
    sql: string,
    id: string,
    now = Date.now(),
  ): Promise<{ count: number; oldest: Date | null }> {
    const [row] = await em.execute<Array<{ count: string; oldest: Date | string | null }>>(sql, [
      id,
      new Date(now - DAY_MS),
    ]);
    return { count: Number(row?.count ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
  }
}
