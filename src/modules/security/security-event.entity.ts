import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export enum SecurityEventType {
  LOGIN_SUCCEEDED = 'LOGIN_SUCCEEDED',
  LOGIN_FAILED = 'LOGIN_FAILED',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  PASSWORD_RESET_REQUESTED = 'PASSWORD_RESET_REQUESTED',
  PASSWORD_RESET = 'PASSWORD_RESET',
  EMAIL_VERIFIED = 'EMAIL_VERIFIED',
  EMAIL_CHANGED = 'EMAIL_CHANGED',
  ACCOUNT_EXPORTED = 'ACCOUNT_EXPORTED',
  ACCOUNT_DELETED = 'ACCOUNT_DELETED',
  WORKSPACE_ROLE_CHANGED = 'WORKSPACE_ROLE_CHANGED',
  WORKSPACE_MEMBER_REMOVED = 'WORKSPACE_MEMBER_REMOVED',
  INVITATION_SENT = 'INVITATION_SENT',
  INVITATION_ACCEPTED = 'INVITATION_ACCEPTED',
  INVITATION_DECLINED = 'INVITATION_DECLINED',
  INVITATION_REVOKED = 'INVITATION_REVOKED',
  SESSION_REVOKED = 'SESSION_REVOKED',
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  API_KEY_CREATED = 'API_KEY_CREATED',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
  API_KEY_ROTATED = 'API_KEY_ROTATED',
  REVOKED_API_KEY_USED = 'REVOKED_API_KEY_USED',
  ROLE_CHANGED = 'ROLE_CHANGED',
  PLAN_CHANGED = 'PLAN_CHANGED',
  USER_DEACTIVATED = 'USER_DEACTIVATED',
  USER_REACTIVATED = 'USER_REACTIVATED',
  RATE_LIMITED = 'RATE_LIMITED',
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  WORKSPACE_DELETED = 'WORKSPACE_DELETED',
}

/**
 * One security-relevant event, append-only. User ids are plain columns (no foreign keys):
 * the log outlives what it talks about, and a failed login may name no account at all.
 */
@Entity({ tableName: 'security_events' })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['type', 'createdAt', 'id'] })
@Index({ properties: ['userId', 'createdAt', 'id'] })
export class SecurityEvent {
  [OptionalProps]?:
    'userId' | 'actorId' | 'email' | 'ip' | 'userAgent' | 'requestId' | 'details' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => SecurityEventType, nativeEnumName: 'security_event_type' })
  type!: SecurityEventType;

  /** The account the event is about. */
  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  /** Who caused it when that is someone else (an admin changing a role). */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  /** The address a failed login attempted, or an invitation went to (the log is admin-only). */
  @Property({ type: 'string', length: 254, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'string', length: 128, nullable: true })
  requestId: string | null = null;

  @Property({ type: 'json', nullable: true })
  details: Record<string, unknown> | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
