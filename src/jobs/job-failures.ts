// A job's unexpected failure is logged and reported to Sentry (tagged with its queue and job id)
// once per attempt, then handed back to pg-boss, which retries it or dead-letters it. A remote's
// failure (RetryableJobError) is logged only. The audit queue reports through its runner, which
// knows the audit (src/modules/audits/audit-runner.ts).
import type { AppLogger } from '../common/logger.js';
import { RetryableJobError } from '../common/retryable-error.js';
import { reportError } from '../infra/sentry.js';

export function reportingFailures<J extends { id: string }, R>(
  queue: string,
  log: AppLogger,
  handler: (jobs: J[]) => Promise<R>,
): (jobs: J[]) => Promise<R> {
  return async (jobs) => {
    try {
      return await handler(jobs);
    } catch (error) {
      const jobId = jobs[0]?.id;
      if (error instanceof RetryableJobError) {
        log.warn({ queue, jobId, reason: error.message }, 'job failed, will be retried');
      } else {
        log.error({ err: error, queue, jobId }, 'job failed');
        reportError(error, { job: queue, jobId });
      }
      throw error;
    }
  };
}
