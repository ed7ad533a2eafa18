// The authorization matrix: every root field of schema.graphql (plus node(id) on each node type
// and the guarded User fields) against every kind of caller, checked cell by cell. Each operation
// targets the OWNER's objects; a failing operation lists every cell that answered differently.
//
// Principals: anonymous; the owner, another USER and an ADMIN (sessions); the ADMIN, MEMBER and
// VIEWER the owner added to their workspace (sessions); the owner's API keys with AUDITS_READ
// (sent as x-api-key), AUDITS_WRITE (Authorization: Bearer) and both (Bearer); a revoked key
// (x-api-key) and an expired key (Bearer), both holding every scope. The owner's objects live in
// the owner's workspace, so each workspace role meets each of them; the cells of the workspace
// members follow the `@auth(workspaceRole:)` each field declares (checked at the end).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccountTokenPurpose } from '../../src/modules/auth/account-token.entity.js';
import { Workspace, WorkspaceRole } from '../../src/modules/workspaces/workspace.entity.js';
import { addMember } from '../workspaces/helpers.js';
import { issueAccountToken } from '../../src/modules/auth/account-tokens.js';
import { sha256 } from '../../src/modules/auth/tokens.js';
import { insertInvitation } from '../../src/modules/workspaces/invitation.store.js';
import { fromGlobalId, toGlobalId } from '../../src/common/global-id.js';
import { ApiKey } from '../../src/modules/api-keys/api-key.entity.js';
import { Audit, AuditStatus } from '../../src/modules/audits/audit.entity.js';
import { Project } from '../../src/modules/projects/project.entity.js';
import { Webhook, WebhookDelivery, WebhookEvent } from '../../src/modules/webhooks/webhook.entity.js';
import { User } from '../../src/modules/users/user.entity.js';
import { createApiKey } from '../api-keys/helpers.js';
import { seedAudits } from '../audits/helpers.js';
import {
  markEmailVerified,
  register,
  registerAdmin,
  signIn,
  TEST_PASSWORD,
  uniqueEmail,
  type Account,
} from '../helpers/accounts.js';
import { directivesOf, fieldsOf } from '../helpers/schema-fields.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';

const PRINCIPALS = [
  'anonymous',
  'owner',
  'other',
  'admin',
  'wsAdmin',
  'wsMember',
  'wsViewer',
  'readKey',
  'writeKey',
  'readWriteKey',
  'revokedKey',
  'expiredKey',
] as const;
type Principal = (typeof PRINCIPALS)[number];
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
type Expectation = Record<Principal, Outcome>;
type Vars = Record<string, unknown>;
type Data = Record<string, any>;

const isDeadKey = (principal: Principal) => principal === 'revokedKey' || principal === 'expiredKey';
const WORKSPACE_PRINCIPALS = ['wsAdmin', 'wsMember', 'wsViewer'] as const;
type WorkspacePrincipal = (typeof WORKSPACE_PRINCIPALS)[number];
const ROLE_OF: Record<WorkspacePrincipal, WorkspaceRole> = {
  wsAdmin: WorkspaceRole.ADMIN,
  wsMember: WorkspaceRole.MEMBER,
  wsViewer: WorkspaceRole.VIEWER,
};
const RANK: Record<string, number> = { VIEWER: 1, MEMBER: 2, ADMIN: 3, OWNER: 4 };
/** The workspace members' cells of a field needing `role` in the owner's workspace. */
const members = (role: WorkspaceRole) =>
  Object.fromEntries(
    WORKSPACE_PRINCIPALS.map((p) => [p, RANK[ROLE_OF[p]]! >= RANK[role]! ? 'ok' : 'FORBIDDEN']),
  ) as Record<WorkspacePrincipal, Outcome>;
/** The same cell for every workspace member. */
const allMembers = (outcome: Outcome) =>
  Object.fromEntries(WORKSPACE_PRINCIPALS.map((p) => [p, outcome])) as Record<WorkspacePrincipal, Outcome>;

/** Revoked and expired keys are refused before any field runs, whatever the field. */
const expectation = (cells: Omit<Expectation, 'revokedKey' | 'expiredKey'>): Expectation => ({
  ...cells,
  revokedKey: 'UNAUTHENTICATED',
  expiredKey: 'UNAUTHENTICATED',
});
/** @public: anyone (a key too: public fields ignore who asks). */
const PUBLIC = expectation({
  anonymous: 'ok',
  owner: 'ok',
  other: 'ok',
  admin: 'ok',
  ...allMembers('ok'),
  readKey: 'ok',
  writeKey: 'ok',
  readWriteKey: 'ok',
});
/** @auth(USER, VIEWER) @apiKey(AUDITS_READ) on one of the owner's workspace's objects. */
const OWNER_READ = expectation({
  anonymous: 'UNAUTHENTICATED',
  owner: 'ok',
  other: 'NOT_FOUND',
  admin: 'ok',
  ...members(WorkspaceRole.VIEWER),
  readKey: 'ok',
  writeKey: 'FORBIDDEN',
  readWriteKey: 'ok',
});
/** @auth(USER, MEMBER) @apiKey(AUDITS_WRITE) on one of the owner's workspace's audits. */
const OWNER_WRITE = expectation({
  anonymous: 'UNAUTHENTICATED',
  owner: 'ok',
  other: 'NOT_FOUND',
  admin: 'ok',
  ...members(WorkspaceRole.MEMBER),
  readKey: 'FORBIDDEN',
  writeKey: 'ok',
  readWriteKey: 'ok',
});
/** @auth(USER) @apiKey(AUDITS_WRITE) in the caller's own workspace (creating audits). */
const OWN_WRITE = { ...OWNER_WRITE, other: 'ok', ...allMembers('ok') } satisfies Expectation;
/** @auth(USER) @apiKey(AUDITS_READ) on the caller's own data (their list). */
const OWN_READ = { ...OWNER_READ, other: 'ok' } satisfies Expectation;
/** The owner as a person (node(User)): themselves, admins and their keys; co-members do not look people up. */
const OWNER_PERSON = { ...OWNER_READ, ...allMembers('NOT_FOUND') } satisfies Expectation;
/** @auth(USER) without @apiKey on the caller's own account: sessions only. */
const OWN_ACCOUNT = expectation({
  anonymous: 'UNAUTHENTICATED',
  owner: 'ok',
  other: 'ok',
  admin: 'ok',
  ...allMembers('ok'),
  readKey: 'FORBIDDEN',
  writeKey: 'FORBIDDEN',
  readWriteKey: 'FORBIDDEN',
});
/**
 * @auth(USER, ADMIN) without @apiKey on one of the owner's API keys or on their workspace's
 * members: the workspace's OWNERs and ADMINs manage them; a platform admin does not see them.
 */
const OWNER_KEY = {
  ...OWN_ACCOUNT,
  other: 'NOT_FOUND',
  admin: 'NOT_FOUND',
  ...members(WorkspaceRole.ADMIN),
} satisfies Expectation;
/** @auth(USER) on one of the owner's sessions: theirs alone. */
const OWNER_SESSION = { ...OWNER_KEY, ...allMembers('NOT_FOUND') } satisfies Expectation;
/** @auth(ADMIN). */
const ADMIN_ONLY = expectation({
  anonymous: 'UNAUTHENTICATED',
  owner: 'FORBIDDEN',
  other: 'FORBIDDEN',
  admin: 'ok',
  ...allMembers('FORBIDDEN'),
  readKey: 'FORBIDDEN',
  writeKey: 'FORBIDDEN',
  readWriteKey: 'FORBIDDEN',
});

interface Row {
  /** Operation name for messages, e.g. `Query.audit` or `node(Audit)`. */
  op: string;
  document: string;
  expect: Expectation;
  /** The variables of one cell (a fresh target where success would destroy the fixture). */
  variables?: (principal: Principal) => Vars | Promise<Vars>;
  /** When the cell is allowed: what the answer must show; a problem in words, or undefined. */
  verify?: (data: Data, principal: Principal, vars: Vars) => string | undefined | Promise<string | undefined>;
  /** When the cell is refused: the target must be untouched (no write behind an error). */
  intact?: (vars: Vars) => Promise<string | undefined>;
  /**
   * The workspace members' cells are not the field's declared workspace role applied to the
   * owner's workspace (the target is elsewhere, or another rule decides), and why.
   */
  membersBecause?: string;
}

let server: TestServer;
let owner: Account;
let other: Account;
let admin: Account;
const wsAccounts = {} as Record<WorkspacePrincipal, Account>;
let loginUser: Account;
let host: Account; // owns the workspaces principals are invited to, and is no principal
const passwords: Record<string, string> = {};
const secrets = {} as Record<'readKey' | 'writeKey' | 'readWriteKey' | 'revokedKey' | 'expiredKey', string>;
const fixtureKeyIds: string[] = [];
let readKeyId: string;
const ownerKeyIds: string[] = [];
let ownerAudit: string; // SUCCEEDED, with findings
let ownerQueuedAudit: string; // QUEUED, for the subscription
let otherAudit: string;
let ownerFinding: string;
let ownerSecurityEvent: string;
let ownerWorkspace: string; // the owner's personal workspace
let ownerProject: string; // a project of the owner's workspace
let ownerWebhook: string; // a webhook of the owner's workspace
let ownerDelivery: string; // one of its deliveries
let ownerInvitation: string; // pending, to the owner's personal workspace
let hostWorkspace: string; // nobody's: invitations to it are for anyone to decline
let counter = 0;

const localId = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

function credentials(principal: Principal): { token?: string; headers?: Record<string, string> } {
  switch (principal) {
    case 'anonymous':
      return {};
    case 'owner':
      return { token: owner.accessToken };
    case 'other':
      return { token: other.accessToken };
    case 'admin':
      return { token: admin.accessToken };
    case 'wsAdmin':
    case 'wsMember':
    case 'wsViewer':
      return { token: wsAccounts[principal].accessToken };
    case 'readKey':
    case 'readWriteKey':
    case 'revokedKey':
      return { headers: { 'x-api-key': secrets[principal] } };
    case 'writeKey':
    case 'expiredKey':
      return { token: secrets[principal] };
  }
}

function wsParams(principal: Principal): Record<string, unknown> | undefined {
  switch (principal) {
    case 'anonymous':
      return undefined;
    case 'owner':
    case 'other':
    case 'admin':
    case 'wsAdmin':
    case 'wsMember':
    case 'wsViewer':
      return { authorization: `Bearer ${credentials(principal).token}` };
    case 'readKey':
    case 'readWriteKey':
    case 'revokedKey':
      return { apiKey: secrets[principal] };
    case 'writeKey':
    case 'expiredKey':
      return { authorization: `Bearer ${secrets[principal]}` };
  }
}

/** The global id of the user a principal acts as (keys act as the owner). */
function actingUserId(principal: Principal): string | null {
  if (principal === 'anonymous') return null;
  if (principal === 'other') return other.user.id;
  if (principal === 'admin') return admin.user.id;
  if (principal === 'wsAdmin' || principal === 'wsMember' || principal === 'wsViewer')
    return wsAccounts[principal].user.id;
  return owner.user.id;
}

/** The address of the account a principal acts as (anonymous: a fresh one). */
function actingEmail(principal: Principal): string {
  if (principal === 'anonymous') return uniqueEmail('matrix-anonymous');
  if (principal === 'other') return other.user.email;
  if (principal === 'admin') return admin.user.email;
  if (principal === 'wsAdmin' || principal === 'wsMember' || principal === 'wsViewer')
    return wsAccounts[principal].user.email;
  return owner.user.email;
}

function outcomeOf(response: GraphQLResponse): string {
  if (!response.errors?.length) return 'ok';
  const code = response.errors[0]!.extensions?.code;
  return typeof code === 'string' ? code : `no code: ${response.errors[0]!.message}`;
}

// ---------------------------------------------------------------------------------------------
// Fresh targets for cells whose success would destroy the shared fixture.

async function freshQueuedAudit(): Promise<string> {
  const [id] = await seedAudits(server, owner.user.id, 1); // index 0 of a seed is QUEUED
  return id!;
}

/** A new login of the owner: the global id of its session. */
async function freshOwnerSession(): Promise<string> {
  const token = (await signIn(server, owner.user.email)).accessToken;
  const { sid } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string };
  return Buffer.from(`Session:${sid}`).toString('base64url');
}

async function sessionRevokedAt(globalId: string): Promise<Date | null | undefined> {
  const rows = await server.orm.em
    .fork()
    .getConnection()
    .execute<{ revoked_at: Date | null }[]>('select revoked_at from sessions where id = ?', [
      localId(globalId),
    ]);
  return rows[0]?.revoked_at;
}

async function freshOwnerKey(): Promise<string> {
  // Keeps the owner under the live-key limit: keys made for earlier cells stop now.
  await server.orm.em
    .fork()
    .nativeUpdate(
      ApiKey,
      { workspace: fromGlobalId(ownerWorkspace, 'Workspace').id, id: { $nin: fixtureKeyIds } },
      { revokedAt: new Date(Date.now() - 1000) },
    );
  const { apiKey } = await createApiKey(server, owner.accessToken, {
    name: `target ${++counter}`,
    scopes: ['AUDITS_READ'],
  });
  return apiKey.id;
}

/** A pending invitation of `email` (a fresh one by default), as if the owner had sent it. */
async function freshInvitation(
  workspace = ownerWorkspace,
  email = uniqueEmail('matrix-invitee'),
): Promise<{ id: string; token: string }> {
  const { invitation, token } = await insertInvitation(server.orm.em.fork(), {
    workspaceId: localId(workspace),
    email,
    role: WorkspaceRole.VIEWER,
    // Sent by an OWNER of the workspace: an invitation is only as good as its sender's standing.
    invitedById: workspace === ownerWorkspace ? owner.userId : host.userId,
    ttlSeconds: 3600,
  });
  return { id: toGlobalId('Invitation', invitation.id), token };
}

/** A workspace of the host alone (no principal is in it), so that whoever is invited can join. */
async function freshWorkspace(): Promise<string> {
  const em = server.orm.em.fork();
  const workspace = em.create(Workspace, { name: `matrix ${++counter}` });
  await em.flush();
  const id = toGlobalId('Workspace', workspace.id);
  await addMember(server, id, host, WorkspaceRole.OWNER);
  return id;
}

async function invitationRow(globalId: string) {
  const rows = await server.orm.em
    .fork()
    .getConnection()
    .execute<
      { token_hash: string; accepted_at: Date | null; declined_at: Date | null; revoked_at: Date | null }[]
    >('select token_hash, accepted_at, declined_at, revoked_at from workspace_invitations where id = ?', [
      localId(globalId),
    ]);
  return rows[0];
}

const stillPending = async (vars: Vars) => {
  const row = await invitationRow(vars.id as string);
  return row && !row.accepted_at && !row.declined_at && !row.revoked_at
    ? undefined
    : 'target invitation was CLOSED';
};

const PROJECT_INPUT = { name: 'Matrix project', url: 'https://example.com', kinds: ['SITE'] };

async function freshProject(): Promise<string> {
  const created = await server.gql(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    { input: PROJECT_INPUT },
    { token: owner.accessToken },
  );
  return created.data!.createProject.id as string;
}

async function freshWebhook(): Promise<string> {
  const created = await server.gql(
    `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`,
    { input: { url: 'https://hooks.example/matrix', events: ['ALERT'], workspaceId: ownerWorkspace } },
    { token: owner.accessToken },
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createWebhook.webhook.id as string;
}

async function auditRow(globalId: string) {
  return server.orm.em.fork().findOne(Audit, { id: localId(globalId) });
}

/** A live share link of the owner's audit, stored directly (a global id). */
async function freshReportLink(): Promise<string> {
  const { randomBytes, randomUUID } = await import('node:crypto');
  const id = randomUUID();
  const audit = await server.orm.em.fork().findOneOrFail(Audit, { id: localId(ownerAudit) });
  await server.orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into report_links (id, workspace_id, audit_id, created_by_id, token_hash, expires_at, created_at)
       values (?, ?, ?, ?, ?, now() + interval '1 day', now())`,
      [id, audit.workspace.id, audit.id, owner.userId, sha256(randomBytes(32).toString('base64url'))],
    );
  return toGlobalId('ReportLink', id);
}

async function reportLinkRevokedAt(globalId: string): Promise<Date | null> {
  const [row] = await server.orm.em
    .fork()
    .getConnection()
    .execute<{ revoked_at: Date | null }[]>('select revoked_at from report_links where id = ?', [
      localId(globalId),
    ]);
  return row?.revoked_at ?? null;
}

async function keyRevokedAt(globalId: string) {
  return (await server.orm.em.fork().findOneOrFail(ApiKey, { id: localId(globalId) })).revokedAt;
}

// ---------------------------------------------------------------------------------------------

const containsAudit = (connection: any, id: string) =>
  (connection?.edges ?? []).some((edge: any) => edge.node.id === id);

/** A connection of audits seen by `principal`: the owner's audit exactly when they may see it. */
function checkAuditList(connection: any, principal: Principal): string | undefined {
  const seesOwner = principal !== 'other';
  const seesOther = principal === 'admin' || principal === 'other';
  if (containsAudit(connection, ownerAudit) !== seesOwner)
    return `owner's audit ${seesOwner ? 'missing from' : 'LEAKED into'} the list`;
  if (containsAudit(connection, otherAudit) !== seesOther)
    return `other user's audit ${seesOther ? 'missing from' : 'LEAKED into'} the list`;
  return undefined;
}

const AUDIT_LIST = `totalCount edges { node { id owner { id } } }`;

const QUERY_ROWS: Row[] = [
  {
    op: 'Query.viewer',
    document: `{ viewer { id email } }`,
    expect: { ...PUBLIC, writeKey: 'FORBIDDEN' },
    verify: (data, principal) =>
      (data.viewer?.id ?? null) === actingUserId(principal)
        ? undefined
        : `viewer is ${JSON.stringify(data.viewer)}`,
  },
  {
    op: 'node(User)',
    document: `query($id: ID!) { node(id: $id) { id ... on User { email } } }`,
    variables: () => ({ id: owner.user.id }),
    expect: OWNER_PERSON,
    verify: (data) => (data.node?.id === owner.user.id ? undefined : `node is ${JSON.stringify(data.node)}`),
  },
  {
    op: 'node(Audit)',
    document: `query($id: ID!) { node(id: $id) { id ... on Audit { url status } } }`,
    variables: () => ({ id: ownerAudit }),
    expect: OWNER_READ,
    verify: (data) => (data.node?.id === ownerAudit ? undefined : `node is ${JSON.stringify(data.node)}`),
  },
  {
    op: 'node(Finding)',
    document: `query($id: ID!) { node(id: $id) { id ... on Finding { title } } }`,
    variables: () => ({ id: ownerFinding }),
    expect: OWNER_READ,
    verify: (data) => (data.node?.id === ownerFinding ? undefined : `node is ${JSON.stringify(data.node)}`),
  },
  {
    // Keys are account management: their owner's sessions only. A read key passes node()'s
    // own guard and then does not find the key (existence is not told).
    op: 'node(ApiKey)',
    document: `query($id: ID!) { node(id: $id) { id ... on ApiKey { prefix } } }`,
    variables: () => ({ id: readKeyId }),
    expect: {
      ...OWNER_KEY,
      readKey: 'NOT_FOUND',
      readWriteKey: 'NOT_FOUND',
      wsMember: 'NOT_FOUND',
      wsViewer: 'NOT_FOUND',
    },
    verify: (data) => (data.node?.id === readKeyId ? undefined : `node is ${JSON.stringify(data.node)}`),
  },
  {
    // The security log is for admin sessions, even the events about oneself.
    op: 'node(SecurityEvent)',
    document: `query($id: ID!) { node(id: $id) { id ... on SecurityEvent { type } } }`,
    variables: () => ({ id: ownerSecurityEvent }),
    expect: {
      ...ADMIN_ONLY,
      owner: 'NOT_FOUND',
      other: 'NOT_FOUND',
      ...allMembers('NOT_FOUND'),
      readKey: 'NOT_FOUND',
      readWriteKey: 'NOT_FOUND',
    },
    verify: (data) =>
      data.node?.id === ownerSecurityEvent ? undefined : `node is ${JSON.stringify(data.node)}`,
  },
  {
    // Invitations are workspace management: its OWNERs' and ADMINs' sessions only.
    op: 'node(Invitation)',
    document: `query($id: ID!) { node(id: $id) { id ... on Invitation { email status } } }`,
    variables: () => ({ id: ownerInvitation }),
    // node() answers NOT_FOUND, never FORBIDDEN: members below ADMIN do not see invitations.
    expect: {
      ...OWNER_KEY,
      readKey: 'NOT_FOUND',
      readWriteKey: 'NOT_FOUND',
      wsMember: 'NOT_FOUND',
      wsViewer: 'NOT_FOUND',
    },
    verify: (data) =>
      data.node?.id === ownerInvitation ? undefined : `node is ${JSON.stringify(data.node)}`,
  },
  {
    op: 'Query.audit',
    document: `query($id: ID!) { audit(id: $id) { id status owner { id } findings(first: 5) { totalCount } } }`,
    variables: () => ({ id: ownerAudit }),
    expect: OWNER_READ,
    verify: (data) => (data.audit?.id === ownerAudit ? undefined : `audit is ${JSON.stringify(data.audit)}`),
  },
  {
    op: 'Query.audits',
    document: `{ audits(first: 100) { ${AUDIT_LIST} } }`,
    expect: OWN_READ,
    verify: (data, principal) => checkAuditList(data.audits, principal),
  },
  {
    op: 'Query.project',
    document: `query($id: ID!) { project(id: $id) { id name audits(first: 5) { totalCount } } }`,
    variables: () => ({ id: ownerProject }),
    expect: OWNER_READ,
    verify: (data) =>
      data.project?.id === ownerProject ? undefined : `project is ${JSON.stringify(data.project)}`,
  },
  {
    op: 'Query.projects',
    document: `{ projects(first: 100) { edges { node { id } } } }`,
    expect: OWN_READ,
    verify: (data, principal) => {
      const seen = data.projects.edges.some((edge: any) => edge.node.id === ownerProject);
      return seen === (principal !== 'other') ? undefined : `owner's project ${seen ? 'LEAKED' : 'missing'}`;
    },
  },
  {
    op: 'Query.compareAudits',
    document: `query($id: ID!) { compareAudits(base: $id, head: $id) { scoreDelta persistingFindings { id } } }`,
    variables: () => ({ id: ownerAudit }),
    expect: OWNER_READ,
    verify: (data) =>
      data.compareAudits.persistingFindings.length === 2
        ? undefined
        : `compared ${JSON.stringify(data.compareAudits)}`,
  },
  {
    op: 'Query.checks',
    document: `{ checks { checkId weight } }`,
    expect: PUBLIC,
    verify: (data) => (Array.isArray(data.checks) ? undefined : `checks is ${JSON.stringify(data.checks)}`),
  },
  {
    op: 'Query.errorCodes',
    document: `{ errorCodes { code description } }`,
    expect: PUBLIC,
    verify: (data) =>
      data.errorCodes.some((info: any) => info.code === 'NOT_FOUND') ? undefined : 'NOT_FOUND not listed',
  },
  {
    op: 'Query.users',
    document: `{ users(first: 100) { totalCount edges { node { id } } } }`,
    expect: ADMIN_ONLY,
    verify: (data) =>
      data.users.edges.some((edge: any) => edge.node.id === owner.user.id) ? undefined : 'owner not listed',
  },
  {
    op: 'Query.exportAccountData',
    document: `{ exportAccountData }`,
    expect: OWN_ACCOUNT,
    verify: (data, principal) =>
      data.exportAccountData.user.id === actingUserId(principal) ? undefined : 'exported someone else',
  },
  {
    op: 'Query.exportUserData',
    document: `query($id: ID!) { exportUserData(id: $id) }`,
    variables: () => ({ id: owner.user.id }),
    expect: ADMIN_ONLY,
    verify: (data) => (data.exportUserData.user.id === owner.user.id ? undefined : 'exported someone else'),
  },
  {
    op: 'Query.securityEvents',
    document: `{ securityEvents(first: 5) { totalCount edges { node { id type } } } }`,
    expect: ADMIN_ONLY,
    verify: (data) => (data.securityEvents.totalCount > 0 ? undefined : 'empty security log'),
  },
];

const NESTED_ROWS: Row[] = [
  {
    op: 'User.audits (viewer)',
    document: `{ viewer { id audits(first: 100) { ${AUDIT_LIST} } } }`,
    expect: { ...PUBLIC, writeKey: 'FORBIDDEN' },
    verify: (data, principal) => {
      if (principal === 'anonymous') return data.viewer === null ? undefined : 'anonymous viewer is not null';
      const audits = data.viewer.audits;
      // "The audits this user created": an admin's own profile lists the admin's audits, not
      // everyone's; a workspace member's lists their own, not their colleagues'.
      if (principal === 'admin' || WORKSPACE_PRINCIPALS.includes(principal as WorkspacePrincipal))
        return containsAudit(audits, ownerAudit) || containsAudit(audits, otherAudit)
          ? `${principal}'s own User.audits lists other users' audits`
          : undefined;
      return checkAuditList(audits, principal);
    },
  },
  {
    op: 'User.audits (node(owner))',
    document: `query($id: ID!) { node(id: $id) { ... on User { audits(first: 100) { ${AUDIT_LIST} } } } }`,
    variables: () => ({ id: owner.user.id }),
    expect: OWNER_PERSON,
    verify: (data) => {
      const audits = data.node?.audits;
      if (!containsAudit(audits, ownerAudit)) return "owner's audit missing";
      if (containsAudit(audits, otherAudit)) return "other user's audit LEAKED into owner's User.audits";
      return undefined;
    },
  },
  {
    op: 'User.apiKeys (viewer)',
    document: `{ viewer { id apiKeys { id } } }`,
    expect: { ...OWN_ACCOUNT, anonymous: 'ok' },
    verify: (data, principal) => {
      if (principal === 'anonymous') return data.viewer === null ? undefined : 'anonymous viewer is not null';
      const ids: string[] = data.viewer.apiKeys.map((key: { id: string }) => key.id);
      const leaked = ids.filter((id) => ownerKeyIds.includes(id));
      if (principal === 'owner') return ids.includes(readKeyId) ? undefined : "owner's key missing";
      return leaked.length ? `owner's keys LEAKED: ${leaked.join(', ')}` : undefined;
    },
  },
  {
    op: 'User.apiKeys (node(owner))',
    document: `query($id: ID!) { node(id: $id) { id ... on User { apiKeys { id } } } }`,
    variables: () => ({ id: owner.user.id }),
    expect: { ...OWNER_KEY, admin: 'ok', ...allMembers('NOT_FOUND') },
    verify: (data, principal) => {
      const ids: string[] = (data.node?.apiKeys ?? []).map((key: { id: string }) => key.id);
      if (principal === 'owner') return ids.includes(readKeyId) ? undefined : "owner's key missing";
      // "Empty on other users' profiles", an admin's view included.
      return ids.length ? `owner's keys LEAKED to ${principal}: ${ids.join(', ')}` : undefined;
    },
  },
  {
    op: 'User.plan (node(owner))',
    document: `query($id: ID!) { node(id: $id) { ... on User { plan } } }`,
    variables: () => ({ id: owner.user.id }),
    expect: OWNER_PERSON,
    verify: (data) => (data.node?.plan ? undefined : `plan is ${JSON.stringify(data.node)}`),
  },
  {
    op: 'User.quota (node(owner))',
    document: `query($id: ID!) { node(id: $id) { ... on User { quota { plan auditsPerDay { limit used } } } } }`,
    variables: () => ({ id: owner.user.id }),
    expect: OWNER_PERSON,
    verify: (data) => (data.node?.quota?.plan ? undefined : `quota is ${JSON.stringify(data.node)}`),
  },
  {
    // Reached through node(), as any workspace field: members only, and the list is for OWNER/ADMIN.
    op: 'Workspace.invitations (node(ownerWorkspace))',
    document: `query($id: ID!) { node(id: $id) { ... on Workspace { invitations { id } } } }`,
    variables: () => ({ id: ownerWorkspace }),
    expect: { ...OWNER_KEY, readKey: 'NOT_FOUND', readWriteKey: 'NOT_FOUND' },
    verify: (data) =>
      (data.node?.invitations ?? []).some((i: { id: string }) => i.id === ownerInvitation)
        ? undefined
        : `invitations are ${JSON.stringify(data.node?.invitations)}`,
  },
  {
    op: 'Workspace.audits (node(owner workspace))',
    document: `query($id: ID!) { node(id: $id) { ... on Workspace { audits(first: 100) { ${AUDIT_LIST} } } } }`,
    variables: () => ({ id: ownerWorkspace }),
    // Workspaces are looked up by their members' sessions; keys list audits with Query.audits.
    expect: { ...OWNER_READ, admin: 'NOT_FOUND', readKey: 'NOT_FOUND', readWriteKey: 'NOT_FOUND' },
    verify: (data) => (containsAudit(data.node?.audits, ownerAudit) ? undefined : "owner's audit missing"),
  },
  {
    op: 'Workspace.apiKeys (node(owner workspace))',
    document: `query($id: ID!) { node(id: $id) { ... on Workspace { apiKeys { id } } } }`,
    variables: () => ({ id: ownerWorkspace }),
    expect: { ...OWNER_KEY, readKey: 'NOT_FOUND', readWriteKey: 'NOT_FOUND' },
    verify: (data) =>
      (data.node?.apiKeys ?? []).some((key: { id: string }) => key.id === readKeyId)
        ? undefined
        : "the workspace's key is missing",
  },
  {
    op: 'Workspace.plan (node(owner workspace))',
    document: `query($id: ID!) { node(id: $id) { ... on Workspace { plan quota { auditsPerDay { limit } } } } }`,
    variables: () => ({ id: ownerWorkspace }),
    expect: { ...OWNER_READ, admin: 'NOT_FOUND', readKey: 'NOT_FOUND', readWriteKey: 'NOT_FOUND' },
    verify: (data) => (data.node?.plan ? undefined : `plan is ${JSON.stringify(data.node)}`),
  },
  {
    // A write-only key reaches a User through a mutation's answer; its read-guarded fields stay shut.
    op: 'User.plan (createAudit.owner)',
    document: `mutation($input: CreateAuditInput!) { createAudit(input: $input) { id owner { plan } } }`,
    variables: () => ({ input: { kind: 'SITE', url: 'https://example.com' } }),
    expect: { ...OWN_WRITE, writeKey: 'FORBIDDEN' },
  },
];

/** The token a fresh account would find in its email (issued the way the service issues it). */
async function emailedToken(purpose: AccountTokenPurpose, newEmail?: string): Promise<string> {
  const account = await register(server, { email: uniqueEmail('matrix-token') });
  return issueAccountToken(server.orm.em.fork(), account.userId, purpose, 3600, newEmail);
}

const MUTATION_ROWS: Row[] = [
  {
    op: 'Mutation.register',
    document: `mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`,
    variables: () => ({
      input: { email: uniqueEmail('matrix-register'), password: TEST_PASSWORD },
    }),
    expect: PUBLIC,
    verify: (data) => (data.register.accessToken ? undefined : 'no access token'),
  },
  {
    op: 'Mutation.login',
    document: `mutation($input: LoginInput!) { login(input: $input) { accessToken user { id } } }`,
    variables: () => ({ input: { email: loginUser.user.email, password: TEST_PASSWORD } }),
    expect: PUBLIC,
    verify: (data) => (data.login.user.id === loginUser.user.id ? undefined : 'signed in as someone else'),
  },
  {
    op: 'Mutation.refreshSession',
    document: `mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken } }`,
    variables: async () => ({
      token: (await register(server, { email: uniqueEmail('refresh') })).refreshToken,
    }),
    expect: PUBLIC,
  },
  {
    op: 'Mutation.logout',
    document: `mutation($token: String!) { logout(refreshToken: $token) }`,
    variables: async () => ({
      token: (await register(server, { email: uniqueEmail('logout') })).refreshToken,
    }),
    expect: PUBLIC,
    verify: (data) => (data.logout === true ? undefined : `logout answered ${data.logout}`),
  },
  {
    op: 'Mutation.requestPasswordReset',
    document: `mutation($email: String!) { requestPasswordReset(email: $email) }`,
    variables: () => ({ email: uniqueEmail('matrix-reset') }),
    expect: PUBLIC,
    verify: (data) => (data.requestPasswordReset === true ? undefined : 'did not answer true'),
  },
  {
    op: 'Mutation.resetPassword',
    document: `mutation($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }`,
    variables: async () => ({
      token: await emailedToken(AccountTokenPurpose.PASSWORD_RESET),
      password: 'a new password for the matrix',
    }),
    expect: PUBLIC,
    verify: (data) => (data.resetPassword === true ? undefined : 'did not answer true'),
  },
  {
    op: 'Mutation.verifyEmail',
    document: `mutation($token: String!) { verifyEmail(token: $token) }`,
    variables: async () => ({ token: await emailedToken(AccountTokenPurpose.EMAIL_VERIFICATION) }),
    expect: PUBLIC,
    verify: (data) => (data.verifyEmail === true ? undefined : 'did not answer true'),
  },
  {
    op: 'Mutation.confirmEmailChange',
    document: `mutation($token: String!) { confirmEmailChange(token: $token) { email } }`,
    variables: async () => ({
      token: await emailedToken(AccountTokenPurpose.EMAIL_CHANGE, uniqueEmail('matrix-moved')),
    }),
    expect: PUBLIC,
    verify: (data) =>
      data.confirmEmailChange.email.startsWith('matrix-moved') ? undefined : 'email unchanged',
  },
  {
    // Each principal's own account: with a wrong password, so that no fixture account is erased
    // (erasure itself: test/auth/account-data.test.ts). Keys may never delete an account.
    op: 'Mutation.deleteAccount',
    document: `mutation($password: String!) { deleteAccount(password: $password) }`,
    variables: () => ({ password: 'not the password of anyone' }),
    expect: {
      ...OWN_ACCOUNT,
      owner: 'UNAUTHENTICATED',
      other: 'UNAUTHENTICATED',
      admin: 'UNAUTHENTICATED',
      ...allMembers('UNAUTHENTICATED'),
    },
    membersBecause: 'a wrong password answers UNAUTHENTICATED to everyone',
  },
  {
    op: 'Mutation.deleteUser',
    document: `mutation($id: ID!) { deleteUser(id: $id) }`,
    variables: async () => ({ id: (await register(server, { email: uniqueEmail('matrix-erase') })).user.id }),
    expect: ADMIN_ONLY,
    verify: (data) => (data.deleteUser === true ? undefined : 'not deleted'),
  },
  {
    op: 'Mutation.createWorkspace',
    document: `mutation { createWorkspace(name: "Matrix") { id viewerRole } }`,
    expect: OWN_ACCOUNT,
    verify: (data) => (data.createWorkspace.viewerRole === 'OWNER' ? undefined : 'creator is not OWNER'),
  },
  {
    // On the owner's personal workspace: members only (NOT_FOUND for everyone else), sessions only.
    op: 'Mutation.setMemberRole',
    document: `mutation($w: ID!, $u: ID!) { setMemberRole(workspaceId: $w, userId: $u, role: OWNER) { role } }`,
    variables: () => ({ w: ownerWorkspace, u: owner.user.id }),
    expect: { ...OWNER_KEY, wsAdmin: 'FORBIDDEN' },
    membersBecause: 'only an OWNER grants or changes the OWNER role',
    verify: (data) => (data.setMemberRole.role === 'OWNER' ? undefined : 'role changed'),
  },
  {
    // Renames the owner's workspace to what it is called.
    op: 'Mutation.renameWorkspace',
    document: `mutation($w: ID!) { renameWorkspace(id: $w, name: "Personal") { name } }`,
    variables: () => ({ w: ownerWorkspace }),
    expect: OWNER_KEY,
    verify: (data) => (data.renameWorkspace.name === 'Personal' ? undefined : 'not renamed'),
  },
  {
    op: 'Mutation.deleteWorkspace',
    document: `mutation($w: ID!) { deleteWorkspace(id: $w) }`,
    variables: async () => {
      const created = await server.gql(
        `mutation { createWorkspace(name: "Doomed") { id } }`,
        {},
        { token: owner.accessToken },
      );
      const w = created.data!.createWorkspace.id as string;
      for (const principal of WORKSPACE_PRINCIPALS)
        await addMember(server, w, wsAccounts[principal], ROLE_OF[principal]);
      return { w };
    },
    expect: { ...OWNER_KEY, ...members(WorkspaceRole.OWNER) },
    verify: (data) => (data.deleteWorkspace === true ? undefined : 'not deleted'),
    intact: async (vars) =>
      (await server.orm.em.fork().count(Workspace, { id: localId(vars.w as string) }))
        ? undefined
        : 'the workspace was DELETED',
  },
  {
    op: 'Mutation.removeMember',
    document: `mutation($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }`,
    variables: async () => {
      const guest = await register(server, { email: uniqueEmail('matrix-guest') });
      await addMember(server, ownerWorkspace, guest, WorkspaceRole.VIEWER);
      return { w: ownerWorkspace, u: guest.user.id };
    },
    expect: OWNER_KEY,
    verify: (data) => (data.removeMember === true ? undefined : 'not removed'),
  },
  {
    // Into the owner's personal workspace: its OWNER only (NOT_FOUND for everyone else), sessions only.
    op: 'Mutation.inviteMember',
    document: `mutation($w: ID!, $e: String!) { inviteMember(workspaceId: $w, email: $e, role: VIEWER) { id status invitedBy { id } } }`,
    variables: () => ({ w: ownerWorkspace, e: uniqueEmail('matrix-invite') }),
    expect: OWNER_KEY,
    verify: (data, principal) =>
      data.inviteMember.status === 'PENDING' && data.inviteMember.invitedBy.id === actingUserId(principal)
        ? undefined
        : `answered ${JSON.stringify(data.inviteMember)}`,
    intact: async (vars) => {
      const rows = await server.orm.em
        .fork()
        .getConnection()
        .execute('select id from workspace_invitations where email = ?', [vars.e]);
      return rows.length ? 'an invitation was CREATED' : undefined;
    },
  },
  {
    op: 'Mutation.resendInvitation',
    document: `mutation($id: ID!) { resendInvitation(id: $id) { id status } }`,
    variables: async () => {
      const { id, token } = await freshInvitation();
      return { id, oldHash: sha256(token) };
    },
    expect: OWNER_KEY,
    verify: async (data, _principal, vars) =>
      data.resendInvitation.status === 'PENDING' &&
      (await invitationRow(vars.id as string))?.token_hash !== vars.oldHash
        ? undefined
        : 'the old link still works',
    intact: async (vars) =>
      (await invitationRow(vars.id as string))?.token_hash === vars.oldHash
        ? undefined
        : 'target invitation was RE-SENT',
  },
  {
    op: 'Mutation.revokeInvitation',
    document: `mutation($id: ID!) { revokeInvitation(id: $id) }`,
    variables: async () => ({ id: (await freshInvitation()).id }),
    expect: OWNER_KEY,
    verify: async (data, _principal, vars) =>
      data.revokeInvitation === true && (await invitationRow(vars.id as string))?.revoked_at
        ? undefined
        : 'the invitation is still open',
    intact: stillPending,
  },
  {
    // Each principal accepts an invitation to its own address (keys act as the owner): sessions only.
    op: 'Mutation.acceptInvitation',
    document: `mutation($token: String!) { acceptInvitation(token: $token) { id viewerRole } }`,
    variables: async (principal) => {
      const workspace = await freshWorkspace();
      const { id, token } = await freshInvitation(workspace, actingEmail(principal));
      return { id, token, workspace };
    },
    expect: OWN_ACCOUNT,
    verify: (data, _principal, vars) =>
      data.acceptInvitation.id === vars.workspace && data.acceptInvitation.viewerRole === 'VIEWER'
        ? undefined
        : `answered ${JSON.stringify(data.acceptInvitation)}`,
    intact: stillPending,
  },
  {
    // The link alone declines: anyone holding it.
    op: 'Mutation.declineInvitation',
    document: `mutation($token: String!) { declineInvitation(token: $token) }`,
    variables: async () => freshInvitation(hostWorkspace),
    expect: PUBLIC,
    verify: async (data, _principal, vars) =>
      data.declineInvitation === true && (await invitationRow(vars.id as string))?.declined_at
        ? undefined
        : 'not declined',
    intact: stillPending,
  },
  {
    op: 'Mutation.resendVerificationEmail',
    document: `mutation { resendVerificationEmail }`,
    // True exactly for an unverified address: the owner's is verified (the invitation rows need
    // it), and accepting an invitation verifies the other principals' too.
    variables: async (principal) => {
      const userId = actingUserId(principal);
      if (!userId) return {};
      const user = await server.orm.em.fork().findOneOrFail(User, { id: localId(userId) });
      return { verified: user.emailVerified };
    },
    expect: OWN_ACCOUNT,
    verify: (data, _principal, vars) =>
      data.resendVerificationEmail === !vars.verified
        ? undefined
        : `answered ${data.resendVerificationEmail} for ${vars.verified ? 'a verified' : 'an unverified'} address`,
  },
  {
    op: 'Mutation.createAudit',
    membersBecause: "by default it acts in the caller's own personal workspace",
    document: `mutation($input: CreateAuditInput!) { createAudit(input: $input) { id status owner { id } } }`,
    variables: () => ({ input: { kind: 'SITE', url: 'https://example.com' } }),
    expect: OWN_WRITE,
    verify: (data, principal) =>
      data.createAudit.owner.id === actingUserId(principal)
        ? undefined
        : `audit created for ${data.createAudit.owner.id}`,
  },
  {
    op: "Mutation.createAudit (in the owner's workspace)",
    document: `mutation($input: CreateAuditInput!) { createAudit(input: $input) { id workspace { id } owner { id } } }`,
    variables: () => ({ input: { kind: 'SITE', url: 'https://example.com', workspaceId: ownerWorkspace } }),
    // A platform admin is no member: their audits go in workspaces they belong to.
    expect: { ...OWNER_WRITE, admin: 'NOT_FOUND' },
    verify: (data, principal) =>
      data.createAudit.workspace.id === ownerWorkspace &&
      data.createAudit.owner.id === actingUserId(principal)
        ? undefined
        : `createAudit answered ${JSON.stringify(data.createAudit)}`,
  },
  {
    op: 'Mutation.createAudits',
    membersBecause: "by default it acts in the caller's own personal workspace",
    document: `mutation($input: CreateAuditsInput!) { createAudits(input: $input) { index error { code } audit { id owner { id } } } }`,
    variables: () => ({ input: { audits: [{ kind: 'SITE', url: 'https://example.com' }] } }),
    expect: OWN_WRITE,
    verify: (data, principal) =>
      data.createAudits[0]?.audit?.owner.id === actingUserId(principal)
        ? undefined
        : `createAudits answered ${JSON.stringify(data.createAudits)}`,
  },
  {
    op: 'Mutation.cancelAudit',
    document: `mutation($id: ID!) { cancelAudit(id: $id) { id status } }`,
    variables: async () => ({ id: await freshQueuedAudit() }),
    expect: OWNER_WRITE,
    verify: (data) =>
      data.cancelAudit.status === 'CANCELLED' ? undefined : `status ${data.cancelAudit.status}`,
    intact: async (vars) => {
      const row = await auditRow(vars.id as string);
      return row?.status === AuditStatus.QUEUED ? undefined : `target audit is now ${row?.status ?? 'gone'}`;
    },
  },
  {
    op: 'Mutation.rerunAudit',
    document: `mutation($id: ID!) { rerunAudit(id: $id) { id status owner { id } } }`,
    variables: () => ({ id: ownerAudit }),
    expect: OWNER_WRITE,
    verify: (data, principal) =>
      data.rerunAudit.id !== ownerAudit && data.rerunAudit.owner.id === actingUserId(principal)
        ? undefined
        : `rerun answered ${JSON.stringify(data.rerunAudit)}`,
  },
  {
    op: 'Mutation.deleteAudit',
    document: `mutation($id: ID!) { deleteAudit(id: $id) }`,
    variables: async () => ({ id: await freshQueuedAudit() }),
    expect: OWNER_WRITE,
    verify: async (data, _principal, vars) =>
      data.deleteAudit === true && !(await auditRow(vars.id as string))
        ? undefined
        : 'the audit is still there',
    intact: async (vars) => ((await auditRow(vars.id as string)) ? undefined : 'target audit was DELETED'),
  },
  {
    op: 'Mutation.createReportLink',
    document: `mutation($id: ID!) { createReportLink(auditId: $id, expiresInSeconds: 600) { id url state } }`,
    variables: () => ({ id: ownerAudit }),
    expect: OWNER_WRITE,
    verify: (data) =>
      /\/reports\/.+\.html\?token=[A-Za-z0-9_-]{43}$/.test(data.createReportLink.url) &&
      data.createReportLink.state === 'ACTIVE'
        ? undefined
        : `created ${JSON.stringify(data.createReportLink)}`,
  },
  {
    op: 'Mutation.revokeReportLink',
    document: `mutation($id: ID!) { revokeReportLink(id: $id) }`,
    variables: async () => ({ id: await freshReportLink() }),
    expect: OWNER_WRITE,
    verify: async (data, _principal, vars) =>
      data.revokeReportLink === true && (await reportLinkRevokedAt(vars.id as string))
        ? undefined
        : 'the link is still live',
    intact: async (vars) =>
      (await reportLinkRevokedAt(vars.id as string)) ? 'target link was REVOKED' : undefined,
  },
  {
    op: 'Mutation.createProject',
    membersBecause: "by default it acts in the caller's own personal workspace",
    document: `mutation($input: CreateProjectInput!) { createProject(input: $input) { id owner { id } } }`,
    variables: () => ({ input: PROJECT_INPUT }),
    expect: OWN_WRITE,
    verify: (data, principal) =>
      data.createProject.owner.id === actingUserId(principal) ? undefined : 'created for someone else',
  },
  {
    op: 'Mutation.updateProject',
    document: `mutation($id: ID!) { updateProject(id: $id, input: { name: "Matrix project" }) { id name } }`,
    variables: () => ({ id: ownerProject }),
    expect: OWNER_WRITE,
    verify: (data) => (data.updateProject.name === 'Matrix project' ? undefined : 'not updated'),
  },
  {
    op: 'Mutation.runProject',
    document: `mutation($id: ID!) { runProject(id: $id) { id project { id } } }`,
    variables: () => ({ id: ownerProject }),
    expect: OWNER_WRITE,
    verify: (data) =>
      data.runProject[0]?.project?.id === ownerProject ? undefined : `ran ${JSON.stringify(data.runProject)}`,
  },
  {
    op: 'Mutation.deleteProject',
    document: `mutation($id: ID!) { deleteProject(id: $id) }`,
    variables: async () => ({ id: await freshProject() }),
    expect: OWNER_WRITE,
    verify: (data) => (data.deleteProject === true ? undefined : 'not deleted'),
    intact: async (vars) =>
      (await server.orm.em.fork().count(Project, { id: localId(vars.id as string) }))
        ? undefined
        : 'the project was DELETED',
  },
  {
    op: 'Mutation.createWebhook',
    document: `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }`,
    variables: () => ({
      input: { url: 'https://hooks.example/new', events: ['AUDIT_FAILED'], workspaceId: ownerWorkspace },
    }),
    expect: OWNER_KEY,
    verify: (data) => (data.createWebhook.secret ? undefined : 'no secret'),
  },
  {
    op: 'Mutation.updateWebhook',
    document: `mutation($id: ID!) { updateWebhook(id: $id, input: { events: [ALERT] }) { id events } }`,
    variables: () => ({ id: ownerWebhook }),
    expect: OWNER_KEY,
    verify: (data) => (data.updateWebhook.events.join() === 'ALERT' ? undefined : 'not updated'),
  },
  {
    op: 'Mutation.rotateWebhookSecret',
    document: `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`,
    variables: () => ({ id: ownerWebhook }),
    expect: OWNER_KEY,
    verify: (data) => (data.rotateWebhookSecret.secret ? undefined : 'no secret'),
  },
  {
    op: 'Mutation.redeliverWebhook',
    document: `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }`,
    variables: () => ({ id: ownerDelivery }),
    expect: OWNER_KEY,
    verify: (data) => (data.redeliverWebhook.status === 'PENDING' ? undefined : 'not queued'),
  },
  {
    op: 'Mutation.deleteWebhook',
    document: `mutation($id: ID!) { deleteWebhook(id: $id) }`,
    variables: async () => ({ id: await freshWebhook() }),
    expect: OWNER_KEY,
    verify: (data) => (data.deleteWebhook === true ? undefined : 'not deleted'),
    intact: async (vars) =>
      (await server.orm.em.fork().count(Webhook, { id: localId(vars.id as string) }))
        ? undefined
        : 'the webhook was DELETED',
  },
  {
    op: 'Mutation.createApiKey',
    membersBecause: "by default it acts in the caller's own personal workspace",
    document: `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
    variables: () => ({ input: { name: `matrix ${++counter}`, scopes: ['AUDITS_READ'] } }),
    expect: OWN_ACCOUNT,
    verify: (data) => (data.createApiKey.secret ? undefined : 'no secret'),
  },
  {
    op: "Mutation.createApiKey (in the owner's workspace)",
    document: `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
    variables: () => ({
      input: { name: `matrix ${++counter}`, scopes: ['AUDITS_READ'], workspaceId: ownerWorkspace },
    }),
    expect: OWNER_KEY,
    verify: (data) => (data.createApiKey.secret ? undefined : 'no secret'),
  },
  {
    op: 'Mutation.revokeApiKey',
    document: `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`,
    variables: async () => ({ id: await freshOwnerKey() }),
    expect: OWNER_KEY,
    verify: (data) => (data.revokeApiKey.revokedAt ? undefined : 'revokedAt is null'),
    intact: async (vars) =>
      (await keyRevokedAt(vars.id as string)) === null ? undefined : 'target key was REVOKED',
  },
  {
    op: 'Mutation.revokeSession',
    document: `mutation($id: ID!) { revokeSession(id: $id) }`,
    variables: async () => ({ id: await freshOwnerSession() }),
    expect: OWNER_SESSION,
    membersBecause: "sessions are their user's alone",
    verify: async (data, _principal, vars) =>
      data.revokeSession === true && (await sessionRevokedAt(vars.id as string))
        ? undefined
        : 'the session is still live',
    intact: async (vars) =>
      (await sessionRevokedAt(vars.id as string)) === null ? undefined : 'target session was REVOKED',
  },
  {
    op: 'Mutation.rotateApiKey',
    document: `mutation($id: ID!) { rotateApiKey(id: $id, gracePeriodSeconds: 0) { secret apiKey { id } } }`,
    variables: async () => ({ id: await freshOwnerKey() }),
    expect: OWNER_KEY,
    verify: (data) => (data.rotateApiKey.secret ? undefined : 'no secret'),
    intact: async (vars) =>
      (await keyRevokedAt(vars.id as string)) === null ? undefined : 'target key was ROTATED',
  },
  {
    // Each caller changes their own password (keys: the owner's); sessions stay signed in.
    op: 'Mutation.changePassword',
    document: `mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`,
    variables: (principal) => {
      const userId = actingUserId(principal) ?? owner.user.id;
      return {
        input: { currentPassword: passwords[userId], newPassword: `another long password ${++counter}` },
      };
    },
    expect: OWN_ACCOUNT,
    verify: (data, principal, vars) => {
      passwords[actingUserId(principal)!] = (vars.input as { newPassword: string }).newPassword;
      return data.changePassword === true ? undefined : `answered ${data.changePassword}`;
    },
  },
  {
    op: 'Mutation.updateProfile',
    document: `mutation($name: String) { updateProfile(input: { name: $name }) { id name } }`,
    variables: (principal) => ({ name: `Name of ${principal}` }),
    expect: OWN_ACCOUNT,
    verify: (data, principal) =>
      data.updateProfile.id === actingUserId(principal) ? undefined : 'updated someone else',
  },
  {
    // Sets the owner's role to what it is: harmless when allowed.
    op: 'Mutation.setUserRole',
    document: `mutation($id: ID!) { setUserRole(id: $id, role: USER) { id role } }`,
    variables: () => ({ id: owner.user.id }),
    expect: ADMIN_ONLY,
    verify: (data) => (data.setUserRole.role === 'USER' ? undefined : `role ${data.setUserRole.role}`),
  },
  {
    op: 'Mutation.setUserPlan',
    document: `mutation($id: ID!) { setUserPlan(id: $id, plan: FREE) { id plan } }`,
    variables: () => ({ id: owner.user.id }),
    expect: ADMIN_ONLY,
    verify: (data) => (data.setUserPlan.plan === 'FREE' ? undefined : `plan ${data.setUserPlan.plan}`),
  },
  {
    op: 'Mutation.setWorkspacePlan',
    document: `mutation($id: ID!) { setWorkspacePlan(id: $id, plan: FREE) { id plan } }`,
    variables: () => ({ id: ownerWorkspace }),
    expect: ADMIN_ONLY,
    verify: (data) =>
      data.setWorkspacePlan.plan === 'FREE' ? undefined : `plan ${data.setWorkspacePlan.plan}`,
  },
  {
    op: 'Mutation.deactivateUser',
    document: `mutation($id: ID!) { deactivateUser(id: $id) { id isActive } }`,
    variables: async () => ({ id: (await register(server, { email: uniqueEmail('deactivate') })).user.id }),
    expect: ADMIN_ONLY,
    verify: (data) => (data.deactivateUser.isActive === false ? undefined : 'still active'),
    intact: async (vars) => {
      const user = await server.orm.em.fork().findOneOrFail(User, { id: localId(vars.id as string) });
      return user.deactivatedAt === null ? undefined : 'target user was DEACTIVATED';
    },
  },
  {
    // The owner is active: reactivating them changes nothing.
    op: 'Mutation.reactivateUser',
    document: `mutation($id: ID!) { reactivateUser(id: $id) { id isActive } }`,
    variables: () => ({ id: owner.user.id }),
    expect: ADMIN_ONLY,
    verify: (data) => (data.reactivateUser.isActive === true ? undefined : 'not active'),
  },
];

async function runCell(row: Row, principal: Principal): Promise<string | undefined> {
  const cell = `${row.op} × ${principal}`;
  const vars = (await row.variables?.(principal)) ?? {};
  const response = await server.gql(row.document, vars, credentials(principal));
  const observed = outcomeOf(response);
  const expected = row.expect[principal];
  if (observed !== expected) {
    const message = response.errors?.[0]?.message;
    return `${cell}: expected ${expected}, got ${observed}${message ? ` (${message})` : ''}`;
  }
  if (isDeadKey(principal) && response.status !== 401)
    return `${cell}: expected HTTP 401, got ${response.status}`;
  if (expected === 'ok') {
    const problem = await row.verify?.(response.data as Data, principal, vars);
    if (problem) return `${cell}: ${problem}`;
  } else {
    const problem = await row.intact?.(vars);
    if (problem) return `${cell}: refused with ${observed} but ${problem}`;
  }
  return undefined;
}

async function runRow(row: Row) {
  const mismatches: string[] = [];
  for (const principal of PRINCIPALS) {
    const mismatch = await runCell(row, principal);
    if (mismatch) mismatches.push(mismatch);
  }
  expect(mismatches).toEqual([]);
}

beforeAll(async () => {
  // No worker: audits stay QUEUED and nothing is fetched. Quotas high enough for every cell.
  server = await startTestServer({
    runWorker: false,
    env: {
      PLAN_FREE_CONCURRENT_AUDITS: '1000',
      PLAN_FREE_AUDITS_PER_DAY: '1000',
      PLAN_FREE_MAX_PROJECTS: '1000',
    },
  });
  owner = await register(server, { email: uniqueEmail('owner') });
  // Inviting needs a verified address.
  await markEmailVerified(server, owner);
  other = await register(server, { email: uniqueEmail('other') });
  admin = await registerAdmin(server);
  loginUser = await register(server, { email: uniqueEmail('login') });
  host = await register(server, { email: uniqueEmail('host') });
  for (const principal of WORKSPACE_PRINCIPALS) {
    wsAccounts[principal] = await register(server, { email: uniqueEmail(principal.toLowerCase()) });
    // Verified, so that what decides whether they may invite is their role.
    await markEmailVerified(server, wsAccounts[principal]);
  }
  for (const account of [owner, other, admin, ...Object.values(wsAccounts)])
    passwords[account.user.id] = TEST_PASSWORD;

  const workspaces = await server.gql(`{ viewer { workspaces { id } } }`, {}, { token: owner.accessToken });
  ownerWorkspace = workspaces.data!.viewer.workspaces[0].id;

  const keyOf = async (scopes: string[], expiresAt?: string) => {
    const created = await createApiKey(server, owner.accessToken, { name: 'matrix', scopes, expiresAt });
    fixtureKeyIds.push(localId(created.apiKey.id));
    ownerKeyIds.push(created.apiKey.id);
    return created;
  };
  const read = await keyOf(['AUDITS_READ']);
  secrets.readKey = read.secret;
  readKeyId = read.apiKey.id;
  secrets.writeKey = (await keyOf(['AUDITS_WRITE'])).secret;
  secrets.readWriteKey = (await keyOf(['AUDITS_READ', 'AUDITS_WRITE'])).secret;
  const revoked = await keyOf(['AUDITS_READ', 'AUDITS_WRITE']);
  secrets.revokedKey = revoked.secret;
  const revoke = await server.gql(
    `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
    { id: revoked.apiKey.id },
    { token: owner.accessToken },
  );
  expect(revoke.data?.revokeApiKey.revokedAt).toBeTruthy();
  const expired = await keyOf(['AUDITS_READ', 'AUDITS_WRITE'], new Date(Date.now() + 3600e3).toISOString());
  secrets.expiredKey = expired.secret;
  // Table api_keys, column expires_at (src/modules/api-keys/api-key.entity.ts, the migration).
  await server.orm.em
    .fork()
    .getConnection()
    .execute(`update api_keys set expires_at = now() - interval '1 minute' where id = ?`, [
      fromGlobalId(expired.apiKey.id, 'ApiKey').id,
    ]);

  const [queued, succeeded] = await seedAudits(server, owner.user.id, 2, { findingsPerAudit: 2 });
  ownerQueuedAudit = queued!;
  ownerAudit = succeeded!;
  [otherAudit] = (await seedAudits(server, other.user.id, 1)) as [string];
  const findings = await server.gql(
    `query($id: ID!) { audit(id: $id) { findings(first: 1) { edges { node { id } } } } }`,
    { id: ownerAudit },
    { token: owner.accessToken },
  );
  ownerFinding = findings.data!.audit.findings.edges[0].node.id;
  const events = await server.gql(
    `query($userId: ID!) { securityEvents(first: 1, filter: { userId: $userId, type: [API_KEY_CREATED] }) { edges { node { id } } } }`,
    { userId: owner.user.id },
    { token: admin.accessToken },
  );
  ownerSecurityEvent = events.data!.securityEvents.edges[0].node.id;
  for (const principal of WORKSPACE_PRINCIPALS)
    await addMember(server, ownerWorkspace, wsAccounts[principal], ROLE_OF[principal]);
  ownerInvitation = (await freshInvitation()).id;
  ownerProject = await freshProject();
  // A run, so that the project has a stored event to stream.
  const ran = await server.gql(
    `mutation($id: ID!) { runProject(id: $id) { id } }`,
    { id: ownerProject },
    {
      token: owner.accessToken,
    },
  );
  expect(ran.errors).toBeUndefined();
  ownerWebhook = await freshWebhook();
  const delivery = server.orm.em.fork();
  const row = delivery.create(WebhookDelivery, {
    webhook: localId(ownerWebhook),
    event: WebhookEvent.ALERT,
    body: '{"id":"matrix"}',
  } as never);
  await delivery.flush();
  ownerDelivery = toGlobalId('WebhookDelivery', row.id);
  hostWorkspace = await freshWorkspace();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('queries', () => {
  for (const row of QUERY_ROWS) it(row.op, () => runRow(row));
});

describe('guarded object fields', () => {
  for (const row of NESTED_ROWS) it(row.op, () => runRow(row));
});

describe('mutations', () => {
  for (const row of MUTATION_ROWS) it(row.op, () => runRow(row), 60_000);
});

/** Subscriptions answer like reads; dead keys are refused when the connection opens. */
const WS_EXPECTED: Record<Principal, Outcome | 'CLOSED_4401'> = {
  ...OWNER_READ,
  revokedKey: 'CLOSED_4401',
  expiredKey: 'CLOSED_4401',
};

/** The first result of a subscription for `principal`: ok with its data, an error code, or the close. */
async function firstResult(
  principal: Principal,
  query: string,
  variables: Vars,
): Promise<{ outcome: string; data?: Data }> {
  const client = server.wsClient(wsParams(principal));
  let closeCode: number | undefined;
  client.on('closed', (event) => {
    closeCode = (event as { code?: number }).code;
  });
  try {
    for await (const result of client.iterate({ query, variables })) {
      if (result.errors?.length) return { outcome: String(result.errors[0]!.extensions?.code) };
      return { outcome: 'ok', data: result.data as Data };
    }
    return { outcome: 'completed without an event' };
  } catch (error) {
    const code = closeCode ?? (error as { code?: number }).code;
    if (code === 4401) return { outcome: 'CLOSED_4401' };
    if (Array.isArray(error)) return { outcome: String(error[0]?.extensions?.code) };
    return { outcome: `error: ${JSON.stringify(error)} (close ${code})` };
  } finally {
    await client.dispose();
  }
}

describe('subscriptions over WebSocket', () => {
  it('Subscription.auditProgress', async () => {
    const mismatches: string[] = [];
    for (const principal of PRINCIPALS) {
      const { outcome, data } = await firstResult(
        principal,
        `subscription($id: ID!) { auditProgress(id: $id) { status audit { id } } }`,
        { id: ownerQueuedAudit },
      );
      const cell = `Subscription.auditProgress × ${principal}`;
      if (outcome !== WS_EXPECTED[principal])
        mismatches.push(`${cell}: expected ${WS_EXPECTED[principal]}, got ${outcome}`);
      else if (outcome === 'ok' && data?.auditProgress?.status !== 'QUEUED')
        mismatches.push(`${cell}: first event is ${JSON.stringify(data)}, not the current state (QUEUED)`);
      else if (outcome === 'ok' && data?.auditProgress?.audit?.id !== ownerQueuedAudit)
        mismatches.push(`${cell}: first event is about ${JSON.stringify(data)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('Subscription.projectEvents', async () => {
    // A stored event of the owner's project, published while each principal listens.
    const [stored] = await server.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>('select id from project_events where project_id = ? limit 1', [
        localId(ownerProject),
      ]);
    const publisher = setInterval(() => {
      void server.app.pubsub.publish(`project-events:${localId(ownerProject)}`, {
        projectId: localId(ownerProject),
        eventId: stored!.id,
      });
    }, 100);
    const mismatches: string[] = [];
    try {
      for (const principal of PRINCIPALS) {
        const { outcome, data } = await firstResult(
          principal,
          `subscription($id: ID!) { projectEvents(projectId: $id) { type project { id } } }`,
          { id: ownerProject },
        );
        const cell = `Subscription.projectEvents × ${principal}`;
        if (outcome !== WS_EXPECTED[principal])
          mismatches.push(`${cell}: expected ${WS_EXPECTED[principal]}, got ${outcome}`);
        else if (outcome === 'ok' && data?.projectEvents?.project?.id !== ownerProject)
          mismatches.push(`${cell}: event about ${JSON.stringify(data)}`);
      }
    } finally {
      clearInterval(publisher);
    }
    expect(mismatches).toEqual([]);
  });
});

// The workspace members' cells are what each root field declares with @auth(workspaceRole:).
it("holds every field's declared workspace role to the members' cells", async () => {
  const declared = (op: string): WorkspaceRole | null => {
    const [type, field] = op.split(' ')[0]!.split('.') as [string, string];
    const auth = directivesOf(server.server.schema, type, field).find((d) => d.startsWith('@auth'));
    return (/workspaceRole: (\w+)/.exec(auth ?? '')?.[1] as WorkspaceRole | undefined) ?? null;
  };
  const problems: string[] = [];
  for (const row of [...QUERY_ROWS, ...MUTATION_ROWS]) {
    const role = declared(row.op);
    if (!role || row.membersBecause) continue;
    for (const [principal, outcome] of Object.entries(members(role))) {
      const cell = row.expect[principal as Principal];
      if (cell !== outcome)
        problems.push(`${row.op} × ${principal}: declared ${role} means ${outcome}, the matrix says ${cell}`);
    }
  }
  expect(problems).toEqual([]);
});

// Every cell above is one (operation, principal) pair.
it('covers every root field of the schema', async () => {
  const rootFields = (type: string) => fieldsOf(server.server.schema, type);
  const covered = new Set(
    [...QUERY_ROWS, ...MUTATION_ROWS]
      .map((row) => row.op)
      .concat(['Query.node', 'Subscription.auditProgress', 'Subscription.projectEvents']),
  );
  const missing = [...rootFields('Query'), ...rootFields('Mutation'), ...rootFields('Subscription')].filter(
    (field) => !covered.has(field),
  );
  expect(missing).toEqual([]);
});
