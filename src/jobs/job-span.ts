// Every job handler runs inside a span named after its queue (`webhook-delivery`), with the job's
// id: the SQL, Redis and HTTP spans of the job are its children, and the lines it logs carry its
// trace id. Outermost wrapper, so the failure lines of job-failures.ts carry it too. Without
// tracing (infra/spans.ts) the handler is returned as it is.
import { isTracingEnabled, SpanKind, withSpan } from '../infra/spans.js';

export function tracedJob<J extends { id: string }, R>(
  queue: string,
  handler: (jobs: J[]) => Promise<R>,
): (jobs: J[]) => Promise<R> {
  if (!isTracingEnabled()) return handler;
  return (jobs) =>
    withSpan(
      queue,
      {
        'messaging.system': 'pg-boss',
        'messaging.operation.type': 'process',
        'messaging.destination.name': queue,
        ...(jobs.length === 1
          ? { 'messaging.message.id': jobs[0]!.id }
          : { 'messaging.batch.message_count': jobs.length }),
      },
      () => handler(jobs),
      SpanKind.CONSUMER,
    );
}
