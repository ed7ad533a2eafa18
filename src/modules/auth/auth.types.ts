import { Field, ObjectType } from 'type-graphql';
import type { User } from '../users/user.entity.js';
import { UserType } from '../users/user.types.js';

@ObjectType({ description: 'Credentials of a new or refreshed session.' })
export class AuthPayload {
  @Field({ description: 'Short-lived JWT for `Authorization: Bearer`.' })
  accessToken!: string;

  @Field({ description: 'Opaque, single-use token for `refreshSession`; store it securely.' })
  refreshToken!: string;

  @Field({ description: 'When the access token expires.' })
  expiresAt!: Date;

  @Field(() => UserType, { description: 'The signed-in user.' })
  user!: User;
}
