// The one owner of an audit's state. Every change — queued, claimed, progress, succeeded,
// failed, cancelled, handed back, deleted — is a named statement here, used by the API
// service and the worker alike, and each is announced to the audit's progress subscribers.
//
//   QUEUED ──claim──> RUNNING ──succeed──> SUCCEEDED
//     │  ▲              │ ├──finish(FAILED | CANCELLED)
//     │  └─requeue / handBack (retry, lost worker, shutdown)
//     └──cancelQueued──> CANCELLED          failAbandoned: QUEUED | RUNNING ──> FAILED | CANCELLED
//
// Worker-side statements are guarded by the attempt number, so a stale copy of a job can
// never overwrite what the current attempt did.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditReport } from '../../audit-engine/report.js';
import type { AppLogger } from '../../common/logger.js';
import type { PubSub } from '../../infra/pubsub.js';
import {
  Audit,
  AuditStatus,
  TERMINAL_STATUSES,
  type AuditInputData,
  type AuditKind,
} from './audit.entity.js';
import { progressEventOf, publishProgress, type AuditProgressEvent } from './audit-progress.js';
import type { AuditQueue } from './audit-queue.js';
import { Finding, Severity } from './finding.entity.js';

/** An audit's row as stored (`returning *`), to map into an entity. */
export type QueuedAuditRow = Record<string, unknown>;

const SQL = {
  /** A new QUEUED audit, its job id already chosen (the job is inserted next, in the same transaction). */
  insertQueued: `insert into audits (id, workspace_id, owner_id, project_id, kind, url, input, stage, categories,
      job_id, created_at, updated_at)
    values (?, ?, ?, ?, ?::audit_kind, ?, ?::jsonb, 'Queued', '[]'::jsonb, ?, now(), now())
    returning *`,
  claim: `update audits set status = 'RUNNING', attempts = attempts + 1, started_at = coalesce(started_at, now()),
      progress = 0, stage = 'Starting', message = null, error = null, updated_at = now()
    where id = ? and status in ('QUEUED', 'RUNNING') and cancel_requested_at is null
    returning attempts, kind, input`,
  cancelRequested: 'select cancel_requested_at from audits where id = ?',
  pendingCancellation: `select attempts from audits
    where id = ? and status in ('QUEUED', 'RUNNING') and cancel_requested_at is not null`,
  recordProgress: `update audits set progress = ?, stage = ?, message = ?, updated_at = now()
    where id = ? and status = 'RUNNING' and attempts = ? returning updated_at`,
  succeed: `update audits set status = 'SUCCEEDED', progress = 1, stage = 'Done', message = null, score = ?, grade = ?,
      categories = ?, details = ?, finished_at = now(), updated_at = now()
    where id = ? and status = 'RUNNING' and attempts = ? returning id`,
  finish: `update audits set status = ?, stage = ?, error = ?, details = coalesce(?::jsonb, details), message = null,
      finished_at = now(), updated_at = now()
    where id = ? and status in ('QUEUED', 'RUNNING') and attempts = ?`,
  handBack: `update audits set status = 'QUEUED', stage = 'Waiting for a worker',
      message = 'The worker restarted; the audit will resume', updated_at = now()
    where id = ? and status = 'RUNNING' and attempts = ? returning id`,
  setJob: 'update audits set job_id = ? where id = ?',
  requeue: `update audits set status = 'QUEUED', stage = ?, message = ?, updated_at = now()
    where id = ? and status = 'RUNNING' and attempts = ?`,
  failAbandoned: `update audits set finished_at = now(), updated_at = now(),
      status = case when cancel_requested_at is null then 'FAILED' else 'CANCELLED' end::audit_status,
      stage = case when cancel_requested_at is null then 'Failed' else 'Cancelled' end,
      error = case when cancel_requested_at is null then 'The audit could not be completed: the workers running it stopped responding ' || attempts || ' times. Please try again.' end
    where id = ? and status in ('QUEUED', 'RUNNING')`,
  current: 'select status, progress, stage, message, error, updated_at from audits where id = ?',
} as const;

/** The audit a worker claimed for one attempt. */
export interface ClaimedAudit {
  attempt: number;
  kind: AuditKind;
  input: AuditInputData;
}

export interface ProgressSnapshot {
  progress: number;
  stage: string;
  message: string | null;
}

/**
 * Told when an audit has ended (SUCCEEDED, FAILED or CANCELLED) once the change is stored, e.g.
 * to record a project's run outcome and check its alerts. It may hear an end more than once (an
 * ending statement that found the audit already ended): listeners are idempotent.
 */
export type AuditEndedListener = (em: EntityManager, auditId: string, status: AuditStatus) => Promise<void>;

export class AuditLifecycle {
  private readonly endedListeners: AuditEndedListener[] = [];

  constructor(
    private readonly queue: AuditQueue,
    private readonly pubsub: PubSub,
    readonly log: AppLogger,
  ) {}

  /** Modules that build on audits hear of their ends here (audits import none of them). */
  onEnded(listener: AuditEndedListener): void {
    this.endedListeners.push(listener);
  }

  /**
   * A new QUEUED audit and its job, inside the caller's transaction (`em`): neither exists
   * without the other. Returns the stored row, for the caller to map once the transaction
   * committed (an entity mapped inside it would be flushed and merged back at commit, for
   * nothing); the caller announces it then too.
   */
  async createQueued(
    em: EntityManager,
    {
      workspaceId,
      ownerId,
      projectId = null,
    }: { workspaceId: string; ownerId: string; projectId?: string | null },
    kind: AuditKind,
    input: AuditInputData,
  ): Promise<QueuedAuditRow> {
    // A plain insert (no unit-of-work flush): two statements, the audit and its job.
    const id = randomUUID();
    const jobId = randomUUID();
    const [row] = await em.execute<Array<Record<string, unknown>>>(SQL.insertQueued, [
      id,
      workspaceId,
      ownerId,
      projectId,
      kind,
      input.url,
      JSON.stringify(input),
      jobId,
    ]);
    await this.queue.enqueueAudit(em, id, jobId);
    return row!;
  }

  /**
   * A queued audit ends now; a running one is flagged and its worker stops at the next
   * checkpoint. Returns the audit as stored afterwards.
   */
  async cancel(em: EntityManager, audit: Audit): Promise<Audit> {
    const now = new Date();
    const cancelledNow = await em.nativeUpdate(
      Audit,
      { id: audit.id, status: AuditStatus.QUEUED },
      {
        status: AuditStatus.CANCELLED,
        stage: 'Cancelled',
        message: null,
        cancelRequestedAt: now,
        finishedAt: now,
        updatedAt: now,
      },
    );
    if (cancelledNow) {
      if (audit.jobId) await this.queue.cancelJob(audit.jobId).catch(() => undefined);
    } else {
      await em.nativeUpdate(
        Audit,
        { id: audit.id, status: AuditStatus.RUNNING },
        { cancelRequestedAt: now, message: 'Cancelling…', updatedAt: now },
      );
    }
    await em.refresh(audit);
    await this.announce(progressEventOf(audit));
    if (cancelledNow) await this.tellEnded(em, audit.id, AuditStatus.CANCELLED);
    return audit;
  }

  /** Deletes the audit and its findings; a running worker notices at its next checkpoint. */
  async delete(em: EntityManager, audit: Audit): Promise<void> {
    if (audit.jobId && !audit.isFinished) await this.queue.cancelJob(audit.jobId).catch(() => undefined);
    await em.nativeDelete(Audit, { id: audit.id });
    // Subscribers end with a terminal event instead of waiting for one that can no longer come.
    await this.announce({
      ...progressEventOf(audit),
      status: audit.isFinished ? audit.status : AuditStatus.CANCELLED,
      stage: 'Deleted',
      message: null,
      error: null,
      at: new Date().toISOString(),
    });
  }

  /**
   * Stops and deletes the unfinished audits of workspaces about to be deleted, so that no job
   * runs on for a row that cascades away (the finished ones cascade with the workspace).
   */
  async deleteActiveIn(em: EntityManager, workspaceIds: readonly string[]): Promise<void> {
    if (!workspaceIds.length) return;
    const active = await em.find(Audit, { workspace: { $in: [...workspaceIds] }, finishedAt: null });
    for (const audit of active) await this.delete(em, audit);
  }

  /** Marks the audit RUNNING for a new attempt, unless it was cancelled, finished or deleted. */
  async claim(em: EntityManager, auditId: string): Promise<ClaimedAudit | null> {
    const [row] = await em
      .getConnection()
      .execute<{ attempts: number; kind: AuditKind; input: AuditInputData }[]>(SQL.claim, [auditId]);
    if (!row) return null;
    await this.announceStored(em, auditId);
    return { attempt: row.attempts, kind: row.kind, input: row.input };
  }

  /** True once a cancellation was asked for, or the audit was deleted. */
  async isCancelRequested(em: EntityManager, auditId: string): Promise<boolean> {
    const [row] = await em
      .getConnection()
      .execute<{ cancel_requested_at: Date | null }[]>(SQL.cancelRequested, [auditId]);
    return !row || row.cancel_requested_at !== null;
  }

  /** An audit that was cancelled before any worker claimed it ends CANCELLED. */
  async finishIfCancelRequested(em: EntityManager, auditId: string): Promise<void> {
    const [row] = await em
      .getConnection()
      .execute<{ attempts: number }[]>(SQL.pendingCancellation, [auditId]);
    if (row) await this.finish(em, auditId, row.attempts, AuditStatus.CANCELLED, { stage: 'Cancelled' });
  }

  /** Stores a progress snapshot of the attempt; false when the attempt no longer owns the audit. */
  async recordProgress(
    em: EntityManager,
    auditId: string,
    attempt: number,
    { progress, stage, message }: ProgressSnapshot,
  ): Promise<boolean> {
    const [row] = await em
      .getConnection()
      .execute<{ updated_at: Date }[]>(SQL.recordProgress, [progress, stage, message, auditId, attempt]);
    if (!row) return false;
    await publishProgress(this.pubsub, {
      auditId,
      status: AuditStatus.RUNNING,
      progress,
      stage,
      message,
      error: null,
      at: new Date(row.updated_at).toISOString(),
    });
    return true;
  }

  /**
   * The report and its findings, replacing whatever an earlier attempt stored, in one
   * transaction. `written` is called once that transaction is over, before the end is announced
   * and its listeners run (the worker counts the end there, when readers can already see it).
   */
  async succeed(
    em: EntityManager,
    auditId: string,
    attempt: number,
    report: AuditReport,
    written: () => void = () => undefined,
  ): Promise<void> {
    const stored = await em.transactional(async (tx) => {
      const updated = await tx
        .getConnection()
        .execute<{ id: string }[]>(
          SQL.succeed,
          [
            Math.round(report.score * 10) / 10,
            report.grade,
            JSON.stringify(report.categories),
            JSON.stringify(report.details ?? null),
            auditId,
            attempt,
          ],
          'all',
          tx.getTransactionContext(),
        );
      if (!updated[0]) return false;
      await tx.nativeDelete(Finding, { audit: auditId });
      if (report.findings.length) {
        await tx.insertMany(
          Finding,
          // insertMany skips property initialisers: the id is given explicitly.
          report.findings.map((finding, rank) => ({
            id: randomUUID(),
            audit: auditId,
            rank,
            checkId: finding.checkId,
            category: finding.category,
            severity: Severity[finding.severity],
            title: finding.title.slice(0, 300),
            detail: finding.detail,
            recommendation: finding.recommendation,
            urls: finding.urls,
            pointsLost: finding.pointsLost,
          })),
        );
      }
      return true;
    });
    written();
    if (stored) await this.announceStored(em, auditId);
  }

  /** Ends the attempt as FAILED or CANCELLED (`written` as for `succeed`). */
  async finish(
    em: EntityManager,
    auditId: string,
    attempt: number,
    status: AuditStatus.FAILED | AuditStatus.CANCELLED,
    /** details: what the engine learnt before it stopped (e.g. a SITE audit robots.txt blocked). */
    fields: { stage: string; error?: string; details?: Record<string, unknown> },
    written: () => void = () => undefined,
  ): Promise<void> {
    const details = fields.details ? JSON.stringify(fields.details) : null;
    await em
      .getConnection()
      .execute(SQL.finish, [status, fields.stage, fields.error ?? null, details, auditId, attempt]);
    written();
    await this.announceStored(em, auditId);
  }

  /** Back to the queue with a fresh job, in one transaction (shutdown: spends no retry). */
  async handBack(em: EntityManager, auditId: string, attempt: number): Promise<void> {
    await em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const [claimed] = await connection.execute<{ id: string }[]>(
        SQL.handBack,
        [auditId, attempt],
        'all',
        tx.getTransactionContext(),
      );
      if (!claimed) return;
      const jobId = await this.queue.enqueueAudit(tx, auditId);
      await connection.execute(SQL.setJob, [jobId, auditId], 'all', tx.getTransactionContext());
    });
    await this.announceStored(em, auditId);
  }

  /** Back to QUEUED for the queue to run the same job again (a retry). */
  async requeue(
    em: EntityManager,
    auditId: string,
    attempt: number,
    { stage, message }: { stage: string; message: string },
  ): Promise<void> {
    await em.getConnection().execute(SQL.requeue, [stage, message, auditId, attempt]);
    await this.announceStored(em, auditId);
  }

  /** A job whose every attempt was lost (worker crashes) ends here: say so instead of hanging. */
  async failAbandoned(em: EntityManager, auditId: string): Promise<void> {
    await em.getConnection().execute(SQL.failAbandoned, [auditId]);
    await this.announceStored(em, auditId);
  }

  /** Live progress is best effort once the change is stored: a broker outage fails nothing. */
  async announce(event: AuditProgressEvent): Promise<void> {
    await publishProgress(this.pubsub, event).catch((error: unknown) =>
      this.log.warn({ err: error, auditId: event.auditId }, 'progress event not published'),
    );
  }

  private async announceStored(em: EntityManager, auditId: string): Promise<void> {
    const [row] = await em.getConnection().execute<
      {
        status: AuditStatus;
        progress: number;
        stage: string | null;
        message: string | null;
        error: string | null;
        updated_at: Date;
      }[]
    >(SQL.current, [auditId]);
    if (!row) return;
    await this.announce({
      auditId,
      status: row.status,
      progress: row.progress,
      stage: row.stage,
      message: row.message,
      error: row.error,
      at: new Date(row.updated_at).toISOString(),
    });
    if (TERMINAL_STATUSES.includes(row.status)) await this.tellEnded(em, auditId, row.status);
  }

  /**
   * Tells the listeners that an audit ended. Also called by the sweep for ends a crash kept them
   * from hearing (listeners are idempotent). What builds on an audit's end never fails the
   * worker that ended it.
   */
  async tellEnded(em: EntityManager, auditId: string, status: AuditStatus): Promise<void> {
    for (const listener of this.endedListeners) {
      await listener(em.fork(), auditId, status).catch((error: unknown) =>
        this.log.error({ err: error, auditId }, 'an audit-ended listener failed'),
      );
    }
  }
}
