import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/relay/node.js';
import { UserType } from '../users/user.types.js';
import { WorkspaceRole } from './workspace.entity.js';

registerEnumType(WorkspaceRole, {
  name: 'WorkspaceRole',
  description: 'What a member may do in a workspace.',
  valuesConfig: {
    OWNER: { description: 'Everything: members and roles (OWNER included), plan, deletion.' },
    ADMIN: { description: 'Members (not OWNERs), API keys, webhooks.' },
    MEMBER: { description: 'Creates and runs audits and projects.' },
    VIEWER: { description: 'Reads only.' },
  },
});

@ObjectType('Workspace', {
  implements: Node,
  description: 'Where work belongs; visible to its members only (anyone else gets NOT_FOUND).',
})
export class WorkspaceType extends Node {
  @Field()
  name!: string;

  @Field({ description: 'The account’s own workspace, created with it; it cannot be left.' })
  personal!: boolean;

  @Field()
  createdAt!: Date;
}

@ObjectType('WorkspaceMember', { description: 'A member of a workspace and their role.' })
export class WorkspaceMemberType {
  @Field(() => UserType)
  user!: UserType;

  @Field(() => WorkspaceRole)
  role!: WorkspaceRole;
}
