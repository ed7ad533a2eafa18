import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/relay/node.js';

@ObjectType('Session', {
  implements: Node,
  description: 'A signed-in device or browser (one login and its refreshes).',
})
export class SessionType extends Node {
  @Field()
  createdAt!: Date;

  @Field({ description: 'When its tokens were last refreshed.' })
  lastUsedAt!: Date;

  @Field({ description: 'When it ends at the latest (refreshing never extends it).' })
  expiresAt!: Date;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field({ description: 'True for the session this request is made with.' })
  current!: boolean;
}
