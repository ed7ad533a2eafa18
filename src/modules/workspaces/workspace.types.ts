import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/relay/node.js';
import { UserType } from '../users/user.types.js';
import { ROLE_DESCRIPTIONS, WorkspaceRole } from './workspace.entity.js';

registerEnumType(WorkspaceRole, {
  name: 'WorkspaceRole',
  description: 'What a member may do in a workspace.',
  valuesConfig: Object.fromEntries(
    Object.entries(ROLE_DESCRIPTIONS).map(([role, description]) => [role, { description }]),
  ),
});

@ObjectType('Workspace', {
  implements: Node,
  description: 'Where work belongs; visible to its members only (anyone else gets NOT_FOUND).',
})
export class WorkspaceType extends Node {
  @Field({ description: "The workspace's name." })
  name!: string;

  @Field({ description: 'The account’s own workspace, created with it; it cannot be left.' })
  personal!: boolean;

  @Field({ description: 'When the workspace was created.' })
  createdAt!: Date;
}

@ObjectType('WorkspaceMember', { description: 'A member of a workspace and their role.' })
export class WorkspaceMemberType {
  @Field(() => UserType, { description: 'The member.' })
  user!: UserType;

  @Field(() => WorkspaceRole, { description: "The member's role in the workspace." })
  role!: WorkspaceRole;
}
