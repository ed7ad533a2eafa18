import { IsOptional, ArrayMaxSize } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionArgs, connectionTypes } from '../../graphql/relay/connection.js';
import { Node } from '../../graphql/relay/node.js';
import { SecurityEventType } from './security-event.entity.js';

registerEnumType(SecurityEventType, {
  name: 'SecurityEventType',
  description: 'What happened. RATE_LIMITED and QUOTA_EXCEEDED record refused requests.',
});

@ObjectType('SecurityEvent', {
  implements: Node,
  description: 'An entry of the security log (admins only).',
})
export class SecurityEventObject extends Node {
  @Field(() => SecurityEventType)
  type!: SecurityEventType;

  @Field(() => String, {
    nullable: true,
    description: 'The address a failed login attempted, or an invitation was sent to.',
  })
  email!: string | null;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: 'The request id (`x-request-id`) behind the event.' })
  requestId!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Event-specific facts.' })
  details!: Record<string, unknown> | null;

  @Field()
  createdAt!: Date;
}

export const SecurityEventConnection = connectionTypes(SecurityEventObject, 'SecurityEvent');

@InputType({ description: 'Every given condition must hold.' })
export class SecurityEventFilter {
  @Field(() => [SecurityEventType], { nullable: true, description: 'Any of these types.' })
  @IsOptional()
  @ArrayMaxSize(20)
  type?: SecurityEventType[] | null;

  @Field(() => ID, { nullable: true, description: 'Events about this user.' })
  @IsOptional()
  userId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this time.' })
  @IsOptional()
  since?: Date | null;
}

@ArgsType()
export class SecurityEventsArgs extends ConnectionArgs {
  @Field(() => SecurityEventFilter, { nullable: true })
  @IsOptional()
  filter?: SecurityEventFilter | null;
}
