// Audits: creation (row + job in one transaction), reads with visibility rules, cancel,
// rerun, delete, and the live progress stream.
import { validate } from 'class-validator';
import { resolveEngines } from '../../audit-engine/visibility/index.js';
import { AuditInputError } from '../../audit-engine/report.js';
import type { Config } from '../../config.js';
import { isStaff, requireViewer, type RequestContext, type Viewer } from '../auth/viewer.js';
import {
  AppError,
  badUserInput,
  conflict,
  notFound,
  unauthenticated,
  validationFailed,
  type FieldError,
} from '../../common/errors.js';
import {
  connectionOf,
  cursorOf,
  DEFAULT_PAGE_SIZE,
  pageWindow,
  paginate,
  paginateRows,
  WANTS_EVERYTHING,
  type Connection,
  type Ordering,
  type PageArgs,
  type PageWants,
} from '../../common/pagination.js';
import { fromGlobalId } from '../../common/global-id.js';
import { closableIterator, EXPRESS } from '../../common/closable-iterator.js';
import { Loaders } from '../../common/request-context.js';
import { openSubscription, type PubSub } from '../../infra/pubsub.js';
import type { AuthService } from '../auth/auth.service.js';
import type { QuotaService } from '../plans/quota.service.js';
import type { WorkspaceAccess } from '../workspaces/workspace-access.js';
import { WorkspaceRole } from '../workspaces/workspace.entity.js';
import { Audit, AuditKind, type AuditInputData } from './audit.entity.js';
import type { AuditLifecycle } from './audit-lifecycle.js';
import { progressEventOf, progressTopic, type AuditProgressEvent } from './audit-progress.js';
import { normalizeAuditUrl } from './audit-url.js';
import { OpenStreams, tokenExpiry, type StreamSubject, type SubjectFacts } from './open-streams.js';
import { idleFeed, progressStream, signalFeed } from './progress-stream.js';
import { visibilityOptionsOf } from './visibility-options.js';
import {
  AuditOrderField,
  CreateAuditInput,
  OrderDirection,
  type AuditFilter,
  type AuditOrder,
} from './audit.inputs.js';
import { compareAudits, type AuditComparison } from './audit-comparison.js';
import { auditColumnsFor, AuditRow } from './audit-row.js';
import { countAudits, selectAuditsPage, type AuditsOrder, type AuditsWhere } from './audit.queries.js';
import { auditDetails, findingColumnsFor, findingsHead, type FindingRow } from './audit.loaders.js';
import { Finding, type Severity } from './finding.entity.js';

/** Each ordering's entity property (cursors name it) and column. */
const ORDER_FIELDS: Record<AuditOrderField, { property: string; column: AuditsOrder['column'] }> = {
  [AuditOrderField.CREATED_AT]: { property: 'createdAt', column: 'created_at' },
  [AuditOrderField.SCORE]: { property: 'scoreRank', column: 'score_rank' },
  [AuditOrderField.UPDATED_AT]: { property: 'updatedAt', column: 'updated_at' },
};
/** While pub/sub is down, how often open streams follow the stored state (checked together). */
const STREAM_POLL_MS = 1_000;

const FINDING_ORDER: Ordering = [
  ['rank', 'asc'],
  ['id', 'asc'],
];

export interface CreateAuditResult {
  index: number;
  audit: Audit | null;
  error: { code: string; message: string; fields?: FieldError[] } | null;
}

export class AuditService {
  constructor(
    private readonly config: Config,
    private readonly lifecycle: AuditLifecycle,
    private readonly pubsub: PubSub,
    private readonly quotas: QuotaService,
    private readonly auth: AuthService,
    private readonly access: WorkspaceAccess,
  ) {
    this.streams = new OpenStreams({
      intervalMs: () => (this.pubsub.healthy() ? this.config.progressStreamCheckMs : STREAM_POLL_MS),
      accessChanges: (userId) => this.auth.credentialEvents.subscribe(userId),
      log: this.lifecycle.log,
    });
  }

  private readonly streams: OpenStreams;

  /** The members of its workspace (and staff) see an audit; an API key, in its workspace only. */
  private async canRead(ctx: RequestContext, audit: Audit): Promise<boolean> {
    return isStaff(ctx.viewer) || (await this.access.roleIn(ctx, audit.workspace.id)) !== null;
  }

  async findVisible(ctx: RequestContext, id: string): Promise<Audit | null> {
    if (!ctx.viewer) return null;
    const audit = await ctx.em.findOne(Audit, { id });
    return audit && (await this.canRead(ctx, audit)) ? audit : null;
  }

  /** An audit outside the viewer's workspaces answers NOT_FOUND, exactly like a missing one. */
  async getVisible(ctx: RequestContext, id: string): Promise<Audit> {
    const audit = await this.findVisible(ctx, id);
    if (!audit) throw notFound('Audit');
    return audit;
  }

  /** A visible audit the viewer may change: MEMBER and up (and staff); a VIEWER gets FORBIDDEN. */
  private async getWritable(ctx: RequestContext, id: string): Promise<Audit> {
    const audit = await this.getVisible(ctx, id);
    if (!isStaff(ctx.viewer)) {
      await this.access.require(ctx, audit.workspace.id, WorkspaceRole.MEMBER, 'Audit');
    }
    return audit;
  }

  /**
   * Audits of the viewer's workspaces (every audit for staff), or of one workspace; `ownerId`
   * narrows them to one creator's. Read as plain rows of the columns the selection needs
   * (`wants.nodeFields`), not entities: lists only read.
   */
  async list(
    ctx: RequestContext,
    viewer: Viewer,
    args: PageArgs & { filter?: AuditFilter | null; orderBy?: AuditOrder | null },
    scope: { ownerId?: string; workspaceId?: string; projectId?: string } = {},
    wants: PageWants = WANTS_EVERYTHING,
  ): Promise<Connection<AuditRow>> {
    const filter = args.filter;
    const named = filter?.workspaceId ? fromGlobalId(filter.workspaceId, 'Workspace').id : undefined;
    const workspaceId = scope.workspaceId ?? named;
    const where: AuditsWhere = {};
    if (named && scope.workspaceId && named !== scope.workspaceId) where.workspaceIds = [];
    else if (workspaceId) {
      if (!isStaff(viewer)) await this.access.require(ctx, workspaceId, WorkspaceRole.VIEWER);
      where.workspaceIds = [workspaceId];
    } else if (!isStaff(viewer)) {
      where.workspaceIds = await this.access.readable(ctx);
    }
    if (scope.ownerId) where.ownerId = scope.ownerId;
    if (scope.projectId) where.projectId = scope.projectId;
    if (filter?.status?.length) where.statuses = filter.status;
    if (filter?.kind?.length) where.kinds = filter.kind;
    if (filter?.search) where.search = filter.search;
    if (filter?.createdAfter) where.createdAfter = filter.createdAfter;
    if (filter?.createdBefore) where.createdBefore = filter.createdBefore;
    const order = args.orderBy ?? { field: AuditOrderField.CREATED_AT, direction: OrderDirection.DESC };
    const direction = order.direction === OrderDirection.ASC ? 'asc' : 'desc';
    const { property, column } = ORDER_FIELDS[order.field];
    const columns = auditColumnsFor(wants.nodeFields, [column]);
    return paginateRows(
      ctx.em,
      Audit,
      [
        [property, direction],
        ['id', direction],
      ],
      args,
      wants,
      async (bounds) =>
        (await selectAuditsPage(ctx.em, columns, where, { column, direction }, bounds)).map(
          (record) => new AuditRow(record),
        ),
      () => countAudits(ctx.em, where),
    );
  }

  /** Two visible audits of the same kind compared (NOT_FOUND for either one the viewer cannot see). */
  async compare(ctx: RequestContext, baseId: string, headId: string): Promise<AuditComparison> {
    const [base, head] = await Promise.all([this.getVisible(ctx, baseId), this.getVisible(ctx, headId)]);
    if (base.kind !== head.kind) {
      throw badUserInput(`Only audits of one kind compare: base is ${base.kind}, head is ${head.kind}`, [
        { field: 'head', messages: [`must be a ${base.kind} audit like base`] },
      ]);
    }
    const details = ctx.loaders.get(auditDetails);
    const [baseFindings, headFindings, baseDetails, headDetails] = await Promise.all([
      ctx.em.find(Finding, { audit: base.id }, { orderBy: { rank: 'asc' } }),
      ctx.em.find(Finding, { audit: head.id }, { orderBy: { rank: 'asc' } }),
      details.load(base.id),
      details.load(head.id),
    ]);
    return compareAudits(
      base,
      head,
      { base: baseFindings, head: headFindings },
      { base: baseDetails, head: headDetails },
    );
  }

  /** Findings of one audit in report order; first pages come batched through the loader. */
  async findings(
    ctx: RequestContext,
    audit: Pick<Audit, 'id'>,
    args: PageArgs & { severity?: Severity | null },
    wants: PageWants = WANTS_EVERYTHING,
  ): Promise<Connection<Finding | FindingRow>> {
    const severity = args.severity ?? null;
    const window = pageWindow(args);
    if (args.after || args.before || window.last !== undefined) {
      return paginate(
        ctx.em,
        Finding,
        { audit: audit.id, ...(severity ? { severity } : {}) },
        FINDING_ORDER,
        args,
        wants,
      );
    }
    const first = window.first ?? DEFAULT_PAGE_SIZE;
    const { rows, totalCount } = await ctx.loaders.get(findingsHead).load({
      auditId: audit.id,
      severity,
      limit: first + 1,
      counted: wants.totalCount,
      columns: findingColumnsFor(wants.nodeFields),
    });
    const nodes = rows.slice(0, first);
    return connectionOf(
      wants,
      wants.cursors
        ? nodes.map((node) => ({ cursor: cursorOf(ctx.em, Finding, node, FINDING_ORDER), node }))
        : nodes,
      totalCount,
      { hasNextPage: rows.length > first, hasPreviousPage: false },
    );
  }

  /** A new audit in the workspace named (MEMBER and up) or the viewer's default one. */
  async create(ctx: RequestContext, viewer: Viewer, input: CreateAuditInput): Promise<Audit> {
    const data = this.validateInput(input);
    const workspaceId = await this.access.target(
      ctx,
      viewer,
      input.workspaceId ? fromGlobalId(input.workspaceId, 'Workspace').id : null,
      WorkspaceRole.MEMBER,
    );
    return this.enqueue(ctx, workspaceId, viewer.userId, data);
  }

  /**
   * One audit of a project's run, in the project's workspace, started by `ownerId` (whoever ran
   * it, or the project's creator on a schedule). The caller checked the role; quotas apply.
   */
  async createForProject(
    ctx: RequestContext,
    run: { workspaceId: string; ownerId: string; projectId: string; input: CreateAuditInput },
  ): Promise<Audit> {
    return this.enqueue(ctx, run.workspaceId, run.ownerId, this.validateInput(run.input), run.projectId);
  }

  /** Up to 50 audits; each item succeeds or fails on its own. */
  async createMany(
    ctx: RequestContext,
    viewer: Viewer,
    inputs: CreateAuditInput[],
  ): Promise<CreateAuditResult[]> {
    const results: CreateAuditResult[] = [];
    for (const [index, raw] of inputs.entries()) {
      try {
        const input = Object.assign(new CreateAuditInput(), raw);
        const problems = await validate(input, { validationError: { target: false, value: false } });
        if (problems.length) throw validationFailed(problems);
        results.push({ index, audit: await this.create(ctx, viewer, input), error: null });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const extensions = error.extensions as { code: string; fields?: FieldError[] };
        results.push({
          index,
          audit: null,
          error: { code: extensions.code, message: error.message, fields: extensions.fields },
        });
      }
    }
    return results;
  }

  async cancel(ctx: RequestContext, id: string): Promise<Audit> {
    const audit = await this.getWritable(ctx, id);
    if (audit.isFinished)
      throw conflict(`The audit already ended (${audit.status}); there is nothing to cancel`);
    return this.lifecycle.cancel(ctx.em, audit);
  }

  /** A new audit with the same input, in the same workspace, created by the viewer. */
  async rerun(ctx: RequestContext, id: string): Promise<Audit> {
    const original = await this.getWritable(ctx, id);
    const viewer = requireViewer(ctx);
    return this.enqueue(
      ctx,
      original.workspace.id,
      viewer.userId,
      { kind: original.kind, input: original.input },
      original.projectId,
    );
  }

  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    const audit = await this.getWritable(ctx, id);
    await this.lifecycle.delete(ctx.em, audit);
    return true;
  }

  /**
   * The progress stream of a visible audit: its current state first, then live events, ending
   * after a terminal status. Subscribes before reading the state, so no event is missed. Its
   * access is re-checked with every other open stream's (`OpenStreams`): at once when the
   * viewer's access changes, else when the batched check finds a reason.
   */
  async progressStream(ctx: RequestContext, id: string): Promise<AsyncIterable<AuditProgressEvent>> {
    const viewer = requireViewer(ctx);
    // Without the broker (an outage) the stream follows the stored state instead.
    const degraded = (error: unknown) => {
      ctx.log.warn({ err: error, auditId: id }, 'live progress unavailable: following the database');
      return idleFeed();
    };
    // Listening first (live events, access changes), then reading: nothing falls in between.
    const live = await openSubscription(this.pubsub, progressTopic(id)).catch(degraded);
    const release = await this.streams.listenTo(viewer.userId).catch((error: unknown) => {
      degraded(error);
      return () => undefined;
    });
    const subject: StreamSubject = {
      auditId: id,
      userId: viewer.userId,
      sessionId: viewer.sessionId,
      apiKeyId: viewer.apiKey?.id ?? null,
      role: viewer.role,
      staff: isStaff(viewer),
      credentialExpiresAt: tokenExpiry(ctx.credential),
    };
    let baseline: SubjectFacts;
    try {
      // The stored state and the access facts in one statement, then the visibility rule on
      // them (a later change of the facts shows in the batched checks).
      baseline = await this.streams.read(ctx.em, subject);
      const workspaceId = baseline.workspaceId;
      const visible =
        workspaceId !== null && (isStaff(viewer) || (await this.access.roleIn(ctx, workspaceId)) !== null);
      if (!baseline.state || !visible) throw notFound('Audit');
      // Changed between the viewer's lookup and the facts, its announcement missed: check now.
      if (baseline.lapsed) await this.recheckStream(ctx, id);
    } catch (error) {
      release();
      await live.return?.();
      throw error;
    }
    const nudges = signalFeed();
    const watch = this.streams.watch(ctx.em, subject, baseline, nudges.signal, release);
    // While idle the stream holds no unit of work of its own: its re-checks and events fork
    // a fresh one from the parent every open stream shares (which itself never loads anything).
    ctx.em = this.streams.idleParent;
    ctx.loaders = new Loaders(ctx.em);
    const stream = progressStream({
      snapshot: baseline.state,
      live,
      accessChanges: nudges.feed,
      recheck: () =>
        this.streams.track(
          (async () => {
            // The facts first: a change after this read shows in the next batched check.
            const facts = await this.streams.read(ctx.em, subject);
            const stored = await this.recheckStream(ctx, id);
            const fresh = requireViewer(ctx);
            watch.checked(facts.access, { role: fresh.role, staff: isStaff(fresh) });
            return stored;
          })(),
        ),
      // No timer per stream: the batched check decides when one is due.
      recheckMs: () => Infinity,
      onEmit: (event) => watch.sent(event),
    });
    return closableIterator(
      async () => {
        const result = await stream.next();
        if (result.done) watch.leave();
        return result;
      },
      async () => {
        watch.leave();
        await stream.return?.();
      },
      stream[EXPRESS],
    );
  }

  /** Stops re-checking open streams (before the database closes) and waits for running checks. */
  closeStreams(): Promise<void> {
    return this.streams.close();
  }

  /**
   * The credential must still be valid (logout, key revocation and deactivation end open
   * subscriptions too) and still see the audit (a member removed from its workspace, a demoted
   * admin no longer do), read afresh; the stream's viewer becomes the fresh one, so its events
   * resolve with today's rights. Returns the audit's stored state, or null when it is gone.
   */
  private async recheckStream(ctx: RequestContext, auditId: string): Promise<AuditProgressEvent | null> {
    const em = ctx.em.fork();
    const viewer = await this.auth.resolveViewer(em, ctx.credential);
    if (!viewer) throw unauthenticated();
    ctx.viewer = viewer;
    const stored = await em.findOne(Audit, { id: auditId });
    if (stored && !(await this.canRead({ ...ctx, em, loaders: new Loaders(em) }, stored))) {
      throw notFound('Audit');
    }
    return stored && progressEventOf(stored);
  }

  /** The audit a valid input asks for (BAD_USER_INPUT with field errors otherwise). */
  validateInput(input: CreateAuditInput): { kind: AuditKind; input: AuditInputData } {
    const field = (name: string, message: string) =>
      badUserInput(`Invalid input: ${message}`, [{ field: name, messages: [message] }]);
    let url: string;
    try {
      url = normalizeAuditUrl(input.url, this.config.auditAllowedPrivateHosts);
    } catch (error) {
      throw field('url', (error as Error).message);
    }
    const limit = this.config.audits.maxPagesLimit;
    if (input.maxPages && input.maxPages > limit)
      throw field('maxPages', `maxPages must be at most ${limit}`);
    if (input.kind === AuditKind.SITE) {
      return { kind: input.kind, input: { url, maxPages: input.maxPages ?? null } };
    }
    const brand = input.brand?.trim();
    if (!brand) throw field('brand', 'brand is required for a VISIBILITY audit');
    const prompts = [...new Set((input.prompts ?? []).map((prompt) => prompt.trim()).filter(Boolean))];
    if (!prompts.length) throw field('prompts', 'prompts are required for a VISIBILITY audit');
    const engines = [...new Set(input.engines ?? [])];
    try {
      resolveEngines(engines, this.config.visibility.engines);
    } catch (error) {
      if (error instanceof AuditInputError) throw field('engines', error.message);
      throw error;
    }
    const clean = (values: string[] | null | undefined) => [
      ...new Set((values ?? []).map((value) => value.trim()).filter(Boolean)),
    ];
    return {
      kind: input.kind,
      input: {
        url,
        brand,
        aliases: clean(input.aliases),
        competitors: clean(input.competitors),
        prompts,
        engines,
        ...visibilityOptionsOf(input, this.config),
      },
    };
  }

  /**
   * Writes the audit and its job in one transaction: neither exists without the other. The
   * workspace's plan quotas are checked in it, under a lock that holds until it commits.
   */
  private async enqueue(
    ctx: RequestContext,
    workspaceId: string,
    ownerId: string,
    data: { kind: AuditKind; input: AuditInputData },
    projectId: string | null = null,
  ): Promise<Audit> {
    const row = await ctx.em.transactional(async (em) => {
      const input = await this.quotas.reserve(ctx, em, { workspaceId, actorId: ownerId }, data);
      return this.lifecycle.createQueued(em, { workspaceId, ownerId, projectId }, data.kind, input);
    });
    const audit = ctx.em.map(Audit, row);
    await this.lifecycle.announce(progressEventOf(audit));
    return audit;
  }
}
