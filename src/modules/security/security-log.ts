// Writing the security log. A failed write never fails the caller's request: it is logged
// and the request goes on. Writes go through a fork of the caller's EntityManager, which does
// not join the caller's transaction, so an event survives that transaction's rollback.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../auth/viewer.js';
import type { AppLogger } from '../../common/logger.js';
import { SecurityEvent, SecurityEventType } from './security-event.entity.js';

export { SecurityEventType };

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

/** Records an event of the current request: its origin and viewer (as actor) filled in. */
export function recordRequestEvent(ctx: RequestContext, event: SecurityEventInput): Promise<void> {
  return recordSecurityEvent(
    ctx.em,
    { ...originOf(ctx), actorId: ctx.viewer?.user.id ?? null, ...event },
    ctx.log,
  );
}
