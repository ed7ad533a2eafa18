// Audits: creation (row + job in one transaction), reads with visibility rules, cancel,
// rerun, delete, and the live progress stream.
import type { FilterQuery } from '@mikro-orm/core';
import { validate } from 'class-validator';
import { resolveEngines } from '../../audit-engine/visibility/index.js';
import { AuditInputError } from '../../audit-engine/report.js';
import type { Config } from '../../config.js';
import { requireViewer, type RequestContext, type Viewer } from '../auth/viewer.js';
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
  cursorOf,
  DEFAULT_PAGE_SIZE,
  pageWindow,
  paginate,
  type Connection,
  type Ordering,
  type PageArgs,
} from '../../common/pagination.js';
import { openSubscription, type PubSub } from '../../infra/pubsub.js';
import type { AuthService } from '../auth/auth.service.js';
import type { QuotaService } from '../plans/quota.service.js';
import { Role } from '../users/user.entity.js';
import { Audit, AuditKind, type AuditInputData } from './audit.entity.js';
import type { AuditLifecycle } from './audit-lifecycle.js';
import { progressEventOf, progressTopic, type AuditProgressEvent } from './audit-progress.js';
import { normalizeAuditUrl } from './audit-url.js';
import { idleFeed, progressStream } from './progress-stream.js';
import {
  AuditOrderField,
  CreateAuditInput,
  OrderDirection,
  type AuditFilter,
  type AuditOrder,
} from './audit.inputs.js';
import { findingsCount, findingsHead } from './audit.loaders.js';
import { Finding, type Severity } from './finding.entity.js';

const ORDER_FIELDS: Record<AuditOrderField, string> = {
  [AuditOrderField.CREATED_AT]: 'createdAt',
  [AuditOrderField.SCORE]: 'scoreRank',
  [AuditOrderField.UPDATED_AT]: 'updatedAt',
};
/** How often a progress stream re-checks its viewer and the stored state (besides pushed changes). */
const STREAM_RECHECK_MS = 15_000;
/** …and while pub/sub is down, when the stored state is all a stream can follow. */
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
  ) {}

  /**
   * What the viewer may see: their own audits, or all of them for an admin signed in with a
   * session. An API key reaches its owner's audits only, even an admin's: a leaked key must not
   * expose every customer.
   */
  private visibleTo(viewer: Viewer): { owner?: string } {
    return viewer.role === Role.ADMIN && !viewer.apiKey ? {} : { owner: viewer.user.id };
  }

  async findVisible(ctx: RequestContext, id: string): Promise<Audit | null> {
    if (!ctx.viewer) return null;
    return ctx.em.findOne(Audit, { id, ...this.visibleTo(ctx.viewer) });
  }

  /** Another user's audit answers NOT_FOUND, exactly like a missing one: existence must not leak. */
  async getVisible(ctx: RequestContext, id: string): Promise<Audit> {
    const audit = await this.findVisible(ctx, id);
    if (!audit) throw notFound('Audit');
    return audit;
  }

  list(
    ctx: RequestContext,
    viewer: Viewer,
    args: PageArgs & { filter?: AuditFilter | null; orderBy?: AuditOrder | null },
    ownerId?: string,
  ): Promise<Connection<Audit>> {
    const visible = this.visibleTo(viewer);
    // Another user's list is empty unless the viewer may see everything.
    const owner =
      ownerId && visible.owner && visible.owner !== ownerId ? { $in: [] } : (ownerId ?? visible.owner);
    const where: Record<string, unknown> = owner ? { owner } : {};
    const filter = args.filter;
    if (filter?.status?.length) where.status = { $in: filter.status };
    if (filter?.kind?.length) where.kind = { $in: filter.kind };
    if (filter?.search)
      where.url = { $ilike: `%${filter.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%` };
    if (filter?.createdAfter || filter?.createdBefore) {
      where.createdAt = {
        ...(filter.createdAfter ? { $gte: filter.createdAfter } : {}),
        ...(filter.createdBefore ? { $lt: filter.createdBefore } : {}),
      };
    }
    const order = args.orderBy ?? { field: AuditOrderField.CREATED_AT, direction: OrderDirection.DESC };
    const direction = order.direction === OrderDirection.ASC ? 'asc' : 'desc';
    return paginate(
      ctx.em,
      Audit,
      where as FilterQuery<Audit>,
      [
        [ORDER_FIELDS[order.field], direction],
        ['id', direction],
      ],
      args,
    );
  }

  /** Findings of one audit in report order; first pages come batched through the loader. */
  async findings(
    ctx: RequestContext,
    audit: Audit,
    args: PageArgs & { severity?: Severity | null },
  ): Promise<Connection<Finding>> {
    const severity = args.severity ?? null;
    const window = pageWindow(args);
    if (args.after || args.before || window.last !== undefined) {
      return paginate(
        ctx.em,
        Finding,
        { audit: audit.id, ...(severity ? { severity } : {}) },
        FINDING_ORDER,
        args,
      );
    }
    const first = window.first ?? DEFAULT_PAGE_SIZE;
    const [rows, totalCount] = await Promise.all([
      ctx.loaders.get(findingsHead).load({ auditId: audit.id, severity, limit: first + 1 }),
      ctx.loaders.get(findingsCount).load({ auditId: audit.id, severity }),
    ]);
    const edges = rows
      .slice(0, first)
      .map((node) => ({ cursor: cursorOf(ctx.em, Finding, node, FINDING_ORDER), node }));
    return {
      edges,
      totalCount,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: false,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  async create(ctx: RequestContext, viewer: Viewer, input: CreateAuditInput): Promise<Audit> {
    return this.enqueue(ctx, viewer.user.id, this.validateInput(input));
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
    const audit = await this.getVisible(ctx, id);
    if (audit.isFinished)
      throw conflict(`The audit already ended (${audit.status}); there is nothing to cancel`);
    return this.lifecycle.cancel(ctx.em, audit);
  }

  /** A new audit with the same input, for the same owner. */
  async rerun(ctx: RequestContext, id: string): Promise<Audit> {
    const original = await this.getVisible(ctx, id);
    return this.enqueue(ctx, original.owner.id, { kind: original.kind, input: original.input });
  }

  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    const audit = await this.getVisible(ctx, id);
    await this.lifecycle.delete(ctx.em, audit);
    return true;
  }

  /**
   * The progress stream of a visible audit: its current state first, then live events, ending
   * after a terminal status. Subscribes before reading the state, so no event is missed.
   */
  async progressStream(ctx: RequestContext, id: string): Promise<AsyncIterable<AuditProgressEvent>> {
    const audit = await this.getVisible(ctx, id);
    const viewer = requireViewer(ctx);
    // Without the broker (an outage) the stream follows the stored state instead.
    const degraded = (error: unknown) => {
      ctx.log.warn({ err: error, auditId: audit.id }, 'live progress unavailable: following the database');
      return idleFeed();
    };
    const live = await openSubscription(this.pubsub, progressTopic(audit.id)).catch(degraded);
    const accessChanges = await this.auth.credentialEvents.subscribe(viewer.user.id).catch(degraded);
    const current = await ctx.em.fork().findOne(Audit, { id: audit.id });
    if (!current) {
      await Promise.allSettled([live.return?.(), accessChanges.return?.()]);
      throw notFound('Audit');
    }
    return progressStream({
      snapshot: progressEventOf(current),
      live,
      accessChanges,
      recheck: () => this.recheckStream(ctx, audit.id),
      recheckMs: () => (this.pubsub.healthy() ? STREAM_RECHECK_MS : STREAM_POLL_MS),
    });
  }

  /**
   * The credential must still be valid (logout, key revocation and deactivation end open
   * subscriptions too) and still see the audit (a demoted admin no longer sees others'); the
   * stream's viewer becomes the fresh one, so its events resolve with today's rights. Returns
   * the audit's stored state, or null when it is gone.
   */
  private async recheckStream(ctx: RequestContext, auditId: string): Promise<AuditProgressEvent | null> {
    const em = ctx.em.fork();
    const viewer = await this.auth.resolveViewer(em, ctx.credential);
    if (!viewer) throw unauthenticated();
    ctx.viewer = viewer;
    const stored = await em.findOne(Audit, { id: auditId });
    if (stored && !this.canSee(viewer, stored)) throw notFound('Audit');
    return stored && progressEventOf(stored);
  }

  private canSee(viewer: Viewer, audit: Audit): boolean {
    const { owner } = this.visibleTo(viewer);
    return owner === undefined || audit.owner.id === owner;
  }

  private validateInput(input: CreateAuditInput): { kind: AuditKind; input: AuditInputData } {
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
      },
    };
  }

  /**
   * Writes the audit and its job in one transaction: neither exists without the other. The
   * owner's plan quotas are checked in it, under a lock that holds until it commits.
   */
  private async enqueue(
    ctx: RequestContext,
    ownerId: string,
    data: { kind: AuditKind; input: AuditInputData },
  ): Promise<Audit> {
    const audit = await ctx.em.transactional(async (em) => {
      const input = await this.quotas.reserve(ctx, em, ownerId, data);
      return this.lifecycle.createQueued(em, ownerId, data.kind, input);
    });
    await this.lifecycle.announce(progressEventOf(audit));
    return audit;
  }
}
