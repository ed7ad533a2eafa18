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
    at: audit.updatedAt.toISOString(),
  };
}
