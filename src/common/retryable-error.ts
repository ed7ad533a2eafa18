/**
 * A job failed because a remote service did (an SMTP outage, say): the queue retries it and the
 * log records it, but it is not a defect of ours, so it is not reported to Sentry.
 */
export class RetryableJobError extends Error {
  override name = 'RetryableJobError';
}
