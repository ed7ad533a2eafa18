// Runs one attempt of an audit job: claims the audit, runs its engine with progress and
// cancellation, stores the report, and classifies failures (user-fixable → FAILED at once;
// transient → retried with backoff; a dead worker's job → picked up again after its heartbeat
// stops). The queue wiring (jobs/) hands jobs in; every state change goes through the lifecycle.
import type { MikroORM } from '@mikro-orm/postgresql';
import { AuditInputError, type ProgressUpdate } from '../../audit-engine/report.js';
import { AllEnginesFailedError } from '../../audit-engine/visibility/index.js';
import type { AppLogger } from '../../common/logger.js';
import { reportError } from '../../infra/sentry.js';
import { withSpan } from '../../infra/spans.js';
import type { Span } from '@opentelemetry/api';
import type { AuditEngine } from './audit-engines.js';
import type { AuditLifecycle } from './audit-lifecycle.js';
import type { AuditMetrics } from './audit-metrics.js';
import { displayProgress } from './audit-progress.js';
import { AuditStatus, type AuditKind } from './audit.entity.js';

const PROGRESS_WRITE_INTERVAL_MS = 250;
const CANCEL_POLL_INTERVAL_MS = 1_000;

/** Why a running audit was interrupted (the AbortSignal's reason). */
export class Interruption extends Error {
  constructor(readonly kind: 'cancelled' | 'shutdown' | 'lost') {
    super(`audit interrupted: ${kind}`);
  }
}

/** One delivery of an audit job, as the queue hands it in. */
export interface AuditJob {
  id: string;
  auditId: string;
  retryCount: number;
  retryLimit: number;
  /** Aborted by the queue when it gives up on this copy of the job (expiry). */
  signal: AbortSignal;
}

export interface AuditRunnerDependencies {
  orm: MikroORM;
  lifecycle: AuditLifecycle;
  engines: Record<AuditKind, AuditEngine>;
  log: AppLogger;
  metrics?: AuditMetrics;
}

export class AuditRunner {
  constructor(private readonly deps: AuditRunnerDependencies) {}

  /**
   * Runs the job until the audit ends or is handed back. Throws to ask the queue for a retry
   * (a transient error, or this copy of the job was lost). Aborting `controller` with an
   * `Interruption('shutdown')` hands the audit back to the queue at its next checkpoint.
   */
  run(job: AuditJob, controller: AbortController): Promise<void> {
    // With tracing on, one span per attempt (the engine's fetches and the SQL are its children).
    return withSpan('audit.run', { 'aeo.audit.id': job.auditId, 'aeo.audit.retry': job.retryCount }, (span) =>
      this.attempt(job, controller, span),
    );
  }

  private async attempt(job: AuditJob, controller: AbortController, span: Span | null): Promise<void> {
    const { lifecycle } = this.deps;
    const em = () => this.deps.orm.em.fork();
    const { auditId } = job;
    const log = this.deps.log.child({ auditId, jobId: job.id, retry: job.retryCount });
    const claimed = await lifecycle.claim(em(), auditId);
    if (!claimed) {
      await lifecycle.finishIfCancelRequested(em(), auditId);
      return;
    }
    const { attempt, kind } = claimed;
    span?.setAttributes({ 'aeo.audit.kind': kind, 'aeo.audit.attempt': attempt });
    const lost = () => controller.abort(new Interruption('lost'));
    job.signal.addEventListener('abort', lost, { once: true });
    const progress = new ProgressWriter(
      (snapshot) => lifecycle.recordProgress(em(), auditId, attempt, snapshot),
      lost,
      log,
    );
    const cancelPoll = setInterval(() => {
      lifecycle.isCancelRequested(em(), auditId).then(
        (cancel) => {
          if (cancel) controller.abort(new Interruption('cancelled'));
        },
        // A database hiccup skips one poll; the next one (or the progress write) tries again.
        (error: unknown) => log.warn({ err: error }, 'cancel poll failed'),
      );
    }, CANCEL_POLL_INTERVAL_MS);
    log.info({ kind, attempt }, 'audit started');
    const startedAt = Date.now();
    const ended = (status: AuditStatus) => {
      span?.setAttribute('aeo.audit.outcome', status);
      this.deps.metrics?.ended(kind, status, startedAt);
    };
    const requeued = () => {
      span?.setAttribute('aeo.audit.outcome', 'REQUEUED');
      this.deps.metrics?.requeued(kind);
    };
    const { metrics } = this.deps;

    try {
      const report = await this.deps.engines[kind](claimed.input, {
        signal: controller.signal,
        onProgress: (update) => progress.update(update),
        ...(metrics && {
          onPageFetched: (page) => metrics.pageFetched(page),
          onEngineCall: (engine, outcome) => metrics.engineCall(engine, outcome),
        }),
      });
      metrics?.pagesBlocked(robotsSkips(report.details));
      await progress.close();
      await lifecycle.succeed(em(), auditId, attempt, report, () => ended(AuditStatus.SUCCEEDED));
      log.info({ score: report.score, findings: report.findings.length }, 'audit succeeded');
    } catch (error) {
      await progress.close();
      const reason: unknown = controller.signal.reason;
      const interruption = reason instanceof Interruption ? reason : null;
      if (interruption?.kind === 'cancelled') {
        await lifecycle.finish(em(), auditId, attempt, AuditStatus.CANCELLED, { stage: 'Cancelled' }, () =>
          ended(AuditStatus.CANCELLED),
        );
        log.info('audit cancelled');
        return;
      }
      if (interruption?.kind === 'shutdown') {
        // A fresh job carries the audit on: shutdowns are not failures and spend no retry.
        await lifecycle.handBack(em(), auditId, attempt);
        requeued();
        return;
      }
      if (interruption) {
        // The queue gave up on this copy (expired or handed to another worker): it runs the job again.
        await lifecycle.requeue(em(), auditId, attempt, {
          stage: 'Waiting for a worker',
          message: 'The worker lost the audit; it will resume',
        });
        requeued();
        throw interruption;
      }
      if (error instanceof AuditInputError) metrics?.pagesBlocked(robotsSkips(error.details));
      if (error instanceof AuditInputError || error instanceof AllEnginesFailedError) {
        await lifecycle.finish(
          em(),
          auditId,
          attempt,
          AuditStatus.FAILED,
          {
            stage: 'Failed',
            error: error.message,
            ...(error instanceof AuditInputError && error.details ? { details: error.details } : {}),
          },
          () => ended(AuditStatus.FAILED),
        );
        log.info({ reason: error.message }, 'audit failed');
        return;
      }
      log.error({ err: error }, 'audit attempt failed');
      reportError(error, { auditId });
      if (job.retryCount >= job.retryLimit) {
        await lifecycle.finish(
          em(),
          auditId,
          attempt,
          AuditStatus.FAILED,
          {
            stage: 'Failed',
            error: `An internal error stopped the audit after ${job.retryCount + 1} attempts; please try again later`,
          },
          () => ended(AuditStatus.FAILED),
        );
        return;
      }
      await lifecycle.requeue(em(), auditId, attempt, {
        stage: 'Retrying after an error',
        message: 'An internal error interrupted the audit; retrying',
      });
      requeued();
      throw error;
    } finally {
      clearInterval(cancelPoll);
      job.signal.removeEventListener('abort', lost);
    }
  }

  /** A job whose every attempt was lost (the queue dead-lettered it). */
  async abandon(auditId: string): Promise<void> {
    await this.deps.lifecycle.failAbandoned(this.deps.orm.em.fork(), auditId);
  }
}

/** URLs of a SITE audit that robots.txt kept the crawler from (its details' skippedTotal.robots). */
function robotsSkips(details: Record<string, unknown> | undefined): number {
  const skipped = details?.skippedTotal as Partial<Record<string, unknown>> | undefined;
  return typeof skipped?.robots === 'number' ? skipped.robots : 0;
}

interface Snapshot {
  progress: number;
  stage: string;
  message: string | null;
}

/**
 * Stores progress snapshots (at most every 250 ms) in order, rounded for display, and skips a
 * snapshot equal to the last one stored (the claim's "Starting" state first): subscribers never
 * get two identical events in a row. A write that finds the audit no longer running under this
 * attempt means another worker owns it now.
 */
class ProgressWriter {
  private latest: ProgressUpdate | null = null;
  private written: Snapshot = { progress: 0, stage: 'Starting', message: null };
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly record: (snapshot: Snapshot) => Promise<boolean>,
    private readonly onLost: () => void,
    private readonly log: AppLogger,
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
    const snapshot: Snapshot = {
      progress: displayProgress(update.progress),
      stage: update.stage.slice(0, 200),
      message: update.message?.slice(0, 500) ?? null,
    };
    const last = this.written;
    if (
      snapshot.progress === last.progress &&
      snapshot.stage === last.stage &&
      snapshot.message === last.message
    ) {
      return;
    }
    this.written = snapshot;
    this.chain = this.chain
      .then(async () => {
        const owned = await this.record(snapshot);
        if (!owned) this.onLost();
      })
      .catch((error: unknown) => this.log.warn({ err: error }, 'progress write failed'));
  }
}
