import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from '../users/user.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';

/** What a partner key may do; `AUDITS_READ` is `audits:read`, `AUDITS_WRITE` is `audits:write`. */
export enum ApiKeyScope {
  AUDITS_READ = 'AUDITS_READ',
  AUDITS_WRITE = 'AUDITS_WRITE',
}

/**
 * A partner API key. Only the SHA-256 of the secret is stored, next to the public id that
 * starts the key (`aeo_live_<publicId>_…`) and finds the row. A rotated key keeps working
 * until `revokedAt`, which then lies in the future (the grace period).
 */
@Entity({ tableName: 'api_keys' })
@Index({ properties: ['user', 'createdAt'] })
@Index({ properties: ['workspace', 'createdAt'] })
export class ApiKey {
  [OptionalProps]?: 'createdAt' | 'lastUsedAt' | 'revokedAt' | 'expiresAt' | 'replacedById';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The workspace the key acts in, and only there. */
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  /**
   * Who created it: the key never does more than its creator's current role in the workspace
   * allows, and stops when they leave it.
   */
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 16, unique: true })
  publicId!: string;

  @Property({ type: 'string', length: 64 })
  secretHash!: string;

  @Enum({ items: () => ApiKeyScope, array: true })
  scopes!: ApiKeyScope[];

  @Property({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** When the key stops (stopped) working: now on revocation, the grace end on rotation. */
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  /** The key that replaced this one by rotation. */
  @Property({ type: 'uuid', nullable: true })
  replacedById: string | null = null;

  isLive(now = new Date()): boolean {
    return (
      (this.revokedAt === null || this.revokedAt > now) && (this.expiresAt === null || this.expiresAt > now)
    );
  }
}
