// Projects: a site and brand tracked over time. CRUD under the workspace's roles (as audits),
// runs by hand (`runProject`) and on schedule (`runDue`, called by the scheduler job), each run
// one audit per kind, and the project's event log.
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppLogger } from '../../common/logger.js';
import { AppError, badUserInput, notFound, unauthenticated, type FieldError } from '../../common/errors.js';
import { fromGlobalId } from '../../common/global-id.js';
import { paginate, type Connection, type PageArgs } from '../../common/pagination.js';
import { Loaders } from '../../common/request-context.js';
import { lockUntilCommit } from '../../infra/database.js';
import { openSubscription, type PubSub } from '../../infra/pubsub.js';
import { idleFeed } from '../audits/progress-stream.js';
import type { AuthService } from '../auth/auth.service.js';
import type { Config } from '../../config.js';
import { type Audit, AuditKind } from '../audits/audit.entity.js';
import { CreateAuditInput } from '../audits/audit.inputs.js';
import { PROPORTION_FIELDS } from '../audits/trend-metric.js';
import type { AuditService } from '../audits/audit.service.js';
import { isStaff, requireViewer, type RequestContext, type Viewer } from '../auth/viewer.js';
import type { QuotaService } from '../plans/quota.service.js';
import { quotaExceeded } from '../plans/quota.service.js';
import { User } from '../users/user.entity.js';
import type { WorkspaceAccess } from '../workspaces/workspace-access.js';
import { Workspace, WorkspaceRole } from '../workspaces/workspace.entity.js';
import { ProjectEvent, ProjectEventType } from './project-event.entity.js';
import { liveStream } from './project-event-stream.js';
import type { ProjectMetrics } from './project-metrics.js';
import { projectEventsTopic, publishProjectEvent, type ProjectEventMessage } from './project-outcomes.js';
import { nextRun, ScheduleError, shortestIntervalMinutes, validTimezone } from './project-schedule.js';
import { AlertKind, Project, type AlertRuleData, type ProjectAuditInput } from './project.entity.js';
import type { AlertRuleInput, CreateProjectInput, UpdateProjectInput } from './project.inputs.js';

/** First key of `pg_advisory_xact_lock(int, int)`: project creation per workspace ("Proj"). */
const PROJECT_LOCK_NAMESPACE = 0x50726f6a;
/** How often a projectEvents stream re-checks its viewer (besides pushed access changes). */
const STREAM_RECHECK_MS = 15_000;
/** Projects one scheduler tick starts at most (the rest wait for the next tick, a minute later). */
export const DUE_BATCH = 50;

/** SQL of the scheduler, in one place. */
const SQL = {
  /**
   * Due projects, locked for this transaction; ones another worker is starting are skipped, so
   * every tick of every project is started by exactly one worker.
   */
  claimDue: `select id from projects
              where next_run_at is not null and next_run_at <= ? and paused = false
              order by next_run_at limit ? for update skip locked`,
} as const;

const field = (name: string, message: string): AppError =>
  badUserInput(`Invalid input: ${message}`, [{ field: name, messages: [message] }]);

export interface RunOutcome {
  audits: Audit[];
  skipped: Array<{ kind: AuditKind; reason: string }>;
  /** The events recorded, to publish once they are committed. */
  events: ProjectEvent[];
}

export class ProjectService {
  constructor(
    private readonly config: Pick<Config, 'plans'>,
    private readonly audits: AuditService,
    private readonly quotas: Pick<QuotaService, 'planOf' | 'limitsOf'>,
    private readonly access: WorkspaceAccess,
    private readonly log: AppLogger,
    private readonly pubsub: PubSub,
    private readonly auth: Pick<AuthService, 'credentialEvents' | 'resolveViewer'>,
    private readonly metrics?: ProjectMetrics,
  ) {}

  async findVisible(ctx: RequestContext, id: string): Promise<Project | null> {
    if (!ctx.viewer) return null;
    const project = await ctx.em.findOne(Project, { id });
    if (!project) return null;
    if (isStaff(ctx.viewer)) return project;
    return (await this.access.roleIn(ctx, project.workspace.id)) ? project : null;
  }

  /** A project outside the viewer's workspaces answers NOT_FOUND, like a missing one. */
  async getVisible(ctx: RequestContext, id: string): Promise<Project> {
    const project = await this.findVisible(ctx, id);
    if (!project) throw notFound('Project');
    return project;
  }

  /** A visible project the viewer may change or run: MEMBER and up (and staff). */
  private async getWritable(ctx: RequestContext, id: string): Promise<Project> {
    const project = await this.getVisible(ctx, id);
    if (!isStaff(ctx.viewer)) {
      await this.access.require(ctx, project.workspace.id, WorkspaceRole.MEMBER, 'Project');
    }
    return project;
  }

  /** The projects of the viewer's workspaces (every one for staff), newest first. */
  async list(ctx: RequestContext, viewer: Viewer, args: PageArgs): Promise<Connection<Project>> {
    const where: FilterQuery<Project> = isStaff(viewer)
      ? {}
      : { workspace: { $in: await this.access.readable(ctx) } };
    return paginate(
      ctx.em,
      Project,
      where,
      [
        ['createdAt', 'desc'],
        ['id', 'desc'],
      ],
      args,
    );
  }

  async create(ctx: RequestContext, viewer: Viewer, input: CreateProjectInput): Promise<Project> {
    const workspaceId = await this.access.target(
      ctx,
      viewer,
      input.workspaceId ? fromGlobalId(input.workspaceId, 'Workspace').id : null,
      WorkspaceRole.MEMBER,
    );
    const plan = await this.quotas.planOf(ctx.em, workspaceId);
    const limits = this.quotas.limitsOf(plan);
    // Built apart and persisted only once counted (em.create would persist it, and the count's
    // automatic flush would then count it too).
    const project = Object.assign(new Project(), {
      workspace: ctx.em.getReference(Workspace, workspaceId),
      owner: ctx.em.getReference(User, viewer.userId),
      name: input.name.trim(),
      url: input.url,
      kinds: [...new Set(input.kinds)],
      input: {},
    });
    this.apply(project, input);
    this.checkSchedule(project, plan, limits.minScheduleMinutes);
    return ctx.em.transactional(async (em) => {
      // Counted under a per-workspace lock: concurrent creations cannot all pass the limit.
      await lockUntilCommit(em, PROJECT_LOCK_NAMESPACE, workspaceId);
      const count = await em.count(Project, { workspace: workspaceId });
      if (count >= limits.maxProjects) {
        throw quotaExceeded(
          'maxProjects',
          `This workspace's ${plan} plan allows ${limits.maxProjects} projects (maxProjects); delete one first`,
          { limit: limits.maxProjects, used: count },
        );
      }
      em.persist(project);
      await em.flush();
      return project;
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateProjectInput): Promise<Project> {
    const project = await this.getWritable(ctx, id);
    if (input.name !== undefined && input.name !== null) project.name = input.name.trim();
    if (input.url) project.url = input.url;
    if (input.kinds) project.kinds = [...new Set(input.kinds)];
    if (input.paused !== undefined && input.paused !== null) project.paused = input.paused;
    this.apply(project, input);
    // Only a change of the schedule, its time zone or `paused` moves `nextRunAt`: renaming a
    // project that is due must not skip its tick.
    if (input.schedule !== undefined || input.timezone !== undefined || input.paused !== undefined) {
      const plan = await this.quotas.planOf(ctx.em, project.workspace.id);
      this.checkSchedule(project, plan, this.quotas.limitsOf(plan).minScheduleMinutes);
    }
    await ctx.em.flush();
    return project;
  }

  /** Deletes the project and its events; its audits stay in the workspace, unlinked. */
  async delete(ctx: RequestContext, id: string): Promise<true> {
    const project = await this.getWritable(ctx, id);
    await ctx.em.transactional(async (em) => {
      await em
        .getConnection()
        .execute('update audits set project_id = null where project_id = ?', [project.id]);
      await em.nativeDelete(Project, { id: project.id });
    });
    return true;
  }

  /** A run now, by hand: one audit per kind (those a quota refuses are recorded as skipped). */
  async run(ctx: RequestContext, viewer: Viewer, id: string): Promise<Audit[]> {
    const project = await this.getWritable(ctx, id);
    const outcome = await this.startRun(ctx, project, viewer.userId, 'by hand');
    project.lastRunAt = new Date();
    await ctx.em.flush();
    await this.publish(outcome.events);
    if (!outcome.audits.length && outcome.firstError) throw outcome.firstError;
    return outcome.audits;
  }

  /**
   * Starts every project due at `now` (the scheduler's tick; any number of workers may call it
   * at once). Each due project's `nextRunAt` moves to its next tick after `now` in the same
   * transaction that creates its audits, so a tick runs once, and a project that missed ticks
   * while nothing ran runs once, not once per missed tick. Returns how many projects started.
   */
  async runDue(em: EntityManager, now = new Date()): Promise<number> {
    const events: ProjectEvent[] = [];
    const started = await em.transactional(async (tx) => {
      const rows = await tx.execute<{ id: string }[]>(SQL.claimDue, [now, DUE_BATCH]);
      if (!rows.length) return 0;
      const projects = await tx.find(Project, { id: { $in: rows.map((row) => row.id) } });
      for (const project of projects) {
        const ctx = this.systemContext(tx, project);
        project.nextRunAt = project.schedule ? nextRun(project.schedule, project.timezone, now) : null;
        project.lastRunAt = now;
        events.push(...(await this.startRun(ctx, project, project.owner.id, 'on schedule')).events);
      }
      await tx.flush();
      return projects.length;
    });
    // Subscribers read each event by id: published only once it is committed.
    await this.publish(events);
    return started;
  }

  private async publish(events: ProjectEvent[]): Promise<void> {
    for (const event of events) {
      await publishProjectEvent(this.pubsub, this.log, { projectId: event.project.id, eventId: event.id });
    }
  }

  /** One audit per kind; a refused one (a quota, an input the engines no longer accept) is a RUN_SKIPPED event. */
  private async startRun(
    ctx: RequestContext,
    project: Project,
    ownerId: string,
    how: string,
  ): Promise<RunOutcome & { firstError: AppError | null }> {
    const outcome: RunOutcome & { firstError: AppError | null } = {
      audits: [],
      skipped: [],
      events: [],
      firstError: null,
    };
    for (const kind of project.kinds) {
      try {
        const audit = await this.audits.createForProject(ctx, {
          workspaceId: project.workspace.id,
          ownerId,
          projectId: project.id,
          input: this.auditInput(project, kind),
        });
        outcome.audits.push(audit);
        this.metrics?.run(how === 'on schedule' ? 'schedule' : 'manual', 'started');
        outcome.events.push(
          this.event(ctx.em, project, ProjectEventType.RUN_STARTED, `${kind} audit started ${how}`, audit),
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        outcome.firstError ??= error;
        outcome.skipped.push({ kind, reason: error.message });
        this.metrics?.run(how === 'on schedule' ? 'schedule' : 'manual', 'skipped');
        outcome.events.push(
          this.event(
            ctx.em,
            project,
            ProjectEventType.RUN_SKIPPED,
            `${kind} audit skipped ${how}: ${error.message}`,
          ),
        );
      }
    }
    await ctx.em.flush();
    if (outcome.skipped.length)
      this.log.info({ projectId: project.id, skipped: outcome.skipped }, 'project run skipped audits');
    return outcome;
  }

  /**
   * The project's events as they happen (nothing replayed), for a viewer who may read the
   * project; the stream ends with NOT_FOUND once they may not (removed, signed out, revoked).
   */
  async eventStream(ctx: RequestContext, id: string): Promise<AsyncIterableIterator<ProjectEventMessage>> {
    const project = await this.getVisible(ctx, id);
    const viewer = requireViewer(ctx);
    const live = await openSubscription(this.pubsub, projectEventsTopic(project.id));
    const accessChanges = await this.auth.credentialEvents
      .subscribe(viewer.userId)
      .catch((error: unknown) => {
        ctx.log.warn(
          { err: error, projectId: project.id },
          'access changes unavailable: re-checking on a timer',
        );
        return idleFeed();
      });
    return liveStream<ProjectEventMessage>({
      live,
      accessChanges,
      recheckMs: STREAM_RECHECK_MS,
      recheck: async () => {
        const em = ctx.em.fork();
        const fresh = await this.auth.resolveViewer(em, ctx.credential);
        if (!fresh) throw unauthenticated();
        ctx.viewer = fresh;
        if (!(await this.findVisible({ ...ctx, em, loaders: new Loaders(em) }, project.id)))
          throw notFound('Project');
      },
    });
  }

  async events(ctx: RequestContext, project: Project, args: PageArgs): Promise<Connection<ProjectEvent>> {
    return paginate(
      ctx.em,
      ProjectEvent,
      { project: project.id },
      [
        ['createdAt', 'desc'],
        ['id', 'desc'],
      ],
      args,
    );
  }

  private event(
    em: EntityManager,
    project: Project,
    type: ProjectEventType,
    message: string,
    audit?: Audit,
  ): ProjectEvent {
    return em.create(ProjectEvent, { project, type, message: message.slice(0, 1000), audit: audit ?? null });
  }

  /** What a run of `kind` asks for, as the input a user would give createAudit. */
  private auditInput(project: Project, kind: AuditKind): CreateAuditInput {
    return Object.assign(new CreateAuditInput(), { kind, url: project.url, ...project.input });
  }

  /** Copies the run fields given (undefined: unchanged), validated as each kind's audit would be. */
  private apply(project: Project, input: CreateProjectInput | UpdateProjectInput): void {
    const keys = ['maxPages', 'brand', 'aliases', 'competitors', 'prompts', 'engines'] as const;
    const next: ProjectAuditInput = { ...project.input };
    for (const key of keys) {
      if (input[key] !== undefined) (next as Record<string, unknown>)[key] = input[key];
    }
    project.input = next;
    if (input.schedule !== undefined) project.schedule = input.schedule?.trim() || null;
    if (input.timezone !== undefined) project.timezone = input.timezone ?? 'UTC';
    if (input.alertRules !== undefined) project.alertRules = (input.alertRules ?? []).map(validRule);
    // Each kind's input must be a valid audit now, not at the first scheduled run.
    for (const kind of project.kinds) {
      const { input: clean } = this.audits.validateInput(this.auditInput(project, kind));
      project.url = clean.url;
    }
  }

  /** The schedule and time zone valid, within the plan's shortest interval; `nextRunAt` set. */
  private checkSchedule(project: Project, plan: string, minMinutes: number): void {
    try {
      project.timezone = validTimezone(project.timezone);
      if (!project.schedule) {
        project.nextRunAt = null;
        return;
      }
      const now = new Date();
      const shortest = shortestIntervalMinutes(project.schedule, now);
      if (shortest < minMinutes) {
        throw quotaExceeded(
          'minScheduleMinutes',
          `This workspace's ${plan} plan runs a project at most every ${minMinutes} minutes (minScheduleMinutes); ` +
            `this schedule runs every ${Math.round(shortest)}`,
          { limit: minMinutes, used: Math.round(shortest) },
        );
      }
      project.nextRunAt = project.paused ? null : nextRun(project.schedule, project.timezone, now);
    } catch (error) {
      if (error instanceof ScheduleError) throw field(error.field, error.message);
      throw error;
    }
  }

  /** The context of a scheduled run: nobody's request, the project's creator's standing. */
  private systemContext(em: EntityManager, project: Project): RequestContext {
    return {
      requestId: `schedule:${project.id}`,
      viewer: null,
      em,
      loaders: new Loaders(em),
      log: this.log,
      ip: '',
      userAgent: null,
      credential: undefined,
      deadline: Number.POSITIVE_INFINITY,
    };
  }
}

function validRule(rule: AlertRuleInput, index: number): AlertRuleData {
  const problem = (message: string): never => {
    throw badUserInput(`Invalid alert rule ${index + 1}: ${message}`, [
      { field: `alertRules.${index}`, messages: [message] } satisfies FieldError,
    ]);
  };
  const threshold = rule.threshold ?? null;
  switch (rule.kind) {
    case AlertKind.SCORE_BELOW:
      if (threshold === null || threshold < 0 || threshold > 100)
        problem('SCORE_BELOW needs a threshold from 0 to 100');
      break;
    case AlertKind.SCORE_DROP:
      if (threshold === null || threshold <= 0 || threshold > 100)
        problem('SCORE_DROP needs a threshold above 0 (points)');
      break;
    case AlertKind.NEW_FINDING:
      if (!rule.severity) problem('NEW_FINDING needs a severity');
      break;
    case AlertKind.METRIC_DROP:
      if (!rule.metric || !PROPORTION_FIELDS[rule.metric])
        problem(`METRIC_DROP needs a proportion metric: ${Object.keys(PROPORTION_FIELDS).join(', ')}`);
      break;
    case AlertKind.AUDIT_FAILED:
      break;
  }
  return {
    kind: rule.kind,
    threshold,
    metric: rule.metric ?? null,
    engine: rule.engine ?? null,
    severity: rule.severity ?? null,
  };
}
