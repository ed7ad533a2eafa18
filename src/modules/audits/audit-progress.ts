// Live progress: the snapshot stored on the audit row plus an event on the pub/sub topic of
// the audit, so a subscriber starts from the stored state and continues with live events.
import type { PubSub } from '../../infra/pubsub.js';
import type { Audit, AuditStatus } from './audit.entity.js';

export interface AuditProgressEvent {
  auditId: string;
  status: AuditStatus;
  /** 0..1 */
  progress: number;
  stage: string | null;
  message: string | null;
  /** Why the audit FAILED (null otherwise). */
  error: string | null;
  /** ISO timestamp of the state change. */
  at: string;
}

export const progressTopic = (auditId: string) => `audit-progress:${auditId}`;

export function publishProgress(pubsub: PubSub, event: AuditProgressEvent): Promise<void> {
  return pubsub.publish(progressTopic(event.auditId), event);
}

/** The audit's stored state as an event (the first event of every progress stream). */
export function progressEventOf(audit: Audit): AuditProgressEvent {
  return {
    auditId: audit.id,
    status: audit.status,
    progress: audit.progress,
    stage: audit.stage,
    message: audit.message,
    error: audit.error,
    at: audit.updatedAt.toISOString(),
  };
}

/** Progress as stored and published: 0..1 to 3 decimals (finer steps mean nothing on screen). */
export const displayProgress = (progress: number): number =>
  Math.round(Math.min(1, Math.max(0, progress)) * 1000) / 1000;

/** Whether two events say the same thing (their times aside): the second is not worth sending. */
export function sameProgress(a: AuditProgressEvent, b: AuditProgressEvent): boolean {
  return (
    a.status === b.status &&
    a.progress === b.progress &&
    a.stage === b.stage &&
    a.message === b.message &&
    a.error === b.error
  );
}
