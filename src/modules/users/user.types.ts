import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from '../../graphql/relay/connection.js';
import { Node } from '../../graphql/relay/node.js';
import { Role } from './user.entity.js';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do: USER works on their own data, ADMIN on all.',
  valuesConfig: {
    USER: { description: 'Works on the data of their own workspaces.' },
    ADMIN: {
      description: 'Operator: every USER right plus users, plans and the security log of all accounts.',
    },
  },
});

/** GraphQL view of a user; resolvers return `User` entities, whose fields have the same names. */
@ObjectType('User', { implements: Node, description: 'An account.' })
export class UserType extends Node {
  @Field({ description: 'The sign-in address (lower case).' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'The display name; null when none was given.' })
  name!: string | null;

  @Field(() => Role, { description: 'USER or ADMIN.' })
  role!: Role;

  @Field({ description: 'False once an admin deactivated the account.' })
  isActive!: boolean;

  @Field({
    description:
      'True once the user opened the link emailed to their address (at sign-up, or a password reset).',
  })
  emailVerified!: boolean;

  @Field({ description: 'When the account was created.' })
  createdAt!: Date;
}

export const UserConnection = connectionTypes(UserType, 'User');
