import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Audit } from '../audits/audit.entity.js';
import { User } from '../users/user.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';

/**
 * A share link to one audit's report: whoever holds its token reads the report without signing
 * in, until it expires or is revoked. Only the SHA-256 of the token is stored (like API keys):
 * the full link is shown once, at creation. It goes with its audit and its workspace.
 */
@Entity({ tableName: 'report_links' })
@Index({ properties: ['audit', 'createdAt'] })
export class ReportLink {
  [OptionalProps]?: 'revokedAt' | 'createdAt' | 'lastUsedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Audit, { deleteRule: 'cascade' })
  audit!: Audit;

  /** Who shared it (an erased account's links stay with the team: set null). */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy!: User | null;

  /** Hex SHA-256 of the token. */
  @Property({ type: 'string', length: 64 })
  @Unique()
  tokenHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  /** When the link last opened the report (null: never). */
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** The full link with its token: set on the link just created, never stored. */
  shareUrl?: string;
}
