// Workspaces: where work belongs, with members and roles.
import type { AppModule } from '../module.types.js';
import { Workspace, WorkspaceMember } from './workspace.entity.js';
import { UserWorkspacesResolver, WorkspaceResolver } from './workspace.resolver.js';

export const workspacesModule: AppModule = {
  name: 'workspaces',
  entities: [Workspace, WorkspaceMember],
  resolvers: [WorkspaceResolver, UserWorkspacesResolver],
  nodeTypes: [
    {
      name: 'Workspace',
      entity: Workspace,
      fetch: (ctx, id) => ctx.services.workspaces.findVisible(ctx, id),
    },
  ],
};
