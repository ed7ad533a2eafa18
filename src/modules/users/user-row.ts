// A user as others see them on the objects they made (an audit's owner): the columns the
// selection needs, mapped once into a plain object, without an ORM entity (such reads never
// change the user). A `User` node in GraphQL like the entity (graphql/relay/node.ts).
import { timeOf } from '../../common/sql-values.js';
import type { Role } from './user.entity.js';

/** What a user row came with from the database (columns the selection did not need are absent). */
export interface UserRecord {
  id: string;
  email?: string;
  name?: string | null;
  role?: Role;
  /** Times come as PostgreSQL prints them (MikroORM's driver keeps them raw). */
  deactivated_at?: string | null;
  email_verified_at?: string | null;
  created_at?: string;
}

/**
 * Only the columns its selection needed were read: the others are undefined (typed as the
 * entity's, since nothing reads them).
 */
export class UserRow {
  readonly id: string;
  readonly email: string;
  readonly name: string | null;
  readonly role: Role;
  readonly deactivatedAt: Date | null;
  readonly emailVerifiedAt: Date | null;
  readonly createdAt: Date;

  constructor(record: UserRecord) {
    this.id = record.id;
    this.email = record.email!;
    this.name = record.name!;
    this.role = record.role!;
    this.deactivatedAt = timeOf(record.deactivated_at);
    this.emailVerifiedAt = timeOf(record.email_verified_at);
    this.createdAt = timeOf(record.created_at);
  }

  get isActive(): boolean {
    return this.deactivatedAt === null;
  }

  get emailVerified(): boolean {
    return this.emailVerifiedAt !== null;
  }
}

/**
 * The columns each field of the GraphQL `User` type reads, for the fields a plain row can answer.
 * Any other field (the viewer's sessions, workspaces, keys …) needs the entity.
 */
const FIELD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  id: [],
  email: ['email'],
  name: ['name'],
  role: ['role'],
  isActive: ['deactivated_at'],
  emailVerified: ['email_verified_at'],
  createdAt: ['created_at'],
};

/**
 * The columns a row needs for a selection of `fields` (comma-separated, in a fixed order), or
 * null when a row cannot answer it.
 */
export function userColumnsFor(fields: ReadonlySet<string>): string | null {
  const columns = new Set<string>(['id']);
  for (const field of fields) {
    const needed = FIELD_COLUMNS[field];
    if (!needed) return null;
    for (const column of needed) columns.add(column);
  }
  return [...columns].sort().join(', ');
}
