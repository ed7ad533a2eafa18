// Workspaces: where work belongs, with members and roles, joined through emailed invitations.
import type { AppModule } from '../module.types.js';
import { Invitation } from './invitation.entity.js';
import { InvitationResolver, WorkspaceInvitationsResolver } from './invitation.resolver.js';
import { Workspace, WorkspaceMember } from './workspace.entity.js';
import { UserWorkspacesResolver, WorkspaceResolver } from './workspace.resolver.js';

export const workspacesModule: AppModule = {
  name: 'workspaces',
  entities: [Workspace, WorkspaceMember, Invitation],
  resolvers: [WorkspaceResolver, UserWorkspacesResolver, InvitationResolver, WorkspaceInvitationsResolver],
  nodeTypes: [
    {
      name: 'Workspace',
      entity: Workspace,
      fetch: (ctx, id) => ctx.services.workspaces.findVisible(ctx, id),
    },
    {
      name: 'Invitation',
      entity: Invitation,
      fetch: (ctx, id) => ctx.services.invitations.findVisible(ctx, id),
    },
  ],
};
