import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from '../users/user.entity.js';

export enum AccountTokenPurpose {
  PASSWORD_RESET = 'PASSWORD_RESET',
  EMAIL_VERIFICATION = 'EMAIL_VERIFICATION',
  EMAIL_CHANGE = 'EMAIL_CHANGE',
}

/**
 * A single-use token sent by email. Only its SHA-256 is stored: a database leak does not hand out
 * working links. Used (`usedAt`) or expired tokens are refused alike.
 */
@Entity({ tableName: 'account_tokens' })
@Index({ properties: ['user', 'purpose'] })
export class AccountToken {
  [OptionalProps]?: 'createdAt' | 'usedAt' | 'newEmail';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Enum({ items: () => AccountTokenPurpose, nativeEnumName: 'account_token_purpose' })
  purpose!: AccountTokenPurpose;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** EMAIL_CHANGE: the address the user asked to change to. */
  @Property({ type: 'string', length: 254, nullable: true })
  newEmail: string | null = null;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
