import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from '../users/user.entity.js';

/** What a member may do, most powerful first (see ROLE_RANK). */
export enum WorkspaceRole {
  /** Everything: members and their roles (OWNER included), billing and plan, deletion. */
  OWNER = 'OWNER',
  /** Members (not OWNERs), API keys, webhooks. */
  ADMIN = 'ADMIN',
  /** Creates and runs audits and projects. */
  MEMBER = 'MEMBER',
  /** Reads only. */
  VIEWER = 'VIEWER',
}

/** Higher is more: `atLeast(role, WorkspaceRole.MEMBER)`. */
export const ROLE_RANK: Record<WorkspaceRole, number> = { OWNER: 4, ADMIN: 3, MEMBER: 2, VIEWER: 1 };

export const atLeast = (role: WorkspaceRole, required: WorkspaceRole): boolean =>
  ROLE_RANK[role] >= ROLE_RANK[required];

/** What each role may do, in words for people (the schema's enum, the invitation email). */
export const ROLE_DESCRIPTIONS: Record<WorkspaceRole, string> = {
  OWNER: 'Everything: members and roles (OWNER included), plan, deletion.',
  ADMIN: 'Members (not OWNERs), API keys, webhooks.',
  MEMBER: 'Creates and runs audits and projects.',
  VIEWER: 'Reads only.',
};

/**
 * Where work belongs: every user has a personal workspace (created with the account, erased with
 * it) and may create shared ones. Membership decides visibility.
 */
@Entity({ tableName: 'workspaces' })
export class Workspace {
  [OptionalProps]?: 'createdAt' | 'personalOwner' | 'personal';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** Set for a personal workspace: the one user it belongs to. */
  @OneToOne(() => User, { nullable: true, unique: true, deleteRule: 'cascade', owner: true })
  personalOwner: User | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  get personal(): boolean {
    return this.personalOwner !== null;
  }
}

@Entity({ tableName: 'workspace_members' })
@Index({ properties: ['user', 'workspace'] })
export class WorkspaceMember {
  [OptionalProps]?: 'createdAt';

  @ManyToOne(() => Workspace, { primary: true, deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  user!: User;

  @Enum({ items: () => WorkspaceRole, nativeEnumName: 'workspace_role' })
  role!: WorkspaceRole;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
