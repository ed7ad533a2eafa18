// What a workspace owns and who may touch it: audits, API keys and quotas by workspace, each role's
// reach, an API key confined to its workspace, and access that ends the moment a member leaves.
import type { CreateAuditInput } from '../../client/generated/graphql.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fromGlobalId } from '../../src/common/global-id.js';
import { ApiKey } from '../../src/modules/api-keys/api-key.entity.js';
import { Audit } from '../../src/modules/audits/audit.entity.js';
import { WorkspaceRole } from '../../src/modules/workspaces/workspace.entity.js';
import { createApiKey, withKey } from '../api-keys/helpers.js';
import { createAudit } from '../audits/helpers.js';
import {
  markEmailVerified,
  register,
  registerAdmin,
  TEST_PASSWORD,
  type Account,
} from '../helpers/accounts.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';
import { addMember } from './helpers.js';

const CREATE_WORKSPACE = `mutation ($name: String!) { createWorkspace(name: $name) { id } }`;
const CREATE_AUDIT = `mutation ($input: CreateAuditInput!) { createAudit(input: $input) { id workspace { id } owner { id } } }`;
const AUDIT = `query ($id: ID!) { audit(id: $id) { id workspace { id name } } }`;
const AUDITS = `query ($w: ID) { audits(first: 50, filter: { workspaceId: $w }) { totalCount edges { node { id } } } }`;
const CANCEL = `mutation ($id: ID!) { cancelAudit(id: $id) { status } }`;
const SET_ROLE = `mutation ($w: ID!, $u: ID!, $r: WorkspaceRole!) { setMemberRole(workspaceId: $w, userId: $u, role: $r) { role } }`;
const REMOVE = `mutation ($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }`;
const WORKSPACE = `query ($id: ID!) { node(id: $id) { ... on Workspace { plan quota { concurrentAudits { limit used } } audits(first: 10) { totalCount } apiKeys { id } } } }`;

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code ?? 'ok';
const ids = (response: GraphQLResponse) =>
  (
    (response.data as { audits?: { edges: { node: { id: string } }[] } } | undefined)?.audits?.edges ?? []
  ).map((edge: { node: { id: string } }) => edge.node.id);

let server: TestServer;
let owner: Account;
let admin: Account;
let member: Account;
let viewer: Account;
let outsider: Account;
let agency: string;
const site = (workspaceId?: string): CreateAuditInput => ({
  kind: 'SITE',
  url: 'https://example.com',
  workspaceId,
});

beforeAll(async () => {
  // No worker: audits stay QUEUED. Two at once per FREE workspace, to see quotas apart; the
  // agency is on PRO.
  server = await startTestServer({
    runWorker: false,
    env: { PLAN_FREE_CONCURRENT_AUDITS: '2', PLAN_PRO_CONCURRENT_AUDITS: '100' },
  });
  [owner, admin, member, viewer, outsider] = (await Promise.all(
    ['owner', 'admin', 'member', 'viewer', 'outsider'].map((name) => register(server, { name })),
  )) as [Account, Account, Account, Account, Account];
  agency = (await server.gql(CREATE_WORKSPACE, { name: 'Agency' }, { token: owner.accessToken })).data!
    .createWorkspace.id;
  const staff = await registerAdmin(server);
  await markEmailVerified(server, owner);
  const upgraded = await server.gql(
    `mutation ($id: ID!) { setWorkspacePlan(id: $id, plan: PRO) { plan } }`,
    { id: agency },
    { token: staff.accessToken },
  );
  expect(upgraded.data?.setWorkspacePlan).toEqual({ plan: 'PRO' });
  await addMember(server, agency, admin, WorkspaceRole.ADMIN);
  await addMember(server, agency, member, WorkspaceRole.MEMBER);
  await addMember(server, agency, viewer, WorkspaceRole.VIEWER);
});

afterAll(async () => {
  await server?.close();
});

describe('audits in a shared workspace', () => {
  it('a MEMBER creates one every member sees, and nobody else', async () => {
    const created = await server.gql(CREATE_AUDIT, { input: site(agency) }, { token: member.accessToken });
    expect(created.errors).toBeUndefined();
    const audit = created.data!.createAudit;
    expect(audit.workspace.id).toBe(agency);
    expect(audit.owner.id).toBe(member.user.id);

    for (const account of [owner, admin, member, viewer]) {
      const read = await server.gql(AUDIT, { id: audit.id }, { token: account.accessToken });
      expect(read.data?.audit).toEqual({ id: audit.id, workspace: { id: agency, name: 'Agency' } });
      expect(ids(await server.gql(AUDITS, {}, { token: account.accessToken }))).toContain(audit.id);
      expect(ids(await server.gql(AUDITS, { w: agency }, { token: account.accessToken }))).toContain(
        audit.id,
      );
    }
    expect(codeOf(await server.gql(AUDIT, { id: audit.id }, { token: outsider.accessToken }))).toBe(
      'NOT_FOUND',
    );
    expect(ids(await server.gql(AUDITS, {}, { token: outsider.accessToken }))).not.toContain(audit.id);
    expect(codeOf(await server.gql(AUDITS, { w: agency }, { token: outsider.accessToken }))).toBe(
      'NOT_FOUND',
    );
  });

  it('a VIEWER reads but cannot write (FORBIDDEN); an outsider cannot even tell (NOT_FOUND)', async () => {
    const audit = await createAudit(server, member.accessToken, site(agency));
    const asViewer = await server.gql(CANCEL, { id: audit.id }, { token: viewer.accessToken });
    expect(codeOf(asViewer)).toBe('FORBIDDEN');
    expect(asViewer.errors![0]!.message).toMatch(/VIEWER/);
    expect(
      codeOf(await server.gql(CREATE_AUDIT, { input: site(agency) }, { token: viewer.accessToken })),
    ).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(CANCEL, { id: audit.id }, { token: outsider.accessToken }))).toBe(
      'NOT_FOUND',
    );
    expect(
      codeOf(await server.gql(CREATE_AUDIT, { input: site(agency) }, { token: outsider.accessToken })),
    ).toBe('NOT_FOUND');
    const stored = await server.orm.em
      .fork()
      .findOneOrFail(Audit, { id: fromGlobalId(audit.id, 'Audit').id });
    expect(stored.status).toBe('QUEUED');
    // Any MEMBER may cancel a colleague's audit: the work is the workspace's.
    expect(
      (await server.gql(CANCEL, { id: audit.id }, { token: admin.accessToken })).data?.cancelAudit,
    ).toEqual({
      status: 'CANCELLED',
    });
  });

  it('counts quotas per workspace, and on FREE per person across FREE workspaces', async () => {
    const fresh = await server.gql(CREATE_WORKSPACE, { name: 'Quota' }, { token: owner.accessToken });
    const workspace = fresh.data!.createWorkspace.id;
    await createAudit(server, owner.accessToken, site(workspace));
    await createAudit(server, owner.accessToken, site(workspace));
    const third = await server.gql(CREATE_AUDIT, { input: site(workspace) }, { token: owner.accessToken });
    expect(codeOf(third)).toBe('QUOTA_EXCEEDED');
    expect(third.errors![0]!.message).toMatch(/This workspace's FREE plan allows 2 queued or running audits/);
    const quota = await server.gql(WORKSPACE, { id: workspace }, { token: owner.accessToken });
    expect(quota.data!.node.quota.concurrentAudits).toEqual({ limit: 2, used: 2 });
    expect(quota.data!.node.plan).toBe('FREE');
    // On FREE the person's allowance is shared by every FREE workspace they work in: a new
    // workspace adds none. The PRO agency's audits do not count against it.
    const personal = await server.gql(CREATE_AUDIT, { input: site() }, { token: owner.accessToken });
    expect(codeOf(personal)).toBe('QUOTA_EXCEEDED');
    expect(personal.errors![0]!.extensions).toMatchObject({
      quota: 'concurrentAudits',
      scope: 'user',
      limit: 2,
    });
    expect(personal.errors![0]!.message).toMatch(
      /Your FREE allowance, across the FREE workspaces you work in/,
    );
    expect(
      (await server.gql(CREATE_AUDIT, { input: site(agency) }, { token: owner.accessToken })).errors,
    ).toBeUndefined();
  });
});

describe('API keys of a workspace', () => {
  it('are made and listed by OWNERs and ADMINs only', async () => {
    expect(
      codeOf(
        await server.gql(
          `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
          { input: { name: 'ci', scopes: ['AUDITS_READ'], workspaceId: agency } },
          { token: member.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');
    const key = await createApiKey(server, admin.accessToken, {
      scopes: ['AUDITS_READ'],
      workspaceId: agency,
    });
    const listed = await server.gql(WORKSPACE, { id: agency }, { token: owner.accessToken });
    expect(listed.data!.node.apiKeys.map((k: { id: string }) => k.id)).toContain(key.apiKey.id);
    const asMember = await server.gql(WORKSPACE, { id: agency }, { token: member.accessToken });
    expect(codeOf(asMember)).toBe('FORBIDDEN');
    expect(asMember.data!.node.apiKeys).toBeNull();
    expect(asMember.data!.node.audits.totalCount).toBeGreaterThan(0);
  });

  it('act in their workspace only, whatever else their creator may see', async () => {
    const personal = await createAudit(server, admin.accessToken, site());
    const shared = await createAudit(server, member.accessToken, site(agency));
    const key = await createApiKey(server, admin.accessToken, {
      scopes: ['AUDITS_READ', 'AUDITS_WRITE'],
      workspaceId: agency,
    });
    const seen = ids(await server.gql(AUDITS, {}, withKey(key.secret)));
    expect(seen).toContain(shared.id);
    expect(seen).not.toContain(personal.id);
    expect(codeOf(await server.gql(AUDIT, { id: personal.id }, withKey(key.secret)))).toBe('NOT_FOUND');
    // Without a workspace, the key's audits go in its own workspace; another workspace is NOT_FOUND.
    const created = await server.gql(CREATE_AUDIT, { input: site() }, withKey(key.secret));
    expect(created.data?.createAudit.workspace.id).toBe(agency);
    const personalSpace = (
      await server.gql(`{ viewer { workspaces { id personal } } }`, {}, { token: admin.accessToken })
    ).data!.viewer.workspaces.find((w: { personal: boolean }) => w.personal).id;
    expect(codeOf(await server.gql(CREATE_AUDIT, { input: site(personalSpace) }, withKey(key.secret)))).toBe(
      'NOT_FOUND',
    );
  });

  it("never do more than their creator's current role, and stop when the creator leaves", async () => {
    const creator = await register(server, { name: 'creator' });
    await addMember(server, agency, creator, WorkspaceRole.ADMIN);
    const key = await createApiKey(server, creator.accessToken, {
      scopes: ['AUDITS_WRITE'],
      workspaceId: agency,
    });
    expect((await server.gql(CREATE_AUDIT, { input: site() }, withKey(key.secret))).errors).toBeUndefined();

    await server.gql(SET_ROLE, { w: agency, u: creator.user.id, r: 'VIEWER' }, { token: owner.accessToken });
    expect(codeOf(await server.gql(CREATE_AUDIT, { input: site() }, withKey(key.secret)))).toBe('FORBIDDEN');

    const removed = await server.gql(REMOVE, { w: agency, u: creator.user.id }, { token: owner.accessToken });
    expect(removed.data?.removeMember).toBe(true);
    const refused = await server.gql(AUDITS, {}, withKey(key.secret));
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    const row = await server.orm.em
      .fork()
      .findOneOrFail(ApiKey, { id: fromGlobalId(key.apiKey.id, 'ApiKey').id });
    expect(row.revokedAt).not.toBeNull();
  });

  it('do not come back with a member who leaves and is added again', async () => {
    const returning = await register(server, { name: 'returning' });
    await addMember(server, agency, returning, WorkspaceRole.ADMIN);
    const key = await createApiKey(server, returning.accessToken, {
      scopes: ['AUDITS_READ'],
      workspaceId: agency,
    });
    await server.gql(REMOVE, { w: agency, u: returning.user.id }, { token: owner.accessToken });
    // Even a key the revocation missed (made at the very moment of leaving) stays dead.
    await server.orm.em
      .fork()
      .nativeUpdate(ApiKey, { id: fromGlobalId(key.apiKey.id, 'ApiKey').id }, { revokedAt: null });
    await addMember(server, agency, returning, WorkspaceRole.ADMIN);
    expect(codeOf(await server.gql(AUDITS, {}, withKey(key.secret)))).toBe('UNAUTHENTICATED');
  });

  it("see their workspace's audits but not its people, nor their creator's personal plan", async () => {
    const key = await createApiKey(server, admin.accessToken, {
      scopes: ['AUDITS_READ'],
      workspaceId: agency,
    });
    const audit = await createAudit(server, member.accessToken, site(agency));
    const viaAudit = await server.gql(
      `query ($id: ID!) { audit(id: $id) { workspace { id plan members { role } } } }`,
      { id: audit.id },
      withKey(key.secret),
    );
    expect(codeOf(viaAudit)).toBe('FORBIDDEN');
    expect(JSON.stringify(viaAudit.data)).not.toMatch(/OWNER|ADMIN|MEMBER|VIEWER/);
    const plan = await server.gql(
      `query ($id: ID!) { audit(id: $id) { workspace { id plan } } }`,
      { id: audit.id },
      withKey(key.secret),
    );
    expect(plan.data?.audit).toEqual({ workspace: { id: agency, plan: 'PRO' } });
    const account = await server.gql(`{ viewer { plan quota { plan } } }`, {}, withKey(key.secret));
    expect(account.data?.viewer).toEqual({ plan: null, quota: null });
  });

  it("an ADMIN revokes a colleague's key of the workspace; a MEMBER cannot", async () => {
    const key = await createApiKey(server, owner.accessToken, {
      scopes: ['AUDITS_READ'],
      workspaceId: agency,
    });
    const REVOKE = `mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`;
    expect(codeOf(await server.gql(REVOKE, { id: key.apiKey.id }, { token: member.accessToken }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await server.gql(REVOKE, { id: key.apiKey.id }, { token: outsider.accessToken }))).toBe(
      'NOT_FOUND',
    );
    const revoked = await server.gql(REVOKE, { id: key.apiKey.id }, { token: admin.accessToken });
    expect(revoked.data?.revokeApiKey.revokedAt).toBeTruthy();
  });
});

describe('leaving a workspace', () => {
  it('ends access at once, the open progress stream included', async () => {
    const leaver = await register(server, { name: 'leaver' });
    await addMember(server, agency, leaver, WorkspaceRole.MEMBER);
    const audit = await createAudit(server, owner.accessToken, site(agency));
    const client = server.wsClient({ authorization: `Bearer ${leaver.accessToken}` });
    const events: unknown[] = [];
    let opened!: () => void;
    const first = new Promise<void>((resolve) => (opened = resolve));
    const ended = new Promise<unknown>((resolve) => {
      client.subscribe(
        {
          query: 'subscription ($id: ID!) { auditProgress(id: $id) { status audit { id } } }',
          variables: { id: audit.id },
        },
        {
          next: (event) => {
            events.push(event);
            opened();
          },
          error: resolve,
          complete: () => resolve(null),
        },
      );
    });
    try {
      await first;
      expect(events).toHaveLength(1);
      const removedAt = Date.now();
      expect(
        (await server.gql(REMOVE, { w: agency, u: leaver.user.id }, { token: admin.accessToken })).data,
      ).toEqual({
        removeMember: true,
      });
      const error = await ended;
      expect(Date.now() - removedAt).toBeLessThan(5_000);
      expect(JSON.stringify(error)).toContain('NOT_FOUND');
      expect(codeOf(await server.gql(AUDIT, { id: audit.id }, { token: leaver.accessToken }))).toBe(
        'NOT_FOUND',
      );
    } finally {
      await client.dispose();
    }
  });

  it('the personal workspace keeps its user as OWNER', async () => {
    const solo = await register(server);
    const space = (await server.gql(`{ viewer { workspaces { id } } }`, {}, { token: solo.accessToken }))
      .data!.viewer.workspaces[0].id;
    await addMember(server, space, admin, WorkspaceRole.OWNER);
    const demoted = await server.gql(
      SET_ROLE,
      { w: space, u: solo.user.id, r: 'ADMIN' },
      { token: admin.accessToken },
    );
    expect(codeOf(demoted)).toBe('CONFLICT');
  });

  it("an erased member's audits stay with the team, handed to its OWNER", async () => {
    const departing = await register(server, { name: 'departing' });
    await addMember(server, agency, departing, WorkspaceRole.MEMBER);
    const audit = await createAudit(server, departing.accessToken, site(agency));
    const personal = await createAudit(server, departing.accessToken, site());
    const erased = await server.gql(
      `mutation ($p: String!) { deleteAccount(password: $p) }`,
      { p: TEST_PASSWORD },
      { token: departing.accessToken },
    );
    expect(erased.data?.deleteAccount).toBe(true);
    const kept = await server.gql(
      `query ($id: ID!) { audit(id: $id) { id owner { id } } }`,
      { id: audit.id },
      {
        token: member.accessToken,
      },
    );
    expect(kept.data?.audit).toEqual({ id: audit.id, owner: { id: owner.user.id } });
    const em = server.orm.em.fork();
    expect(await em.count(Audit, { id: fromGlobalId(personal.id, 'Audit').id })).toBe(0);
    expect(await em.count(Audit, { owner: departing.userId })).toBe(0);
  });
});

describe('renaming and deleting a workspace', () => {
  const RENAME = `mutation ($id: ID!, $name: String!) { renameWorkspace(id: $id, name: $name) { name } }`;
  const DELETE = `mutation ($id: ID!) { deleteWorkspace(id: $id) }`;

  it('an ADMIN renames; a MEMBER cannot', async () => {
    expect(
      codeOf(await server.gql(RENAME, { id: agency, name: 'Nope' }, { token: member.accessToken })),
    ).toBe('FORBIDDEN');
    const renamed = await server.gql(RENAME, { id: agency, name: ' Agency ' }, { token: admin.accessToken });
    expect(renamed.data?.renameWorkspace).toEqual({ name: 'Agency' });
    expect(codeOf(await server.gql(RENAME, { id: agency, name: '' }, { token: admin.accessToken }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('only an OWNER deletes, with everything in it; a personal workspace stays', async () => {
    const created = await server.gql(CREATE_WORKSPACE, { name: 'Short-lived' }, { token: owner.accessToken });
    const doomed = created.data!.createWorkspace.id as string;
    await addMember(server, doomed, admin, WorkspaceRole.ADMIN);
    const audit = await createAudit(server, admin.accessToken, site(doomed));
    const key = await createApiKey(server, admin.accessToken, {
      scopes: ['AUDITS_READ'],
      workspaceId: doomed,
    });

    expect(codeOf(await server.gql(DELETE, { id: doomed }, { token: admin.accessToken }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(DELETE, { id: doomed }, { token: outsider.accessToken }))).toBe(
      'NOT_FOUND',
    );
    expect((await server.gql(DELETE, { id: doomed }, { token: owner.accessToken })).data).toEqual({
      deleteWorkspace: true,
    });
    expect(codeOf(await server.gql(AUDIT, { id: audit.id }, { token: owner.accessToken }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(AUDITS, {}, withKey(key.secret)))).toBe('UNAUTHENTICATED');
    const em = server.orm.em.fork();
    expect(await em.count(Audit, { id: fromGlobalId(audit.id, 'Audit').id })).toBe(0);
    expect(await em.count(ApiKey, { id: fromGlobalId(key.apiKey.id, 'ApiKey').id })).toBe(0);

    const personal = (
      await server.gql(`{ viewer { workspaces { id personal } } }`, {}, { token: owner.accessToken })
    ).data!.viewer.workspaces.find((w: { personal: boolean }) => w.personal).id;
    expect(codeOf(await server.gql(DELETE, { id: personal }, { token: owner.accessToken }))).toBe('CONFLICT');
  });
});

describe('a FREE allowance', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ runWorker: false, env: { PLAN_FREE_AUDITS_PER_DAY: '2' } });
  });
  afterAll(() => small?.close());

  it('is not multiplied by making, or deleting and remaking, workspaces', async () => {
    const person = await register(small);
    const newWorkspace = async () =>
      (await small.gql(CREATE_WORKSPACE, { name: 'Another' }, { token: person.accessToken })).data!
        .createWorkspace.id as string;
    const first = await newWorkspace();
    await createAudit(small, person.accessToken, site(first));
    await small.gql(
      `mutation ($id: ID!) { deleteWorkspace(id: $id) }`,
      { id: first },
      { token: person.accessToken },
    );
    await createAudit(small, person.accessToken, site(await newWorkspace()));
    const third = await small.gql(
      CREATE_AUDIT,
      { input: site(await newWorkspace()) },
      { token: person.accessToken },
    );
    expect(codeOf(third)).toBe('QUOTA_EXCEEDED');
    expect(third.errors![0]!.extensions).toMatchObject({ quota: 'auditsPerDay', scope: 'user', used: 2 });
    expect(third.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
  });
});
