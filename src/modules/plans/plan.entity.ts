import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from '../users/user.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Plan } from './plan.js';

/** A workspace's plan when it is not FREE (no row: FREE). */
@Entity({ tableName: 'workspace_plans' })
export class WorkspacePlan {
  [OptionalProps]?: 'updatedAt' | 'updatedById';

  @ManyToOne(() => Workspace, { primary: true, deleteRule: 'cascade' })
  workspace!: Workspace;

  @Enum({ items: () => Plan, nativeEnumName: 'plan' })
  plan!: Plan;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  /** The admin who set it. */
  @Property({ type: 'uuid', nullable: true })
  updatedById: string | null = null;
}

/**
 * One row per audit created, counted for the daily quota of its workspace and (on FREE) of the
 * person who started it. Kept apart from the audits table so that deleting an audit, or its
 * workspace, does not give the quota back; rows older than a day are pruned.
 */
@Entity({ tableName: 'audit_quota_usage' })
@Index({ properties: ['workspace', 'createdAt'] })
@Index({ properties: ['user', 'createdAt'] })
export class AuditQuotaUsage {
  [OptionalProps]?: 'createdAt' | 'user';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { nullable: true, deleteRule: 'set null' })
  workspace!: Workspace | null;

  /** Who started the audit (erased with their account). */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'cascade' })
  user: User | null = null;

  /** The workspace's plan when the audit started. */
  @Enum({ items: () => Plan, nativeEnumName: 'plan' })
  plan!: Plan;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
