import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/relay/node.js';

@ObjectType('Session', {
  implements: Node,
  description: 'A signed-in device or browser (one login and its refreshes).',
})
export class SessionType extends Node {
  @Field({ description: 'When the session signed in.' })
  createdAt!: Date;

  @Field({ description: 'When its tokens were last refreshed.' })
  lastUsedAt!: Date;

  @Field({ description: 'When it ends at the latest (refreshing never extends it).' })
  expiresAt!: Date;

  @Field(() => String, { nullable: true, description: 'The User-Agent it signed in with; null when none.' })
  userAgent!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The client address it signed in from; null when unknown.',
  })
  ip!: string | null;

  @Field({ description: 'True for the session this request is made with.' })
  current!: boolean;
}
