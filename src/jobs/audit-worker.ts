// The queue side of running audits: takes audit jobs from pg-boss, hands each to the audits
// module's runner, and on shutdown stops taking jobs and interrupts the running ones (they go
// back to the queue). Jobs whose retries ran out arrive on the dead-letter queue.
import type { JobWithMetadata } from 'pg-boss';
import { Interruption, type AuditRunner } from '../modules/audits/audit-runner.js';
import { tracedJob } from './job-span.js';
import { AUDIT_DEAD_LETTER_QUEUE, AUDIT_QUEUE, type AuditJobData, type JobQueue } from './queue.js';

export class AuditWorker {
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private stopping = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly runner: AuditRunner,
    private readonly concurrency: number,
  ) {}

  async start(): Promise<void> {
    const { boss } = this.queue;
    const options = {
      includeMetadata: true,
      batchSize: 1,
      localConcurrency: this.concurrency,
      pollingIntervalSeconds: 1,
    } as const;
    await boss.work<AuditJobData, unknown, typeof options>(
      AUDIT_QUEUE,
      options,
      tracedJob(AUDIT_QUEUE, async ([job]) => {
        if (job) await this.track(job);
      }),
    );
    await boss.work<AuditJobData>(
      AUDIT_DEAD_LETTER_QUEUE,
      { batchSize: 1 },
      tracedJob(AUDIT_DEAD_LETTER_QUEUE, async ([job]) => {
        if (job) await this.runner.abandon(job.data.auditId);
      }),
    );
  }

  /** Stops taking jobs; running audits stop at their next checkpoint and go back to the queue. */
  async stop(): Promise<void> {
    const { boss } = this.queue;
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
    const done = this.runner.run(
      {
        id: job.id,
        auditId: job.data.auditId,
        retryCount: job.retryCount,
        retryLimit: job.retryLimit,
        signal: job.signal,
      },
      controller,
    );
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
}
