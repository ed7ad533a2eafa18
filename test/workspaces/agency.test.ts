// Two people work on one client's audits with different roles, end to end through the API and a
// real SMTP server: an agency OWNER invites a MEMBER (a new person) and a VIEWER (an existing
// account) by email; each role's allowed and refused operations on audits, keys and members; a
// removed member loses access at once, their open progress stream included. Later resources
// (projects, webhooks, report links) add their rows to OPERATIONS.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedAudits } from '../audits/helpers.js';
import { register, TEST_PASSWORD, type Account } from '../helpers/accounts.js';
import { startTestServerWithSmtp, tokenIn, type TestSmtpServer } from '../helpers/smtp-server.js';
import { errorCode, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';

type Role = 'owner' | 'member' | 'viewer' | 'outsider';
type Outcome = 'ok' | 'FORBIDDEN' | 'NOT_FOUND';
const ROLES: Role[] = ['owner', 'member', 'viewer', 'outsider'];

let smtp: TestSmtpServer;
let server: TestServer;
const people = {} as Record<Role, Account>;
let workspace: string;
let ownerKeyId: string;

const codeOf = (response: GraphQLResponse) => (errorCode(response) as string | undefined) ?? 'ok';

async function queuedAudit(): Promise<string> {
  const [id] = await seedAudits(server, people.owner.user.id, 1, { workspaceId: workspace }); // QUEUED
  return id!;
}

interface Operation {
  name: string;
  document: string;
  variables: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  expect: Record<Role, Outcome>;
}

const READ: Record<Role, Outcome> = { owner: 'ok', member: 'ok', viewer: 'ok', outsider: 'NOT_FOUND' };
const WRITE: Record<Role, Outcome> = { ...READ, viewer: 'FORBIDDEN' };
const MANAGE: Record<Role, Outcome> = { ...WRITE, member: 'FORBIDDEN' };

const OPERATIONS: Operation[] = [
  {
    name: 'read an audit',
    document: `query ($id: ID!) { audit(id: $id) { id workspace { id } } }`,
    variables: async () => ({ id: await queuedAudit() }),
    expect: READ,
  },
  {
    name: "list the workspace's audits",
    document: `query ($w: ID!) { audits(first: 5, filter: { workspaceId: $w }) { totalCount } }`,
    variables: () => ({ w: workspace }),
    expect: READ,
  },
  {
    name: 'create an audit in the workspace',
    document: `mutation ($w: ID!) { createAudit(input: { kind: SITE, url: "https://client.example", workspaceId: $w }) { id } }`,
    variables: () => ({ w: workspace }),
    expect: WRITE,
  },
  {
    name: 'cancel an audit',
    document: `mutation ($id: ID!) { cancelAudit(id: $id) { status } }`,
    variables: async () => ({ id: await queuedAudit() }),
    expect: WRITE,
  },
  {
    name: 'rerun an audit',
    document: `mutation ($id: ID!) { rerunAudit(id: $id) { id } }`,
    variables: async () => ({ id: await queuedAudit() }),
    expect: WRITE,
  },
  {
    name: 'delete an audit',
    document: `mutation ($id: ID!) { deleteAudit(id: $id) }`,
    variables: async () => ({ id: await queuedAudit() }),
    expect: WRITE,
  },
  {
    name: 'create an API key of the workspace',
    document: `mutation ($w: ID!) { createApiKey(input: { name: "ci", scopes: [AUDITS_READ], workspaceId: $w }) { secret } }`,
    variables: () => ({ w: workspace }),
    expect: MANAGE,
  },
  {
    name: "list the workspace's API keys",
    document: `query ($w: ID!) { node(id: $w) { ... on Workspace { apiKeys { id } } } }`,
    variables: () => ({ w: workspace }),
    expect: MANAGE,
  },
  {
    name: "revoke the OWNER's API key",
    document: `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`,
    variables: () => ({ id: ownerKeyId }),
    // Only the creator and the workspace's OWNERs and ADMINs; the OWNER goes last (see below).
    expect: MANAGE,
  },
  {
    name: 'invite someone',
    document: `mutation ($w: ID!, $e: String!) { inviteMember(workspaceId: $w, email: $e, role: VIEWER) { id } }`,
    variables: () => ({ w: workspace, e: `guest-${Math.random().toString(36).slice(2)}@example.com` }),
    expect: MANAGE,
  },
  {
    name: "change the VIEWER's role to what it is",
    document: `mutation ($w: ID!, $u: ID!) { setMemberRole(workspaceId: $w, userId: $u, role: VIEWER) { role } }`,
    variables: () => ({ w: workspace, u: people.viewer.user.id }),
    expect: MANAGE,
  },
];

let close: () => Promise<void>;

beforeAll(async () => {
  ({ server, smtp, close } = await startTestServerWithSmtp({ env: { PLAN_FREE_CONCURRENT_AUDITS: '100' } }));
}, 60_000);

afterAll(() => close());

describe('an agency and its client workspace', () => {
  it('the OWNER verifies their address, creates the workspace and invites two people by email', async () => {
    people.owner = await register(server, { name: 'Agency owner' });
    const verification = await smtp.waitFor(
      (m) => m.to === people.owner.user.email && /Confirm/.test(m.subject),
    );
    const verified = await server.gql(`mutation ($t: String!) { verifyEmail(token: $t) }`, {
      t: tokenIn(verification),
    });
    expect(verified.data).toEqual({ verifyEmail: true });
    const created = await server.gql(
      `mutation { createWorkspace(name: "Client Co") { id } }`,
      {},
      { token: people.owner.accessToken },
    );
    workspace = created.data!.createWorkspace.id;

    // The VIEWER already has an account; the MEMBER is new to the service.
    people.viewer = await register(server, { name: 'Client contact' });
    people.outsider = await register(server, { name: 'Someone else' });
    const memberEmail = `new-member-${Date.now()}@example.com`;
    const INVITE = `mutation ($w: ID!, $e: String!, $r: WorkspaceRole!) { inviteMember(workspaceId: $w, email: $e, role: $r) { id email role expiresAt } }`;
    for (const [email, role] of [
      [memberEmail, 'MEMBER'],
      [people.viewer.user.email, 'VIEWER'],
    ] as const) {
      const invited = await server.gql(
        INVITE,
        { w: workspace, e: email, r: role },
        { token: people.owner.accessToken },
      );
      expect(invited.errors).toBeUndefined();
      expect(invited.data!.inviteMember).toMatchObject({ email, role });
      expect(new Date(invited.data!.inviteMember.expiresAt).getTime()).toBeGreaterThan(Date.now());
    }

    const memberMail = await smtp.waitFor((m) => m.to === memberEmail);
    expect(memberMail.text).toContain('Client Co');
    expect(memberMail.text).toContain('https://app.example.test/accept-invitation?token=');
    people.member = await register(server, {
      email: memberEmail,
      password: TEST_PASSWORD,
      name: 'New member',
    });
    const ACCEPT = `mutation ($t: String!) { acceptInvitation(token: $t) { id name viewerRole } }`;
    const joined = await server.gql(ACCEPT, { t: tokenIn(memberMail) }, { token: people.member.accessToken });
    expect(joined.data?.acceptInvitation).toEqual({ id: workspace, name: 'Client Co', viewerRole: 'MEMBER' });

    const viewerMail = await smtp.waitFor(
      (m) => m.to === people.viewer.user.email && /Client Co/.test(m.text),
    );
    const viewerJoined = await server.gql(
      ACCEPT,
      { t: tokenIn(viewerMail) },
      { token: people.viewer.accessToken },
    );
    expect(viewerJoined.data?.acceptInvitation.viewerRole).toBe('VIEWER');
    // The link works once.
    const again = await server.gql(ACCEPT, { t: tokenIn(viewerMail) }, { token: people.viewer.accessToken });
    expect(codeOf(again)).toBe('BAD_USER_INPUT');

    const members = await server.gql(
      `query ($w: ID!) { node(id: $w) { ... on Workspace { members { user { id } role } } } }`,
      { w: workspace },
      { token: people.owner.accessToken },
    );
    expect(
      members.data!.node.members.map((m: { user: { id: string }; role: string }) => [m.user.id, m.role]),
    ).toEqual([
      [people.owner.user.id, 'OWNER'],
      [people.member.user.id, 'MEMBER'],
      [people.viewer.user.id, 'VIEWER'],
    ]);
    const key = await server.gql(
      `mutation ($w: ID!) { createApiKey(input: { name: "owner", scopes: [AUDITS_READ], workspaceId: $w }) { apiKey { id } } }`,
      { w: workspace },
      { token: people.owner.accessToken },
    );
    ownerKeyId = key.data!.createApiKey.apiKey.id;
  }, 30_000);

  it('each role may do exactly what it should', async () => {
    const mismatches: string[] = [];
    for (const operation of OPERATIONS) {
      // The OWNER last: their success may use up the target (a revoked key).
      for (const role of [...ROLES.filter((r) => r !== 'owner'), 'owner' as const]) {
        const response = await server.gql(operation.document, await operation.variables(), {
          token: people[role].accessToken,
        });
        const outcome = codeOf(response);
        if (outcome !== operation.expect[role])
          mismatches.push(
            `${operation.name} × ${role}: expected ${operation.expect[role]}, got ${outcome} (${response.errors?.[0]?.message ?? ''})`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('a removed member loses access at once, their open progress stream included', async () => {
    const audit = await queuedAudit();
    const client = server.wsClient({ authorization: `Bearer ${people.member.accessToken}` });
    let opened!: () => void;
    const first = new Promise<void>((resolve) => (opened = resolve));
    const ended = new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription ($id: ID!) { auditProgress(id: $id) { status } }', variables: { id: audit } },
        { next: () => opened(), error: resolve, complete: () => resolve('completed') },
      );
    });
    try {
      await first;
      const removed = await server.gql(
        `mutation ($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }`,
        { w: workspace, u: people.member.user.id },
        { token: people.owner.accessToken },
      );
      expect(removed.data).toEqual({ removeMember: true });
      expect(JSON.stringify(await ended)).toContain('NOT_FOUND');
      const read = await server.gql(
        `query ($id: ID!) { audit(id: $id) { id } }`,
        { id: audit },
        {
          token: people.member.accessToken,
        },
      );
      expect(codeOf(read)).toBe('NOT_FOUND');
      const workspaces = await server.gql(
        `{ viewer { workspaces { id } } }`,
        {},
        { token: people.member.accessToken },
      );
      expect(workspaces.data!.viewer.workspaces.map((w: { id: string }) => w.id)).not.toContain(workspace);
    } finally {
      await client.dispose();
    }
  });
});
