// Writing the security log. A failed write never fails the caller's request: it is logged
// and the request goes on. Writes go through a fork of the caller's EntityManager, which does
// not join the caller's transaction, so an event survives that transaction's rollback.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../auth/viewer.js';
import type { AppLogger } from '../../common/logger.js';
import type { RateLimitStore } from '../../infra/rate-limit/index.js';
import { SecurityEvent, SecurityEventType } from './security-event.entity.js';

export { SecurityEventType };

/** Rows deleted per statement by the retention job: short transactions, no long lock. */
const RETENTION_BATCH = 5_000;

export interface SecurityEventInput {
  type: SecurityEventType;
  userId?: string | null;
  actorId?: string | null;
  email?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown> | null;
}

/** Where a request came from, as the log records it. */
export type RequestOrigin = Pick<SecurityEventInput, 'ip' | 'userAgent' | 'requestId'>;

export function originOf(ctx: Pick<RequestContext, 'ip' | 'userAgent' | 'requestId'>): RequestOrigin {
  return { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
}

export async function recordSecurityEvent(
  em: EntityManager,
  event: SecurityEventInput,
  log?: Pick<AppLogger, 'error'>,
): Promise<void> {
  try {
    await em.fork().insert(SecurityEvent, {
      id: randomUUID(),
      type: event.type,
      userId: event.userId ?? null,
      actorId: event.actorId ?? null,
      email: event.email?.slice(0, 254) ?? null,
      ip: event.ip?.slice(0, 64) || null,
      userAgent: event.userAgent?.slice(0, 512) ?? null,
      requestId: event.requestId?.slice(0, 128) ?? null,
      details: event.details ?? null,
      createdAt: new Date(),
    });
  } catch (error) {
    log?.error({ err: error, securityEvent: event.type }, 'could not write a security event');
  }
}

/**
 * Records a refusal event of the current request at most once per `windowMs` for `key`, across
 * replicas (the rate-limit store counts): a refusal repeats with every call and every alias,
 * the log needs it once. Without the store's answer it records (the log errs on the side of
 * telling).
 */
export async function recordRefusalOnce(
  ctx: RequestContext,
  store: Pick<RateLimitStore, 'hit'>,
  key: string,
  windowMs: number,
  event: SecurityEventInput,
): Promise<void> {
  const first = await store.hit(`security-log:${key}`, 1, windowMs).then(
    (decision) => decision.allowed,
    () => true,
  );
  if (first) await recordRequestEvent(ctx, event);
}

/** Deletes the events older than `before`, in batches; returns how many went. */
export async function deleteSecurityEventsBefore(em: EntityManager, before: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `delete from security_events where id in (
         select id from security_events where created_at < ? order by created_at limit ${RETENTION_BATCH}
       ) returning id`,
      [before],
    );
    deleted += rows.length;
    if (rows.length < RETENTION_BATCH) return deleted;
  }
}

/** Records an event of the current request: its origin and viewer (as actor) filled in. */
export function recordRequestEvent(ctx: RequestContext, event: SecurityEventInput): Promise<void> {
  return recordSecurityEvent(
    ctx.em,
    { ...originOf(ctx), actorId: ctx.viewer?.userId ?? null, ...event },
    ctx.log,
  );
}
