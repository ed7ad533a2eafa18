// Webhooks: endpoints of a workspace (managed by its OWNERs and ADMINs, with a verified address)
// that receive signed events — an audit ended, an alert fired — through the job queue, with
// retries and backoff, a delivery log, redelivery, and automatic disabling after repeated failures.
// URLs follow the crawler's address policy: checked when saved, and at every connection.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createSafeFetcher, SafeFetchError, type SafeFetcher } from '../../audit-engine/net/safe-fetch.js';
import { badUserInput, conflict, forbidden, notFound } from '../../common/errors.js';
import { fromGlobalId, toGlobalId } from '../../common/global-id.js';
import type { AppLogger } from '../../common/logger.js';
import { paginate, type Connection, type PageArgs } from '../../common/pagination.js';
import type { Config } from '../../config.js';
import { Audit, AuditStatus } from '../audits/audit.entity.js';
import { normalizeAuditUrl } from '../audits/audit-url.js';
import type { RequestContext, Viewer } from '../auth/viewer.js';
import { Project } from '../projects/project.entity.js';
import { User } from '../users/user.entity.js';
import type { WorkspaceAccess } from '../workspaces/workspace-access.js';
import { Workspace, WorkspaceRole } from '../workspaces/workspace.entity.js';
import type { WebhookMetrics } from './webhook-metrics.js';
import type { WebhookQueue } from './webhook-queue.js';
import { generateSecret, SecretBox, signatureHeader } from './webhook-signature.js';
import { DeliveryStatus, eventName, Webhook, WebhookDelivery, WebhookEvent } from './webhook.entity.js';

export const MAX_WEBHOOKS_PER_WORKSPACE = 20;

/** SQL of deliveries, in one place. */
const SQL = {
  /** A repeated end of the same audit inserts nothing (the unique index on webhook and audit). */
  insertDelivery: `insert into webhook_deliveries (id, webhook_id, event, audit_id, body, status, attempts, created_at)
                   values (?, ?, ?, ?, ?, 'PENDING', 0, clock_timestamp())
                   on conflict do nothing returning id`,
  /**
   * Audits that ended a minute to an hour ago, after a webhook that wants the event was created,
   * without a delivery to it (a crash between the end and the dispatch).
   */
  missed: `select a.id, a.status from audits a
            where a.finished_at > now() - interval '1 hour' and a.finished_at < now() - interval '1 minute'
              and a.status in ('SUCCEEDED', 'FAILED', 'CANCELLED')
              and exists (select 1 from webhooks w
                           where w.workspace_id = a.workspace_id and w.enabled
                             and (w.project_id is null or w.project_id = a.project_id)
                             and ('AUDIT_' || a.status::text) = any(w.events)
                             and w.created_at < a.finished_at
                             and not exists (select 1 from webhook_deliveries d
                                              where d.webhook_id = w.id and d.audit_id = a.id))
            limit 100`,
} as const;
/** How long a rotated-out secret keeps signing, so receivers can switch over. */
export const ROTATION_GRACE_SECONDS = 24 * 3600;
const RESPONSE_BYTES_KEPT = 4096;
const WEBHOOK_MANAGER = WorkspaceRole.ADMIN;

const AUDIT_EVENTS: Partial<Record<AuditStatus, WebhookEvent>> = {
  SUCCEEDED: WebhookEvent.AUDIT_SUCCEEDED,
  FAILED: WebhookEvent.AUDIT_FAILED,
  CANCELLED: WebhookEvent.AUDIT_CANCELLED,
};

export interface CreatedWebhookResult {
  webhook: Webhook;
  secret: string;
}

export interface WebhookInput {
  url?: string | null;
  events?: WebhookEvent[] | null;
  enabled?: boolean | null;
}

export class WebhookService {
  private readonly box: SecretBox;
  private readonly fetcher: SafeFetcher;

  constructor(
    private readonly config: Pick<
      Config,
      'webhooks' | 'auditAllowedPrivateHosts' | 'jwtSecret' | 'jwtPreviousSecrets'
    >,
    private readonly access: WorkspaceAccess,
    private readonly queue: WebhookQueue,
    private readonly log: AppLogger,
    private readonly metrics?: WebhookMetrics,
  ) {
    this.box = new SecretBox([config.jwtSecret, ...config.jwtPreviousSecrets]);
    // No redirect is followed: a receiver that redirects is a misconfiguration (and a way around checks).
    this.fetcher = createSafeFetcher({
      allowedPrivateHosts: config.auditAllowedPrivateHosts,
      maxRedirects: 0,
      timeoutMs: 10_000,
      maxBytes: RESPONSE_BYTES_KEPT,
      userAgent: 'AEOAuditWebhooks/1.0',
    });
  }

  close(): Promise<void> {
    return this.fetcher.close();
  }

  async create(
    ctx: RequestContext,
    viewer: Viewer,
    input: { url: string; events: WebhookEvent[]; projectId?: string | null; workspaceId?: string | null },
  ): Promise<CreatedWebhookResult> {
    let workspaceId = input.workspaceId ? fromGlobalId(input.workspaceId, 'Workspace').id : null;
    let projectId: string | null = null;
    if (input.projectId) {
      const project = await ctx.em.findOne(Project, { id: fromGlobalId(input.projectId, 'Project').id });
      if (!project || !(await this.access.roleIn(ctx, project.workspace.id))) throw notFound('Project');
      if (workspaceId && workspaceId !== project.workspace.id) {
        throw badUserInput('projectId is a project of another workspace', [
          { field: 'projectId', messages: ['must belong to workspaceId'] },
        ]);
      }
      workspaceId = project.workspace.id;
      projectId = project.id;
    }
    const target = await this.access.target(ctx, viewer, workspaceId, WEBHOOK_MANAGER);
    this.assertVerified(viewer);
    const url = this.validUrl(input.url);
    const events = this.validEvents(input.events);
    const secret = generateSecret();
    const webhook = await ctx.em.transactional(async (em) => {
      const count = await em.count(Webhook, { workspace: target });
      if (count >= MAX_WEBHOOKS_PER_WORKSPACE) {
        throw conflict(`This workspace has ${count} webhooks (the limit is ${MAX_WEBHOOKS_PER_WORKSPACE})`);
      }
      const created = em.create(Webhook, {
        workspace: em.getReference(Workspace, target),
        createdBy: em.getReference(User, viewer.userId),
        projectId,
        url,
        events,
        secret: this.box.seal(secret),
      });
      await em.flush();
      return created;
    });
    return { webhook, secret };
  }

  async update(ctx: RequestContext, viewer: Viewer, id: string, input: WebhookInput): Promise<Webhook> {
    const webhook = await this.getManaged(ctx, id);
    if (input.url) {
      this.assertVerified(viewer);
      webhook.url = this.validUrl(input.url);
    }
    if (input.events) webhook.events = this.validEvents(input.events);
    if (input.enabled !== undefined && input.enabled !== null) {
      webhook.enabled = input.enabled;
      if (input.enabled) {
        webhook.disabledReason = null;
        webhook.consecutiveFailures = 0;
      } else webhook.disabledReason = 'Disabled by a member of the workspace';
    }
    await ctx.em.flush();
    return webhook;
  }

  async delete(ctx: RequestContext, id: string): Promise<true> {
    const webhook = await this.getManaged(ctx, id);
    await ctx.em.nativeDelete(Webhook, { id: webhook.id });
    return true;
  }

  /** A new secret, shown once; the old one keeps signing (a second `v1=`) for 24 hours. */
  async rotateSecret(ctx: RequestContext, id: string): Promise<CreatedWebhookResult> {
    const webhook = await this.getManaged(ctx, id);
    const secret = generateSecret();
    webhook.previousSecret = webhook.secret;
    webhook.previousSecretExpiresAt = new Date(Date.now() + ROTATION_GRACE_SECONDS * 1000);
    webhook.secret = this.box.seal(secret);
    await ctx.em.flush();
    return { webhook, secret };
  }

  /** Sends a delivery's body again, as a new delivery (the log keeps both). */
  async redeliver(ctx: RequestContext, deliveryId: string): Promise<WebhookDelivery> {
    const original = await ctx.em.findOne(WebhookDelivery, { id: deliveryId }, { populate: ['webhook'] });
    if (!original) throw notFound('Delivery');
    await this.access.require(ctx, original.webhook.workspace.id, WEBHOOK_MANAGER, 'Delivery');
    if (!original.webhook.enabled) throw conflict('The webhook is disabled: enable it first');
    return ctx.em.transactional(async (em) => {
      const id = randomUUID();
      const delivery = em.create(WebhookDelivery, {
        id,
        webhook: original.webhook,
        event: original.event,
        body: this.bodyWithId(JSON.parse(original.body) as Record<string, unknown>, id),
      });
      await em.flush();
      await this.queue.enqueueWebhook(em, delivery.id);
      return delivery;
    });
  }

  /** The workspace's webhooks, for its OWNERs and ADMINs. */
  async listForWorkspace(ctx: RequestContext, workspaceId: string): Promise<Webhook[]> {
    await this.access.require(ctx, workspaceId, WEBHOOK_MANAGER);
    return ctx.em.find(Webhook, { workspace: workspaceId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  async findVisible(ctx: RequestContext, id: string): Promise<Webhook | null> {
    if (!ctx.viewer || ctx.viewer.apiKey) return null;
    const webhook = await ctx.em.findOne(Webhook, { id });
    if (!webhook) return null;
    return (await this.access.has(ctx, webhook.workspace.id, WEBHOOK_MANAGER)) ? webhook : null;
  }

  deliveries(ctx: RequestContext, webhook: Webhook, args: PageArgs): Promise<Connection<WebhookDelivery>> {
    return paginate(
      ctx.em,
      WebhookDelivery,
      { webhook: webhook.id },
      [
        ['createdAt', 'desc'],
        ['id', 'desc'],
      ],
      args,
    );
  }

  /** An audit ended: a delivery for every enabled webhook of its workspace that wants the event. */
  async auditEnded(em: EntityManager, auditId: string, status: AuditStatus): Promise<void> {
    const event = AUDIT_EVENTS[status];
    if (!event) return;
    const audit = await em.findOne(Audit, { id: auditId });
    if (!audit) return;
    await this.dispatch(
      em,
      audit.workspace.id,
      audit.projectId,
      event,
      { audit: this.auditData(audit) },
      audit.id,
    );
  }

  /** Ended audits some webhook never got a delivery for (the sweep hands them to auditEnded). */
  missed(em: EntityManager): Promise<Array<{ id: string; status: AuditStatus }>> {
    return em.execute(SQL.missed);
  }

  /** An alert fired on a project (project-outcomes.ts). */
  async alertFired(em: EntityManager, project: Project, audit: Audit, message: string): Promise<void> {
    await this.dispatch(em, project.workspace.id, project.id, WebhookEvent.ALERT, {
      alert: { message, project: { id: toGlobalId('Project', project.id), name: project.name } },
      audit: this.auditData(audit),
    });
  }

  /**
   * One attempt of a delivery (the webhook-delivery job). A 2xx answer ends it; anything else is
   * retried with exponential backoff and jitter until WEBHOOK_MAX_ATTEMPTS, then it fails, and
   * WEBHOOK_DISABLE_AFTER failed deliveries in a row disable the webhook.
   */
  async attempt(em: EntityManager, deliveryId: string): Promise<void> {
    const delivery = await em.findOne(WebhookDelivery, { id: deliveryId }, { populate: ['webhook'] });
    if (!delivery || delivery.status !== DeliveryStatus.PENDING) return;
    const webhook = delivery.webhook;
    if (!webhook.enabled) {
      delivery.status = DeliveryStatus.FAILED;
      delivery.error = `Not sent: the webhook is disabled (${webhook.disabledReason ?? 'by a member'})`;
      await em.flush();
      return;
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const secrets = [this.box.open(webhook.secret)];
    if (
      webhook.previousSecret &&
      webhook.previousSecretExpiresAt &&
      webhook.previousSecretExpiresAt > new Date()
    )
      secrets.push(this.box.open(webhook.previousSecret));
    let error: string | null = null;
    let status: number | null = null;
    const started = performance.now();
    try {
      const response = await this.fetcher.fetch(webhook.url, {
        method: 'POST',
        body: delivery.body,
        headers: {
          'content-type': 'application/json',
          'aeo-event': eventName(delivery.event),
          'aeo-delivery': toGlobalId('WebhookDelivery', delivery.id),
          'aeo-signature': signatureHeader(secrets, timestamp, delivery.body),
        },
      });
      status = response.status;
      if (status < 200 || status > 299) error = `The receiver answered ${status}`;
    } catch (err) {
      error =
        err instanceof SafeFetchError
          ? err.code === 'TOO_MANY_REDIRECTS'
            ? 'The receiver answered with a redirect: webhooks do not follow redirects'
            : err.message
          : 'The delivery could not be sent';
      if (!(err instanceof SafeFetchError)) this.log.warn({ err, deliveryId }, 'webhook delivery error');
    }
    const seconds = (performance.now() - started) / 1000;
    delivery.attempts += 1;
    delivery.lastAttemptAt = new Date();
    delivery.responseStatus = status;
    delivery.error = error?.slice(0, 1000) ?? null;
    if (!error) {
      delivery.status = DeliveryStatus.SUCCEEDED;
      delivery.deliveredAt = new Date();
      delivery.nextAttemptAt = null;
      webhook.consecutiveFailures = 0;
      await em.flush();
      this.metrics?.attempt('succeeded', seconds);
      return;
    }
    if (delivery.attempts < this.config.webhooks.maxAttempts) {
      const delay = this.retryDelaySeconds(delivery.attempts);
      delivery.nextAttemptAt = new Date(Date.now() + delay * 1000);
      await em.flush();
      await this.queue.enqueueWebhook(null, delivery.id, delay);
      this.metrics?.attempt('retried', seconds);
      return;
    }
    delivery.status = DeliveryStatus.FAILED;
    delivery.nextAttemptAt = null;
    webhook.consecutiveFailures += 1;
    if (webhook.consecutiveFailures >= this.config.webhooks.disableAfter) {
      webhook.enabled = false;
      webhook.disabledReason =
        `Disabled after ${webhook.consecutiveFailures} failed deliveries in a row (last: ${error})`.slice(
          0,
          500,
        );
      this.log.warn({ webhookId: webhook.id }, 'webhook disabled after repeated failed deliveries');
    }
    await em.flush();
    this.metrics?.attempt('failed', seconds);
  }

  /** base × 3^(attempt − 1), ±20%: about a day over 6 attempts with the default 10 minutes. */
  private retryDelaySeconds(attempt: number): number {
    const base = this.config.webhooks.retryBaseSeconds * 3 ** (attempt - 1);
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  /**
   * A delivery for every enabled webhook of the workspace (and project) that wants the event, and
   * its job, in one transaction. With `auditId` (an audit's end) a webhook gets one delivery per
   * audit however often the end is heard.
   */
  private async dispatch(
    em: EntityManager,
    workspaceId: string,
    projectId: string | null,
    event: WebhookEvent,
    data: Record<string, unknown>,
    auditId: string | null = null,
  ): Promise<void> {
    const webhooks = await em.find(Webhook, {
      workspace: workspaceId,
      enabled: true,
      $or: [{ projectId: null }, ...(projectId ? [{ projectId }] : [])],
    });
    const wanted = webhooks.filter((webhook) => webhook.events.includes(event));
    if (!wanted.length) return;
    await em.transactional(async (tx) => {
      for (const webhook of wanted) {
        const id = randomUUID();
        const body = this.bodyWithId(
          {
            event: eventName(event),
            createdAt: new Date().toISOString(),
            workspace: { id: toGlobalId('Workspace', workspaceId) },
            data,
          },
          id,
        );
        const [inserted] = await tx.execute<{ id: string }[]>(SQL.insertDelivery, [
          id,
          webhook.id,
          event,
          auditId,
          body,
        ]);
        if (inserted) await this.queue.enqueueWebhook(tx, id);
      }
    });
  }

  private bodyWithId(payload: Record<string, unknown>, deliveryId: string): string {
    const { id: _old, ...rest } = payload;
    return JSON.stringify({ id: toGlobalId('WebhookDelivery', deliveryId), ...rest });
  }

  private auditData(audit: Audit) {
    return {
      id: toGlobalId('Audit', audit.id),
      kind: audit.kind,
      status: audit.status,
      url: audit.url,
      score: audit.score,
      grade: audit.grade,
      error: audit.error,
      project: audit.projectId ? { id: toGlobalId('Project', audit.projectId) } : null,
      createdAt: audit.createdAt.toISOString(),
      finishedAt: audit.finishedAt?.toISOString() ?? null,
    };
  }

  private async getManaged(ctx: RequestContext, id: string): Promise<Webhook> {
    const webhook = await ctx.em.findOne(Webhook, { id });
    if (!webhook) throw notFound('Webhook');
    await this.access.require(ctx, webhook.workspace.id, WEBHOOK_MANAGER, 'Webhook');
    return webhook;
  }

  private assertVerified(viewer: Viewer): void {
    if (!viewer.user.emailVerified) {
      throw forbidden(
        'Verify your email address before adding webhooks (resendVerificationEmail sends a new link)',
      );
    }
  }

  private validUrl(raw: string): string {
    try {
      return normalizeAuditUrl(raw, this.config.auditAllowedPrivateHosts);
    } catch (error) {
      const message = (error as Error).message;
      throw badUserInput(`Invalid input: ${message}`, [{ field: 'url', messages: [message] }]);
    }
  }

  private validEvents(events: WebhookEvent[]): WebhookEvent[] {
    const unique = [...new Set(events)];
    if (!unique.length) {
      throw badUserInput('events must name at least one event', [
        { field: 'events', messages: ['is empty'] },
      ]);
    }
    return unique;
  }
}
