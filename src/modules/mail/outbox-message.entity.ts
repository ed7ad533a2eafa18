import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export enum OutboxStatus {
  /** Waiting for the mail job (or its retry). */
  QUEUED = 'QUEUED',
  /** Handed to the SMTP server. */
  SENT = 'SENT',
  /** No SMTP_URL: kept here (and logged) for a local user to read. */
  STORED = 'STORED',
  /** Every retry failed. */
  FAILED = 'FAILED',
}

/**
 * Every email the service sends, written in the transaction that causes it and delivered by a
 * job: nothing is sent inline, and nothing is lost when SMTP is down (the job retries).
 */
@Entity({ tableName: 'mail_outbox' })
@Index({ properties: ['toAddress', 'createdAt'] })
export class OutboxMessage {
  [OptionalProps]?: 'status' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 254 })
  toAddress!: string;

  /** What the message is for, e.g. `password-reset` (for logs and tests). */
  @Property({ type: 'string', length: 64 })
  kind!: string;

  @Property({ type: 'string', length: 200 })
  subject!: string;

  /** Once SENT, its links' tokens are removed (a copy in the database must not work). */
  @Property({ type: 'text' })
  text!: string;

  @Enum({ items: () => OutboxStatus, nativeEnumName: 'outbox_status' })
  status: OutboxStatus = OutboxStatus.QUEUED;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;
}
