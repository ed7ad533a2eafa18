// Runs audit jobs: claims the audit, runs its engine with progress and cancellation, stores
// the report, and classifies failures (user-fixable → FAILED at once; transient → retried
// with backoff; a dead worker's job → picked up again after its heartbeat stops).
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { JobWithMetadata } from 'pg-boss';
import { AuditInputError, type AuditReport, type ProgressUpdate } from '../audit-engine/report.js';
import { AllEnginesFailedError } from '../audit-engine/visibility/index.js';
import type { Config } from '../config.js';
import type { AppLogger } from '../infra/logger.js';
import type { PubSub } from '../infra/pubsub.js';
import { reportError } from '../infra/sentry.js';
import { AuditStatus, type AuditInputData, type AuditKind } from '../modules/audits/audit.entity.js';
import { Finding, Severity } from '../modules/audits/finding.entity.js';
import type { AuditEngine } from './audit-engines.js';
import type { AuditMetrics } from './audit-metrics.js';
import { publishProgress, type AuditProgressEvent } from './progress.js';
import { AUDIT_DEAD_LETTER_QUEUE, AUDIT_QUEUE, type AuditJobData, type JobQueue } from './queue.js';

/** Why a running audit was interrupted (the AbortSignal's reason). */
class Interruption extends Error {
  constructor(readonly kind: 'cancelled' | 'shutdown' | 'lost') {
    super(`audit interrupted: ${kind}`);
  }
}

const PROGRESS_WRITE_INTERVAL_MS = 250;
const CANCEL_POLL_INTERVAL_MS = 1_000;

export interface AuditWorkerDependencies {
  orm: MikroORM;
  queue: JobQueue;
  pubsub: PubSub;
  engines: Record<AuditKind, AuditEngine>;
  log: AppLogger;
  config: Config['worker'];
  metrics?: AuditMetrics;
}

interface ClaimedAudit {
  attempt: number;
  kind: AuditKind;
  input: AuditInputData;
}

export class AuditWorker {
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private stopping = false;

  constructor(private readonly deps: AuditWorkerDependencies) {}

  async start(): Promise<void> {
    const { boss } = this.deps.queue;
    const options = {
      includeMetadata: true,
      batchSize: 1,
      localConcurrency: this.deps.config.concurrency,
      pollingIntervalSeconds: 1,
    } as const;
    await boss.work<AuditJobData, unknown, typeof options>(AUDIT_QUEUE, options, async ([job]) => {
      if (job) await this.track(job);
    });
    await boss.work<AuditJobData>(AUDIT_DEAD_LETTER_QUEUE, { batchSize: 1 }, async ([job]) => {
      if (job) await this.failAbandoned(job.data.auditId);
    });
  }

  /** Stops taking jobs; running audits stop at their next checkpoint and go back to the queue. */
  async stop(): Promise<void> {
    const { boss } = this.deps.queue;
    this.stopping = true;
    await boss.offWork(AUDIT_QUEUE, { wait: false });
    await boss.offWork(AUDIT_DEAD_LETTER_QUEUE, { wait: false });
    for (const { controller } of this.active.values()) controller.abort(new Interruption('shutdown'));
    await Promise.allSettled([...this.active.values()].map(({ done }) => done));
  }

  private async track(job: JobWithMetadata<AuditJobData>): Promise<void> {
    // Fetched while stopping: leave it to another worker (pg-boss runs it again).
    if (this.stopping) throw new Interruption('shutdown');
    const controller = new AbortController();
    const done = this.run(job, controller);
    this.active.set(job.id, {
      controller,
      done: done.then(
        () => undefined,
        () => undefined,
      ),
    });
    try {
      await done;
    } finally {
      this.active.delete(job.id);
    }
  }

  private async run(job: JobWithMetadata<AuditJobData>, controller: AbortController): Promise<void> {
    const { auditId } = job.data;
    const log = this.deps.log.child({ auditId, jobId: job.id, retry: job.retryCount });
    const claimed = await this.claim(auditId);
    if (!claimed) {
      await this.finishIfCancelRequested(auditId);
      return;
    }
    const { attempt } = claimed;
    // pg-boss aborts the job's signal when it gives up on it (expiry): this copy is lost.
    job.signal.addEventListener('abort', () => controller.abort(new Interruption('lost')), { once: true });
    const progress = new ProgressWriter(this.deps, auditId, attempt, () =>
      controller.abort(new Interruption('lost')),
    );
    const cancelPoll = setInterval(() => {
      this.cancelRequested(auditId).then(
        (cancel) => {
          if (cancel) controller.abort(new Interruption('cancelled'));
        },
        // A database hiccup skips one poll; the next one (or the progress write) tries again.
        (error: unknown) => log.warn({ err: error }, 'cancel poll failed'),
      );
    }, CANCEL_POLL_INTERVAL_MS);
    log.info({ kind: claimed.kind, attempt }, 'audit started');
    const startedAt = Date.now();
    const ended = (status: AuditStatus) => this.deps.metrics?.ended(claimed.kind, status, startedAt);

    try {
      const report = await this.deps.engines[claimed.kind](claimed.input, {
        signal: controller.signal,
        onProgress: (update) => progress.update(update),
      });
      await progress.close();
      await this.succeed(auditId, attempt, report);
      ended(AuditStatus.SUCCEEDED);
      log.info({ score: report.score, findings: report.findings.length }, 'audit succeeded');
    } catch (error) {
      await progress.close();
      const interruption = controller.signal.reason instanceof Interruption ? controller.signal.reason : null;
      if (interruption?.kind === 'cancelled') {
        await this.finish(auditId, attempt, AuditStatus.CANCELLED, { stage: 'Cancelled' });
        ended(AuditStatus.CANCELLED);
        log.info('audit cancelled');
        return;
      }
      if (interruption?.kind === 'shutdown') {
        // A fresh job carries the audit on: shutdowns are not failures and spend no retry.
        await this.handBack(auditId, attempt, claimed.kind);
        return;
      }
      if (interruption) {
        // pg-boss gave up on this copy (expired or handed to another worker): it runs the job again.
        await this.requeue(auditId, attempt, claimed.kind, {
          stage: 'Waiting for a worker',
          message: 'The worker lost the audit; it will resume',
        });
        throw interruption;
      }
      if (error instanceof AuditInputError || error instanceof AllEnginesFailedError) {
        await this.finish(auditId, attempt, AuditStatus.FAILED, { stage: 'Failed', error: error.message });
        ended(AuditStatus.FAILED);
        log.info({ reason: error.message }, 'audit failed');
        return;
      }
      log.error({ err: error }, 'audit attempt failed');
      reportError(error, {});
      if (job.retryCount >= job.retryLimit) {
        await this.finish(auditId, attempt, AuditStatus.FAILED, {
          stage: 'Failed',
          error: `An internal error stopped the audit after ${job.retryCount + 1} attempts; please try again later`,
        });
        ended(AuditStatus.FAILED);
        return;
      }
      await this.requeue(auditId, attempt, claimed.kind, {
        stage: 'Retrying after an error',
        message: 'An internal error interrupted the audit; retrying',
      });
      throw error;
    } finally {
      clearInterval(cancelPoll);
    }
  }

  /** Marks the audit RUNNING for this attempt, unless it was cancelled, finished or deleted. */
  private async claim(auditId: string): Promise<ClaimedAudit | null> {
    const rows = await this.deps.orm.em
      .fork()
      .getConnection()
      .execute<{ attempts: number; kind: AuditKind; input: AuditInputData }[]>(
        `update audits set status = 'RUNNING', attempts = attempts + 1, started_at = coalesce(started_at, now()),
         progress = 0, stage = 'Starting', message = null, error = null, updated_at = now()
       where id = ? and status in ('QUEUED', 'RUNNING') and cancel_requested_at is null
       returning attempts, kind, input`,
        [auditId],
      );
    const row = rows[0];
    if (!row) return null;
    await this.publishCurrent(auditId);
    return { attempt: row.attempts, kind: row.kind, input: row.input };
  }

  private async cancelRequested(auditId: string): Promise<boolean> {
    const rows = await this.deps.orm.em
      .fork()
      .getConnection()
      .execute<{ cancel_requested_at: Date | null }[]>(
        'select cancel_requested_at from audits where id = ?',
        [auditId],
      );
    // A deleted audit is as good as cancelled.
    return !rows[0] || rows[0].cancel_requested_at !== null;
  }

  private async finishIfCancelRequested(auditId: string): Promise<void> {
    const rows = await this.deps.orm.em
      .fork()
      .getConnection()
      .execute<{ attempts: number }[]>(
        `select attempts from audits where id = ? and status in ('QUEUED', 'RUNNING') and cancel_requested_at is not null`,
        [auditId],
      );
    if (rows[0]) await this.finish(auditId, rows[0].attempts, AuditStatus.CANCELLED, { stage: 'Cancelled' });
  }

  private async succeed(auditId: string, attempt: number, report: AuditReport): Promise<void> {
    const em = this.deps.orm.em.fork();
    const stored = await em.transactional(async (tx) => {
      const updated = await tx.getConnection().execute<{ id: string }[]>(
        `update audits set status = 'SUCCEEDED', progress = 1, stage = 'Done', message = null, score = ?, grade = ?,
           categories = ?, details = ?, finished_at = now(), updated_at = now()
         where id = ? and status = 'RUNNING' and attempts = ? returning id`,
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
      // A retried attempt replaces whatever an earlier one stored.
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
    if (stored) await this.publishCurrent(auditId);
  }

  private async finish(
    auditId: string,
    attempt: number,
    status: AuditStatus,
    fields: { stage: string; error?: string },
  ): Promise<void> {
    await this.deps.orm.em
      .fork()
      .getConnection()
      .execute(
        `update audits set status = ?, stage = ?, error = ?, message = null, finished_at = now(), updated_at = now()
       where id = ? and status in ('QUEUED', 'RUNNING') and attempts = ?`,
        [status, fields.stage, fields.error ?? null, auditId, attempt],
      );
    await this.publishCurrent(auditId);
  }

  /** Puts the audit back in the queue with a new job, in one transaction (shutdown). */
  private async handBack(auditId: string, attempt: number, kind: AuditKind): Promise<void> {
    await this.deps.orm.em.fork().transactional(async (tx) => {
      const connection = tx.getConnection();
      const claimed = await connection.execute<{ id: string }[]>(
        `update audits set status = 'QUEUED', stage = 'Waiting for a worker',
           message = 'The worker restarted; the audit will resume', updated_at = now()
         where id = ? and status = 'RUNNING' and attempts = ? returning id`,
        [auditId, attempt],
        'all',
        tx.getTransactionContext(),
      );
      if (!claimed[0]) return;
      const jobId = await this.deps.queue.enqueueAudit(tx, auditId);
      await connection.execute(
        'update audits set job_id = ? where id = ?',
        [jobId, auditId],
        'all',
        tx.getTransactionContext(),
      );
    });
    this.deps.metrics?.requeued(kind);
    await this.publishCurrent(auditId);
  }

  /** Back to QUEUED for pg-boss to run the same job again (a retry). */
  private async requeue(
    auditId: string,
    attempt: number,
    kind: AuditKind,
    { stage, message }: { stage: string; message: string },
  ): Promise<void> {
    await this.deps.orm.em
      .fork()
      .getConnection()
      .execute(
        `update audits set status = 'QUEUED', stage = ?, message = ?, updated_at = now()
       where id = ? and status = 'RUNNING' and attempts = ?`,
        [stage, message, auditId, attempt],
      );
    this.deps.metrics?.requeued(kind);
    await this.publishCurrent(auditId);
  }

  /** A job whose every attempt was lost (worker crashes) ends here: say so instead of hanging. */
  private async failAbandoned(auditId: string): Promise<void> {
    await this.deps.orm.em
      .fork()
      .getConnection()
      .execute(
        `update audits set finished_at = now(), updated_at = now(),
           status = case when cancel_requested_at is null then 'FAILED' else 'CANCELLED' end::audit_status,
           stage = case when cancel_requested_at is null then 'Failed' else 'Cancelled' end,
           error = case when cancel_requested_at is null then 'The audit could not be completed: the workers running it stopped responding ' || attempts || ' times. Please try again.' end
         where id = ? and status in ('QUEUED', 'RUNNING')`,
        [auditId],
      );
    await this.publishCurrent(auditId);
  }

  private async publishCurrent(auditId: string): Promise<void> {
    const rows = await this.deps.orm.em.fork().getConnection().execute<
      {
        status: AuditStatus;
        progress: number;
        stage: string | null;
        message: string | null;
        updated_at: Date;
      }[]
    >('select status, progress, stage, message, updated_at from audits where id = ?', [auditId]);
    const row = rows[0];
    if (!row) return;
    await publishProgress(this.deps.pubsub, {
      auditId,
      status: row.status,
      progress: row.progress,
      stage: row.stage,
      message: row.message,
      at: new Date(row.updated_at).toISOString(),
    });
  }
}

/**
 * Stores progress snapshots (at most every 250 ms) and publishes them, in order. A write that
 * finds the audit no longer running under this attempt means another worker owns it now.
 */
class ProgressWriter {
  private latest: ProgressUpdate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: AuditWorkerDependencies,
    private readonly auditId: string,
    private readonly attempt: number,
    private readonly onLost: () => void,
  ) {}

  update(update: ProgressUpdate): void {
    const stageChanged = update.stage !== this.latest?.stage;
    this.latest = update;
    if (stageChanged) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), PROGRESS_WRITE_INTERVAL_MS);
  }

  async close(): Promise<void> {
    this.flush();
    await this.chain;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const update = this.latest;
    if (!update) return;
    this.chain = this.chain
      .then(() => this.write(update))
      .catch((error: unknown) => {
        this.deps.log.warn({ err: error, auditId: this.auditId }, 'progress write failed');
      });
  }

  private async write(update: ProgressUpdate): Promise<void> {
    const progress = Math.min(1, Math.max(0, update.progress));
    const stage = update.stage.slice(0, 200);
    const message = update.message?.slice(0, 500) ?? null;
    const rows = await this.deps.orm.em
      .fork()
      .getConnection()
      .execute<{ updated_at: Date }[]>(
        `update audits set progress = ?, stage = ?, message = ?, updated_at = now()
       where id = ? and status = 'RUNNING' and attempts = ? returning updated_at`,
        [progress, stage, message, this.auditId, this.attempt],
      );
    if (!rows[0]) return this.onLost();
    const event: AuditProgressEvent = {
      auditId: this.auditId,
      status: AuditStatus.RUNNING,
      progress,
      stage,
      message,
      at: new Date(rows[0].updated_at).toISOString(),
    };
    await publishProgress(this.deps.pubsub, event);
  }
}
