import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { Node } from '../../graphql/relay/node.js';
import { connectionTypes } from '../../graphql/relay/connection.js';
import { DeliveryStatus, Webhook, WebhookEvent } from './webhook.entity.js';

registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description: 'What a webhook receives; the `aeo-event` header says it as `audit.succeeded`, …, `alert`.',
  valuesConfig: {
    AUDIT_SUCCEEDED: { description: 'An audit ended SUCCEEDED (`aeo-event: audit.succeeded`).' },
    AUDIT_FAILED: { description: 'An audit ended FAILED (`audit.failed`).' },
    AUDIT_CANCELLED: { description: 'An audit was cancelled (`audit.cancelled`).' },
    ALERT: { description: "A project's alert rule fired (`alert`)." },
  },
});
registerEnumType(DeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet; retried with backoff.' },
    SUCCEEDED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Every attempt failed; redeliverWebhook sends it again.' },
  },
});

@InputType({ description: 'A new webhook of a workspace (OWNER or ADMIN, with a verified email address).' })
export class CreateWebhookInput {
  @Field({ description: 'Where deliveries are POSTed: a public http(s) URL (the crawler’s address rules).' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @Field(() => [WebhookEvent], { description: 'The events delivered; at least one.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  events!: WebhookEvent[];

  @Field(() => ID, {
    nullable: true,
    description: "Only this project's events; null: every audit of the workspace.",
  })
  @IsOptional()
  @IsString()
  projectId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The workspace (default: the project's, else your personal one).",
  })
  @IsOptional()
  @IsString()
  workspaceId?: string | null;
}

@InputType({
  description: 'Changes to a webhook; every field optional. Enabling it again resets its failure count.',
})
export class UpdateWebhookInput {
  @Field(() => String, {
    nullable: true,
    description: 'A new delivery URL (same address rules as on creation).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string | null;

  @Field(() => [WebhookEvent], { nullable: true, description: 'Replaces the events delivered.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  events?: WebhookEvent[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Turn deliveries on or off; enabling again clears `disabledReason`.',
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

@ObjectType('Webhook', {
  implements: Node,
  description:
    'An endpoint that receives signed JSON events: headers `aeo-event`, `aeo-delivery` and `aeo-signature: ' +
    't=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (a second `v1=` while a rotated-out ' +
    'secret still signs). Visible to the workspace’s OWNERs and ADMINs only.',
})
export class WebhookType extends Node {
  @Field({ description: 'Where deliveries are POSTed.' })
  url!: string;

  @Field(() => [WebhookEvent], { description: 'The events delivered.' })
  events!: WebhookEvent[];

  @Field({
    description: 'False once disabled, by a member or after repeated failed deliveries (see disabledReason).',
  })
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why it is disabled (e.g. too many failed deliveries).',
  })
  disabledReason!: string | null;

  @Field(() => Int, {
    description: 'Failed deliveries in a row (the webhook is disabled at WEBHOOK_DISABLE_AFTER).',
  })
  consecutiveFailures!: number;

  @Field({ description: 'When the webhook was created.' })
  createdAt!: Date;
}

@ObjectType('CreatedWebhook', { description: 'A webhook and its signing secret, shown this once.' })
export class CreatedWebhookType {
  @Field(() => WebhookType, { description: 'The webhook.' })
  webhook!: Webhook;

  @Field({ description: 'The signing secret (HMAC-SHA256 of `aeo-signature`): shown once only.' })
  secret!: string;
}

@ObjectType('WebhookDelivery', {
  implements: Node,
  description: 'One event sent (or being sent) to a webhook.',
})
export class WebhookDeliveryType extends Node {
  @Field(() => WebhookEvent, { description: 'The event delivered.' })
  event!: WebhookEvent;

  @Field(() => DeliveryStatus, { description: 'Where the delivery stands.' })
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'How many times it was sent.' })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer.' })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  error!: string | null;

  @Field({ description: 'The JSON body sent (the signed bytes).' })
  body!: string;

  @Field({ description: 'When the event happened.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was last sent; null before the first attempt.' })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When an attempt got a 2xx; null until then.' })
  deliveredAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the next retry is due, while one is.' })
  nextAttemptAt!: Date | null;
}

export const WebhookDeliveryConnection = connectionTypes(WebhookDeliveryType, 'WebhookDelivery');
