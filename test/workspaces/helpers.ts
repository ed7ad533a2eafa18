// Workspace fixtures for the workspace and authorization tests.
import { fromGlobalId } from '../../src/common/global-id.js';
import { WorkspaceMember, type WorkspaceRole } from '../../src/modules/workspaces/workspace.entity.js';
import type { Account } from '../helpers/accounts.js';
import type { TestServer } from '../helpers/test-server.js';

/** Adds a member directly (invitations are how people join; they are not what these tests test). */
export async function addMember(
  server: TestServer,
  workspaceId: string,
  account: Account,
  role: WorkspaceRole,
): Promise<void> {
  const em = server.orm.em.fork();
  em.create(WorkspaceMember, {
    workspace: fromGlobalId(workspaceId, 'Workspace').id,
    user: account.userId,
    role,
  } as never);
  await em.flush();
}
