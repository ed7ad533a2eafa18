import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { Node } from '../../graphql/relay/node.js';
import { connectionTypes } from '../../graphql/relay/connection.js';
import { DeliveryStatus, Webhook, WebhookEvent } from './webhook.entity.js';

registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description: 'What a webhook receives; the `aeo-event` header says it as `audit.succeeded`, …, `alert`.',
});
registerEnumType(DeliveryStatus, { name: 'WebhookDeliveryStatus', description: 'Where a delivery stands.' });

@InputType({ description: 'A new webhook of a workspace (OWNER or ADMIN, with a verified email address).' })
export class CreateWebhookInput {
  @Field({ description: 'Where deliveries are POSTed: a public http(s) URL (the crawler’s address rules).' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @Field(() => [WebhookEvent])
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
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string | null;

  @Field(() => [WebhookEvent], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  events?: WebhookEvent[] | null;

  @Field(() => Boolean, { nullable: true })
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
  @Field()
  url!: string;

  @Field(() => [WebhookEvent])
  events!: WebhookEvent[];

  @Field()
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

  @Field()
  createdAt!: Date;
}

@ObjectType('CreatedWebhook', { description: 'A webhook and its signing secret, shown this once.' })
export class CreatedWebhookType {
  @Field(() => WebhookType)
  webhook!: Webhook;

  @Field()
  secret!: string;
}

@ObjectType('WebhookDelivery', {
  implements: Node,
  description: 'One event sent (or being sent) to a webhook.',
})
export class WebhookDeliveryType extends Node {
  @Field(() => WebhookEvent)
  event!: WebhookEvent;

  @Field(() => DeliveryStatus)
  status!: DeliveryStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer.' })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  error!: string | null;

  @Field({ description: 'The JSON body sent (the signed bytes).' })
  body!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the next retry is due, while one is.' })
  nextAttemptAt!: Date | null;
}

export const WebhookDeliveryConnection = connectionTypes(WebhookDeliveryType, 'WebhookDelivery');
