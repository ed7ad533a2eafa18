import { IsOptional, ArrayMaxSize } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionArgs, connectionTypes } from '../../graphql/relay/connection.js';
import { Node } from '../../graphql/relay/node.js';
import { SecurityEventType } from './security-event.entity.js';

registerEnumType(SecurityEventType, {
  name: 'SecurityEventType',
  description: 'What happened. RATE_LIMITED and QUOTA_EXCEEDED record refused requests.',
  valuesConfig: {
    ACCOUNT_DELETED: { description: 'An account was erased (by its owner or an ADMIN).' },
    ACCOUNT_EXPORTED: {
      description: "An account's data was exported (exportAccountData or exportUserData).",
    },
    API_KEY_CREATED: { description: 'An API key was created.' },
    API_KEY_REVOKED: { description: 'An API key was revoked.' },
    API_KEY_ROTATED: {
      description: 'An API key was replaced by a new secret (the old one in its grace period).',
    },
    EMAIL_CHANGED: {
      description: "An account's email address changed (after confirmation by the new address).",
    },
    EMAIL_VERIFIED: { description: 'An email address was verified.' },
    INVITATION_ACCEPTED: { description: 'A workspace invitation was accepted.' },
    INVITATION_DECLINED: { description: 'A workspace invitation was declined.' },
    INVITATION_REVOKED: { description: 'A workspace invitation was withdrawn.' },
    INVITATION_SENT: { description: 'A workspace invitation was emailed (or re-sent).' },
    LOGIN_FAILED: { description: 'A refused sign-in (wrong password, unknown email, deactivated account).' },
    LOGIN_SUCCEEDED: { description: 'A successful sign-in (a new session).' },
    PASSWORD_CHANGED: { description: 'The password was changed while signed in.' },
    PASSWORD_RESET: { description: 'The password was set through a reset link.' },
    PASSWORD_RESET_REQUESTED: { description: 'A password reset link was asked for.' },
    PLAN_CHANGED: { description: "An ADMIN changed a workspace's plan." },
    QUOTA_EXCEEDED: {
      description: 'A request refused by a plan quota (recorded once a minute per workspace and quota).',
    },
    RATE_LIMITED: {
      description: 'A request refused by a rate limit (recorded once per caller and rule per window).',
    },
    REFRESH_TOKEN_REUSED: {
      description: 'A used refresh token was presented again: the whole session was revoked.',
    },
    REVOKED_API_KEY_USED: { description: 'A request with a revoked API key.' },
    ROLE_CHANGED: { description: "An ADMIN changed an account's role." },
    SESSION_REVOKED: {
      description:
        'A session ended by revocation (revokeSession, a password change, a reused refresh token); `details.reason` says which.',
    },
    USER_DEACTIVATED: { description: 'An ADMIN deactivated an account.' },
    USER_REACTIVATED: { description: 'An ADMIN reactivated an account.' },
    WORKSPACE_DELETED: { description: 'A shared workspace was deleted with everything in it.' },
    WORKSPACE_MEMBER_REMOVED: { description: 'A member was removed from a workspace, or left it.' },
    WORKSPACE_ROLE_CHANGED: { description: "A member's workspace role changed." },
  },
});

@ObjectType('SecurityEvent', {
  implements: Node,
  description: 'An entry of the security log (admins only).',
})
export class SecurityEventObject extends Node {
  @Field(() => SecurityEventType, { description: 'What happened.' })
  type!: SecurityEventType;

  @Field(() => String, {
    nullable: true,
    description: 'The address a failed login attempted, or an invitation was sent to.',
  })
  email!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The client address of the request; null when unknown.',
  })
  ip!: string | null;

  @Field(() => String, { nullable: true, description: 'The User-Agent of the request; null when none.' })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: 'The request id (`x-request-id`) behind the event.' })
  requestId!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Event-specific facts.' })
  details!: Record<string, unknown> | null;

  @Field({ description: 'When it happened.' })
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
  @Field(() => SecurityEventFilter, {
    nullable: true,
    description: 'Only events matching every given condition; null = all.',
  })
  @IsOptional()
  filter?: SecurityEventFilter | null;
}
