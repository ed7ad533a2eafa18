import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/relay/node.js';
import { ApiKey, ApiKeyScope } from './api-key.entity.js';

registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'What a partner API key may do.',
  valuesConfig: {
    AUDITS_READ: { description: '`audits:read`: read audits, their findings and live progress.' },
    AUDITS_WRITE: { description: '`audits:write`: create, cancel, rerun and delete audits.' },
  },
});

@ObjectType('ApiKey', {
  implements: Node,
  description:
    'A partner API key, sent as `Authorization: Bearer <key>` or `x-api-key: <key>` (WebSocket: ' +
    '`connectionParams.apiKey`). It acts in its workspace only, within its scopes and never ' +
    "beyond its creator's current role there; it stops when its creator leaves the workspace, " +
    'and it cannot manage accounts, members or keys.',
})
export class ApiKeyType extends Node {
  @Field({ description: 'A label to tell keys apart, chosen at creation.' })
  name!: string;

  @Field({ description: 'The public start of the key (`aeo_live_xxxxxxxx`), to recognise it.' })
  prefix!: string;

  @Field(() => [ApiKeyScope], { description: 'What the key may do.' })
  scopes!: ApiKeyScope[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; null = never.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last use, updated at most once a minute.' })
  lastUsedAt!: Date | null;

  @Field({ description: 'When the key was created.' })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the key was revoked; in the future while a rotated key is in its grace period.',
  })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'A new API key and its secret, shown this once: store it securely.' })
export class CreatedApiKey {
  @Field(() => ApiKeyType, { description: "The key's details." })
  apiKey!: ApiKey;

  @Field({ description: 'The full key. Only its hash is stored: it cannot be shown again.' })
  secret!: string;
}
