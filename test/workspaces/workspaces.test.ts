import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../src/infra/database.js';
import { createTemporaryDatabase } from '../../src/infra/temporary-database.js';
import { ENTITIES } from '../../src/modules/index.js';
import { WorkspaceRole } from '../../src/modules/workspaces/workspace.entity.js';
import { createApiKey, withKey } from '../api-keys/helpers.js';
import { register, type Account } from '../helpers/accounts.js';
import { addMember } from './helpers.js';
import {
  errorCode,
  startTestServer,
  testDatabaseServerUrl,
  type TestServer,
} from '../helpers/test-server.js';

const WORKSPACES = `{ viewer { workspaces { id name personal viewerRole members { user { id } role } } } }`;
const CREATE = `mutation ($name: String!) { createWorkspace(name: $name) { id name personal viewerRole } }`;
const SET_ROLE = `mutation ($w: ID!, $u: ID!, $r: WorkspaceRole!) { setMemberRole(workspaceId: $w, userId: $u, role: $r) { role user { id } } }`;
const REMOVE = `mutation ($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }`;
const NODE = `query ($id: ID!) { node(id: $id) { id ... on Workspace { name viewerRole } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ runWorker: false });
});
afterAll(() => server.close());

describe('personal workspaces', () => {
  it('come with every account, owned by it, and cannot be left', async () => {
    const account = await register(server, { name: 'Ada' });
    const response = await server.gql(WORKSPACES, {}, { token: account.accessToken });
    expect(response.data?.viewer.workspaces).toEqual([
      {
        id: expect.any(String),
        name: 'Ada',
        personal: true,
        viewerRole: 'OWNER',
        members: [{ user: { id: account.user.id }, role: 'OWNER' }],
      },
    ]);
    const personal = response.data!.viewer.workspaces[0].id;
    const leave = await server.gql(
      REMOVE,
      { w: personal, u: account.user.id },
      { token: account.accessToken },
    );
    expect(errorCode(leave)).toBe('CONFLICT');
  });
});

describe('shared workspaces and roles', () => {
  let owner: Account;
  let admin: Account;
  let member: Account;
  let viewer: Account;
  let outsider: Account;
  let workspace: string;

  beforeAll(async () => {
    [owner, admin, member, viewer, outsider] = (await Promise.all(
      ['owner', 'admin', 'member', 'viewer', 'outsider'].map((name) => register(server, { name })),
    )) as [Account, Account, Account, Account, Account];
    const created = await server.gql(CREATE, { name: '  Acme agency ' }, { token: owner.accessToken });
    expect(created.data?.createWorkspace).toMatchObject({
      name: 'Acme agency',
      personal: false,
      viewerRole: 'OWNER',
    });
    workspace = created.data!.createWorkspace.id;
    await addMember(server, workspace, admin, WorkspaceRole.ADMIN);
    await addMember(server, workspace, member, WorkspaceRole.MEMBER);
    await addMember(server, workspace, viewer, WorkspaceRole.VIEWER);
  });

  it('is visible to its members only: NOT_FOUND for everyone else, on every path', async () => {
    const seen = await server.gql(NODE, { id: workspace }, { token: viewer.accessToken });
    expect(seen.data?.node).toEqual({ id: workspace, name: 'Acme agency', viewerRole: 'VIEWER' });
    expect(
      (await server.gql(NODE, { id: workspace }, { token: outsider.accessToken })).data?.node,
    ).toBeNull();
    const vars = { w: workspace, u: member.user.id, r: 'VIEWER' };
    expect(errorCode(await server.gql(SET_ROLE, vars, { token: outsider.accessToken }))).toBe('NOT_FOUND');
    const remove = await server.gql(
      REMOVE,
      { w: workspace, u: member.user.id },
      { token: outsider.accessToken },
    );
    expect(errorCode(remove)).toBe('NOT_FOUND');
    const list = await server.gql(WORKSPACES, {}, { token: outsider.accessToken });
    expect(list.data?.viewer.workspaces.map((w: { id: string }) => w.id)).not.toContain(workspace);
  });

  it('shows co-members the person, not their account (plan and quota stay private)', async () => {
    const seen = await server.gql(
      `query ($id: ID!) { node(id: $id) { ... on Workspace { members { user { id email plan quota { plan } } } } } }`,
      { id: workspace },
      { token: viewer.accessToken },
    );
    const ownerSeen = seen.data?.node.members.find(
      (m: { user: { id: string } }) => m.user.id === owner.user.id,
    );
    expect(ownerSeen.user).toEqual({ id: owner.user.id, email: owner.user.email, plan: null, quota: null });
    const self = seen.data?.node.members.find((m: { user: { id: string } }) => m.user.id === viewer.user.id);
    expect(self.user.plan).toBe('FREE');
  });

  it('lets OWNER and ADMIN change roles; MEMBER and VIEWER are FORBIDDEN', async () => {
    for (const caller of [viewer, member]) {
      const refused = await server.gql(
        SET_ROLE,
        { w: workspace, u: member.user.id, r: 'VIEWER' },
        { token: caller.accessToken },
      );
      expect(errorCode(refused)).toBe('FORBIDDEN');
    }
    const demoted = await server.gql(
      SET_ROLE,
      { w: workspace, u: member.user.id, r: 'VIEWER' },
      { token: admin.accessToken },
    );
    expect(demoted.data?.setMemberRole).toEqual({ role: 'VIEWER', user: { id: member.user.id } });
    const back = await server.gql(
      SET_ROLE,
      { w: workspace, u: member.user.id, r: 'MEMBER' },
      { token: owner.accessToken },
    );
    expect(back.data?.setMemberRole.role).toBe('MEMBER');
  });

  it('keeps OWNER for OWNERs: an ADMIN can neither grant it nor touch an OWNER', async () => {
    const grant = await server.gql(
      SET_ROLE,
      { w: workspace, u: member.user.id, r: 'OWNER' },
      { token: admin.accessToken },
    );
    expect(errorCode(grant)).toBe('FORBIDDEN');
    const demote = await server.gql(
      SET_ROLE,
      { w: workspace, u: owner.user.id, r: 'ADMIN' },
      { token: admin.accessToken },
    );
    expect(errorCode(demote)).toBe('FORBIDDEN');
    const remove = await server.gql(REMOVE, { w: workspace, u: owner.user.id }, { token: admin.accessToken });
    expect(errorCode(remove)).toBe('FORBIDDEN');
  });

  it('never leaves a workspace without an OWNER', async () => {
    const demoteSelf = await server.gql(
      SET_ROLE,
      { w: workspace, u: owner.user.id, r: 'ADMIN' },
      { token: owner.accessToken },
    );
    expect(errorCode(demoteSelf)).toBe('CONFLICT');
    const leave = await server.gql(REMOVE, { w: workspace, u: owner.user.id }, { token: owner.accessToken });
    expect(errorCode(leave)).toBe('CONFLICT');
    // With a second OWNER the first may step down.
    await server.gql(SET_ROLE, { w: workspace, u: admin.user.id, r: 'OWNER' }, { token: owner.accessToken });
    const stepDown = await server.gql(
      SET_ROLE,
      { w: workspace, u: owner.user.id, r: 'ADMIN' },
      { token: owner.accessToken },
    );
    expect(stepDown.data?.setMemberRole.role).toBe('ADMIN');
    const restore = await server.gql(
      SET_ROLE,
      { w: workspace, u: owner.user.id, r: 'OWNER' },
      { token: admin.accessToken },
    );
    expect(restore.data?.setMemberRole.role).toBe('OWNER');
  });

  it('removes a member, who loses access at once; anyone may leave', async () => {
    const removed = await server.gql(
      REMOVE,
      { w: workspace, u: viewer.user.id },
      { token: admin.accessToken },
    );
    expect(removed.data).toEqual({ removeMember: true });
    expect((await server.gql(NODE, { id: workspace }, { token: viewer.accessToken })).data?.node).toBeNull();
    const left = await server.gql(REMOVE, { w: workspace, u: member.user.id }, { token: member.accessToken });
    expect(left.data).toEqual({ removeMember: true });
    const members = await server.gql(WORKSPACES, {}, { token: owner.accessToken });
    const acme = members.data!.viewer.workspaces.find((w: { id: string }) => w.id === workspace);
    expect(acme.members.map((m: { user: { id: string } }) => m.user.id).sort()).toEqual(
      [owner.user.id, admin.user.id].sort(),
    );
  });

  it('refuses a bad name and API keys', async () => {
    expect(errorCode(await server.gql(CREATE, { name: '   ' }, { token: owner.accessToken }))).toBe(
      'BAD_USER_INPUT',
    );
    const key = await createApiKey(server, owner.accessToken, { scopes: ['AUDITS_READ', 'AUDITS_WRITE'] });
    expect(errorCode(await server.gql(CREATE, { name: 'Via key' }, withKey(key.secret)))).toBe('FORBIDDEN');
    const viaKey = await server.gql(NODE, { id: workspace }, withKey(key.secret));
    expect(viaKey.data?.node ?? null).toBeNull();
  });
});

describe('the workspaces migration', () => {
  it('gives every existing account its personal workspace, owned by it', async () => {
    const database = await createTemporaryDatabase(testDatabaseServerUrl(), 'aeo_migration');
    const orm = await MikroORM.init(ormOptions(database.url, { entities: ENTITIES, poolMax: 2 }));
    try {
      const migrations = await orm.migrator.getPending();
      const index = migrations.findIndex((m) => m.name.endsWith('_workspaces'));
      await orm.migrator.up({ to: migrations[index - 1]!.name });
      const ids = [randomUUID(), randomUUID()];
      for (const [i, id] of ids.entries()) {
        await orm.em
          .getConnection()
          .execute(
            `insert into users (id, email, name, password_hash, role, created_at, updated_at) values (?, ?, ?, 'x', 'USER', now(), now())`,
            [id, `old${i}@example.com`, i === 0 ? 'Old Ada' : null],
          );
      }
      await orm.migrator.up();
      const rows = await orm.em.getConnection().execute<{ user_id: string; role: string; name: string }[]>(
        `select m.user_id, m.role, w.name from workspace_members m join workspaces w on w.id = m.workspace_id
          where w.personal_owner_id = m.user_id order by w.name`,
      );
      expect(rows).toEqual([
        { user_id: ids[0], role: 'OWNER', name: 'Old Ada' },
        { user_id: ids[1], role: 'OWNER', name: 'Personal' },
      ]);
    } finally {
      await orm.close();
      await database.drop();
    }
  });
});

describe('the workspace ownership migration', () => {
  it("moves each user's audits, API keys, quota use and plan into their personal workspace", async () => {
    const database = await createTemporaryDatabase(testDatabaseServerUrl(), 'aeo_migration');
    const orm = await MikroORM.init(ormOptions(database.url, { entities: ENTITIES, poolMax: 2 }));
    const sql = (query: string, params: unknown[] = []): Promise<any[]> =>
      orm.em.getConnection().execute(query, params);
    try {
      const migrations = await orm.migrator.getPending();
      const index = migrations.findIndex((m) => m.name.endsWith('_workspace_ownership'));
      await orm.migrator.up({ to: migrations[index - 1]!.name });
      const [ada, bob] = [randomUUID(), randomUUID()];
      for (const [i, id] of [ada, bob].entries()) {
        await sql(
          `insert into users (id, email, name, password_hash, role, created_at, updated_at) values (?, ?, null, 'x', 'USER', now(), now())`,
          [id, `owner${i}@example.com`],
        );
      }
      // The workspaces migration ran before these users existed: they get theirs as at sign-up.
      for (const id of [ada, bob]) {
        await sql(
          `insert into workspaces (id, name, personal_owner_id, created_at) values (gen_random_uuid(), 'Personal', ?, now())`,
          [id],
        );
        await sql(
          `insert into workspace_members (workspace_id, user_id, role, created_at) select id, ?, 'OWNER', now() from workspaces where personal_owner_id = ?`,
          [id, id],
        );
      }
      const audits = [randomUUID(), randomUUID(), randomUUID()];
      for (const [i, id] of audits.entries()) {
        await sql(
          `insert into audits (id, owner_id, kind, url, input, status, progress, categories, attempts, created_at, updated_at)
           values (?, ?, 'SITE', 'https://example.com/', '{"url":"https://example.com/"}', 'SUCCEEDED', 1, '[]', 1, now(), now())`,
          [id, i < 2 ? ada : bob],
        );
      }
      const key = randomUUID();
      await sql(
        `insert into api_keys (id, user_id, name, public_id, secret_hash, scopes, created_at) values (?, ?, 'ci', 'abcdefgh', ?, '{AUDITS_READ}', now())`,
        [key, ada, 'f'.repeat(64)],
      );
      await sql(`insert into user_plans (user_id, plan, updated_at) values (?, 'PRO', now())`, [ada]);
      for (const user of [ada, ada, bob]) {
        await sql(
          `insert into audit_quota_usage (id, user_id, created_at) values (gen_random_uuid(), ?, now())`,
          [user],
        );
      }

      await orm.migrator.up({ to: migrations[index]!.name });

      const personal = async (userId: string) =>
        (await sql(`select id from workspaces where personal_owner_id = ?`, [userId]))[0]!.id;
      const [adaSpace, bobSpace] = [await personal(ada), await personal(bob)];
      const auditRows = await sql(
        `select id, owner_id, workspace_id from audits order by owner_id = ? desc, id`,
        [ada],
      );
      expect(auditRows).toHaveLength(3);
      for (const row of auditRows) expect(row.workspace_id).toBe(row.owner_id === ada ? adaSpace : bobSpace);
      expect(await sql(`select workspace_id, user_id from api_keys`)).toEqual([
        { workspace_id: adaSpace, user_id: ada },
      ]);
      expect(await sql(`select workspace_id, plan from workspace_plans`)).toEqual([
        { workspace_id: adaSpace, plan: 'PRO' },
      ]);
      const usage = await sql(
        `select workspace_id, count(*) as n from audit_quota_usage group by workspace_id order by n desc`,
      );
      expect(usage.map((row) => [row.workspace_id, Number(row.n)])).toEqual([
        [adaSpace, 2],
        [bobSpace, 1],
      ]);
      // And back: the previous shape holds the same data.
      await orm.migrator.down({ to: migrations[index - 1]!.name });
      expect(await sql(`select user_id, plan from user_plans`)).toEqual([{ user_id: ada, plan: 'PRO' }]);
      expect(Number((await sql(`select count(*) as n from audits`))[0]!.n)).toBe(3);
      expect(
        Number((await sql(`select count(*) as n from audit_quota_usage where user_id = ?`, [ada]))[0]!.n),
      ).toBe(2);
    } finally {
      await orm.close();
      await database.drop();
    }
  });
});
