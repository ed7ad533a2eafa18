import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export enum Role {
  USER = 'USER',
  ADMIN = 'ADMIN',
}

@Entity({ tableName: 'users' })
@Index({ properties: ['createdAt', 'id'] })
export class User {
  [OptionalProps]?:
    | 'role'
    | 'name'
    | 'deactivatedAt'
    | 'emailVerifiedAt'
    | 'createdAt'
    | 'updatedAt'
    | 'isActive'
    | 'emailVerified';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stored lower-cased: addresses are compared case-insensitively. */
  @Property({ type: 'string', length: 254, unique: true })
  email!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  name: string | null = null;

  @Property({ type: 'string', hidden: true, lazy: false })
  passwordHash!: string;

  /** Set when the user opened an emailed link: the address is theirs. */
  @Property({ type: 'datetime', nullable: true })
  emailVerifiedAt: Date | null = null;

  @Enum({ items: () => Role, nativeEnumName: 'user_role' })
  role: Role = Role.USER;

  /** Set when an admin deactivates the account: every credential of the user stops working. */
  @Property({ type: 'datetime', nullable: true })
  deactivatedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  get isActive(): boolean {
    return this.deactivatedAt === null;
  }

  get emailVerified(): boolean {
    return this.emailVerifiedAt !== null;
  }
}

/** Emails are compared and stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
