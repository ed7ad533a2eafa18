import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User } from '../users/user.entity.js';
import { Workspace, WorkspaceRole } from './workspace.entity.js';

/** The outbox `kind` of invitation emails. */
export const WORKSPACE_INVITATION_MAIL = 'workspace-invitation';

/** Where an invitation stands, derived from its timestamps (see `Invitation.status`). */
export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}

/**
 * An emailed invitation to join a workspace with a role. Only the SHA-256 of its token is
 * stored. It is open until accepted, declined or revoked (expiry is a time, not a write); at
 * most one is open per workspace and address, so inviting again re-issues that one.
 */
@Entity({ tableName: 'workspace_invitations' })
@Index({ properties: ['workspace', 'createdAt'] })
// Erasing an account erases the invitations to its address.
@Index({ properties: ['email'] })
@Unique({
  name: 'workspace_invitations_open_unique',
  properties: ['workspace', 'email'],
  where: { acceptedAt: null, declinedAt: null, revokedAt: null },
})
export class Invitation {
  [OptionalProps]?:
    'createdAt' | 'acceptedAt' | 'declinedAt' | 'revokedAt' | 'invitedBy' | 'acceptedBy' | 'status';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  /** Trimmed and lower-cased, like `User.email`. */
  @Property({ type: 'string', length: 254 })
  email!: string;

  @Enum({ items: () => WorkspaceRole, nativeEnumName: 'workspace_role' })
  role!: WorkspaceRole;

  /** SHA-256 of the token in the emailed link; replaced when the invitation is re-sent. */
  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** Who sent (or last re-sent) it; null once that account is erased. */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  invitedBy: User | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  acceptedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  declinedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  acceptedBy: User | null = null;

  get status(): InvitationStatus {
    if (this.acceptedAt) return InvitationStatus.ACCEPTED;
    if (this.declinedAt) return InvitationStatus.DECLINED;
    if (this.revokedAt) return InvitationStatus.REVOKED;
    return this.expiresAt <= new Date() ? InvitationStatus.EXPIRED : InvitationStatus.PENDING;
  }
}
