import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from '../users/user.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';

export enum WebhookEvent {
  AUDIT_SUCCEEDED = 'AUDIT_SUCCEEDED',
  AUDIT_FAILED = 'AUDIT_FAILED',
  AUDIT_CANCELLED = 'AUDIT_CANCELLED',
  ALERT = 'ALERT',
}

/** The `aeo-event` header and the payload's `event`: `audit.succeeded`, …, `alert`. */
export const eventName = (event: WebhookEvent): string => event.toLowerCase().replace('_', '.');

export enum DeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/**
 * An endpoint of a workspace that receives signed events, for all its audits or one project's.
 * The signing secret is stored encrypted (webhook-signature.ts); during a rotation the previous
 * one signs too until `previousSecretExpiresAt`.
 */
@Entity({ tableName: 'webhooks' })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
export class Webhook {
  [OptionalProps]?:
    | 'projectId'
    | 'enabled'
    | 'disabledReason'
    | 'consecutiveFailures'
    | 'previousSecret'
    | 'previousSecretExpiresAt'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  /** Who created it (erased with their account only when the workspace goes too: set null). */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy!: User | null;

  /** Only this project's events (null: every audit of the workspace). A plain id: projects come first. */
  @Property({ type: 'uuid', nullable: true })
  projectId: string | null = null;

  @Property({ type: 'string', length: 2048 })
  url!: string;

  @Enum({ items: () => WebhookEvent, array: true })
  events!: WebhookEvent[];

  /** The signing secret, encrypted with the installation's key. */
  @Property({ type: 'text' })
  secret!: string;

  @Property({ type: 'text', nullable: true })
  previousSecret: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  previousSecretExpiresAt: Date | null = null;

  @Property({ type: 'boolean' })
  enabled = true;

  /** Why it was disabled (e.g. after too many failed deliveries); null when enabled. */
  @Property({ type: 'string', length: 500, nullable: true })
  disabledReason: string | null = null;

  @Property({ type: 'integer' })
  consecutiveFailures = 0;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** One event for one webhook: its payload, attempts and outcome (the delivery log). */
@Entity({ tableName: 'webhook_deliveries' })
@Index({ properties: ['webhook', 'createdAt', 'id'] })
// One delivery per webhook and ended audit, however often the end is heard (the sweep relies on it).
@Index({
  name: 'webhook_deliveries_audit_event_unique',
  expression:
    'create unique index "webhook_deliveries_audit_event_unique" on "webhook_deliveries" ("webhook_id", "audit_id") where "audit_id" is not null',
})
export class WebhookDelivery {
  [OptionalProps]?:
    | 'status'
    | 'attempts'
    | 'responseStatus'
    | 'error'
    | 'lastAttemptAt'
    | 'deliveredAt'
    | 'nextAttemptAt'
    | 'auditId'
    | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Webhook, { deleteRule: 'cascade' })
  webhook!: Webhook;

  @Enum({ items: () => WebhookEvent, nativeEnumName: 'webhook_event' })
  event!: WebhookEvent;

  /** The ended audit an audit event is about (null for alerts and redeliveries). */
  @Property({ type: 'uuid', nullable: true })
  auditId: string | null = null;

  /** The exact JSON body sent (and signed). */
  @Property({ type: 'text' })
  body!: string;

  @Enum({ items: () => DeliveryStatus, nativeEnumName: 'webhook_delivery_status' })
  status: DeliveryStatus = DeliveryStatus.PENDING;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'integer', nullable: true })
  responseStatus: number | null = null;

  @Property({ type: 'string', length: 1000, nullable: true })
  error: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastAttemptAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
