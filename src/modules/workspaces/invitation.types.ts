import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/relay/node.js';
import { InvitationStatus } from './invitation.entity.js';
import { WorkspaceRole } from './workspace.entity.js';

registerEnumType(InvitationStatus, {
  name: 'InvitationStatus',
  description: 'Where an invitation stands.',
  valuesConfig: {
    PENDING: { description: 'Sent; its link can be accepted or declined until `expiresAt`.' },
    ACCEPTED: { description: 'The invited account joined (or was a member already).' },
    DECLINED: { description: 'Declined through its link.' },
    REVOKED: { description: 'Withdrawn by an OWNER or ADMIN.' },
    EXPIRED: { description: 'Not answered before `expiresAt`; `resendInvitation` sends a new link.' },
  },
});

@ObjectType('Invitation', {
  implements: Node,
  description:
    "An emailed invitation to join a workspace; visible to the workspace's OWNERs and ADMINs only " +
    '(anyone else gets NOT_FOUND).',
})
export class InvitationType extends Node {
  @Field({ description: 'The invited address: the account that accepts must have it.' })
  email!: string;

  @Field(() => WorkspaceRole, { description: 'The role the invited person gets on accepting.' })
  role!: WorkspaceRole;

  @Field(() => InvitationStatus, { description: 'Where the invitation stands.' })
  status!: InvitationStatus;

  @Field({ description: 'Until when the emailed link works (re-sending sets a new time).' })
  expiresAt!: Date;

  @Field({ description: 'When it was sent.' })
  createdAt!: Date;
}
