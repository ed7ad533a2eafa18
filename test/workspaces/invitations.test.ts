import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fromGlobalId } from '../../src/common/global-id.js';
import { loadConfig } from '../../src/config.js';
import { sha256 } from '../../src/modules/auth/tokens.js';
import { OutboxMessage } from '../../src/modules/mail/outbox-message.entity.js';
import { WorkspaceRole } from '../../src/modules/workspaces/workspace.entity.js';
import {
  markEmailVerified,
  register,
  TEST_PASSWORD,
  uniqueEmail,
  type Account,
} from '../helpers/accounts.js';
import { startTestServerWithSmtp, tokenIn, type TestSmtpServer } from '../helpers/smtp-server.js';
import { errorCode, startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';
import { addMember } from './helpers.js';

const INVITE = `mutation ($w: ID!, $e: String!, $r: WorkspaceRole!) {
  inviteMember(workspaceId: $w, email: $e, role: $r) {
    id email role status expiresAt createdAt workspace { id name } invitedBy { id }
  }
}`;
const ACCEPT = `mutation ($t: String!) { acceptInvitation(token: $t) { id name viewerRole } }`;
const DECLINE = `mutation ($t: String!) { declineInvitation(token: $t) }`;
const REVOKE = `mutation ($id: ID!) { revokeInvitation(id: $id) }`;
const RESEND = `mutation ($id: ID!) { resendInvitation(id: $id) { id role status expiresAt } }`;
const INVITATION = `query ($id: ID!) { node(id: $id) { id ... on Invitation { email role status } } }`;
const PENDING = `query ($id: ID!) { node(id: $id) { ... on Workspace { name invitations { id email role status } } } }`;
const MEMBERS = `query ($id: ID!) { node(id: $id) { ... on Workspace { members { user { id } role } } } }`;
const INVALID_LINK = 'This invitation link is invalid or has expired';

const sql = <T = Record<string, unknown>>(server: TestServer, query: string, params: unknown[] = []) =>
  server.orm.em.fork().getConnection().execute<T[]>(query, params);

const as = (account: Account) => ({ token: account.accessToken });

/** A new account whose address counts as verified (inviting needs one). */
async function verifiedAccount(server: TestServer, name = 'Owner'): Promise<Account> {
  const account = await register(server, { name });
  await markEmailVerified(server, account);
  return account;
}

/** A verified OWNER and their new shared workspace. */
async function ownedWorkspace(server: TestServer, name = 'Agency') {
  const owner = await verifiedAccount(server);
  const created = await server.gql(
    `mutation ($n: String!) { createWorkspace(name: $n) { id } }`,
    { n: name },
    as(owner),
  );
  expect(created.errors).toBeUndefined();
  return { owner, workspace: created.data!.createWorkspace.id as string };
}

function invite(
  server: TestServer,
  by: Account,
  workspace: string,
  email: string,
  role: `${WorkspaceRole}` = 'MEMBER',
): Promise<GraphQLResponse> {
  return server.gql(INVITE, { w: workspace, e: email, r: role }, as(by));
}

async function invited(
  server: TestServer,
  by: Account,
  workspace: string,
  email: string,
  role?: `${WorkspaceRole}`,
) {
  const response = await invite(server, by, workspace, email, role);
  expect(response.errors).toBeUndefined();
  return response.data!.inviteMember as {
    id: string;
    email: string;
    role: string;
    status: string;
    expiresAt: string;
  };
}

describe('invitations', () => {
  let server: TestServer;
  beforeAll(async () => {
    // No worker: messages stay in the outbox with their links, for the tests to follow.
    server = await startTestServer({ runWorker: false });
  });
  afterAll(() => server.close());

  /** The tokens of every invitation emailed to `email`, oldest first (read from the outbox). */
  async function tokensSentTo(email: string): Promise<string[]> {
    const messages = await server.orm.em
      .fork()
      .find(
        OutboxMessage,
        { toAddress: email, kind: 'workspace-invitation' },
        { orderBy: { createdAt: 'asc' } },
      );
    return messages.map((m) => decodeURIComponent(/accept-invitation\?token=([^\s&]+)/.exec(m.text)![1]!));
  }
  const lastTokenSentTo = async (email: string) => (await tokensSentTo(email)).at(-1)!;

  const status = async (owner: Account, id: string) =>
    (await server.gql(INVITATION, { id }, as(owner))).data?.node?.status;

  it('lets an existing account accept once: it joins with the role, and the link is then spent', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const guest = await register(server);
    const invitation = await invited(server, owner, workspace, guest.user.email, 'VIEWER');
    expect(invitation).toMatchObject({ email: guest.user.email, role: 'VIEWER', status: 'PENDING' });
    const token = await lastTokenSentTo(guest.user.email);
    expect(token).toMatch(/^wi_/);

    const accepted = await server.gql(ACCEPT, { t: token }, as(guest));
    expect(accepted.data?.acceptInvitation).toEqual({ id: workspace, name: 'Agency', viewerRole: 'VIEWER' });
    const members = await server.gql(MEMBERS, { id: workspace }, as(owner));
    expect(members.data?.node.members).toContainEqual({ user: { id: guest.user.id }, role: 'VIEWER' });
    expect(await status(owner, invitation.id)).toBe('ACCEPTED');
    // Opening the emailed link proved the address is theirs.
    const viewer = await server.gql(`{ viewer { emailVerified } }`, {}, as(guest));
    expect(viewer.data?.viewer).toEqual({ emailVerified: true });

    const again = await server.gql(ACCEPT, { t: token }, as(guest));
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toBe(INVALID_LINK);
    const unknown = await server.gql(ACCEPT, { t: 'wi_not-a-token' }, as(guest));
    expect(unknown.errors?.[0]?.message).toBe(INVALID_LINK);
  });

  it('stores only a hash of the token and mails a link with an expiry INVITATION_TTL_SECONDS ahead', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const email = uniqueEmail('ttl');
    const before = Date.now();
    const invitation = await invited(server, owner, workspace, email);
    const ttl = server.config.invitationTtlSeconds * 1000;
    expect(new Date(invitation.expiresAt).getTime()).toBeGreaterThanOrEqual(before + ttl - 1000);
    expect(new Date(invitation.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + ttl + 1000);
    const token = await lastTokenSentTo(email);
    const rows = await sql<{ token_hash: string }>(
      server,
      `select token_hash from workspace_invitations where email = ?`,
      [email],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(sha256(token));
  });

  it('refuses an expired link, and resendInvitation sends one that works', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const guest = await register(server);
    const invitation = await invited(server, owner, workspace, guest.user.email);
    const token = await lastTokenSentTo(guest.user.email);
    await sql(
      server,
      `update workspace_invitations set expires_at = now() - interval '1 minute' where id = ?`,
      [fromGlobalId(invitation.id, 'Invitation').id],
    );
    expect(await status(owner, invitation.id)).toBe('EXPIRED');
    const late = await server.gql(ACCEPT, { t: token }, as(guest));
    expect(late.errors?.[0]).toMatchObject({ message: INVALID_LINK, extensions: { code: 'BAD_USER_INPUT' } });
    expect((await server.gql(DECLINE, { t: token })).errors?.[0]?.message).toBe(INVALID_LINK);
    // An expired invitation is not pending: the list leaves it out.
    const list = await server.gql(PENDING, { id: workspace }, as(owner));
    expect(list.data?.node.invitations).toEqual([]);

    const resent = await server.gql(RESEND, { id: invitation.id }, as(owner));
    expect(resent.data?.resendInvitation).toMatchObject({ id: invitation.id, status: 'PENDING' });
    const fresh = await lastTokenSentTo(guest.user.email);
    expect(fresh).not.toBe(token);
    expect(errorCode(await server.gql(ACCEPT, { t: token }, as(guest)))).toBe('BAD_USER_INPUT');
    expect((await server.gql(ACCEPT, { t: fresh }, as(guest))).data?.acceptInvitation.viewerRole).toBe(
      'MEMBER',
    );
  });

  it('resending makes the old link stop working and the new one work', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const guest = await register(server);
    const invitation = await invited(server, owner, workspace, guest.user.email, 'ADMIN');
    const old = await lastTokenSentTo(guest.user.email);
    const resent = await server.gql(RESEND, { id: invitation.id }, as(owner));
    expect(resent.data?.resendInvitation).toMatchObject({
      id: invitation.id,
      role: 'ADMIN',
      status: 'PENDING',
    });
    const tokens = await tokensSentTo(guest.user.email);
    expect(tokens).toHaveLength(2);
    const fresh = tokens.find((t) => t !== old)!;
    expect(errorCode(await server.gql(ACCEPT, { t: old }, as(guest)))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.gql(DECLINE, { t: old }))).toBe('BAD_USER_INPUT');
    expect((await server.gql(ACCEPT, { t: fresh }, as(guest))).data?.acceptInvitation.viewerRole).toBe(
      'ADMIN',
    );
    // Once accepted there is nothing to resend.
    expect(errorCode(await server.gql(RESEND, { id: invitation.id }, as(owner)))).toBe('CONFLICT');
  });

  it('inviting the same address again replaces the pending invitation: one left, the old link dead', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const guest = await register(server);
    const first = await invited(server, owner, workspace, guest.user.email, 'VIEWER');
    const old = await lastTokenSentTo(guest.user.email);
    const second = await invited(server, owner, workspace, `  ${guest.user.email.toUpperCase()} `, 'MEMBER');
    expect(second).toMatchObject({
      id: first.id,
      email: guest.user.email,
      role: 'MEMBER',
      status: 'PENDING',
    });
    const list = await server.gql(PENDING, { id: workspace }, as(owner));
    expect(list.data?.node.invitations).toEqual([
      { id: first.id, email: guest.user.email, role: 'MEMBER', status: 'PENDING' },
    ]);
    expect(errorCode(await server.gql(ACCEPT, { t: old }, as(guest)))).toBe('BAD_USER_INPUT');
    const fresh = await lastTokenSentTo(guest.user.email);
    expect((await server.gql(ACCEPT, { t: fresh }, as(guest))).data?.acceptInvitation.viewerRole).toBe(
      'MEMBER',
    );
  });

  it('refuses a revoked link; revoking is idempotent, and CONFLICT once accepted', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const guest = await register(server);
    const invitation = await invited(server, owner, workspace, guest.user.email);
    const token = await lastTokenSentTo(guest.user.email);
    expect((await server.gql(REVOKE, { id: invitation.id }, as(owner))).data).toEqual({
      revokeInvitation: true,
    });
    expect((await server.gql(REVOKE, { id: invitation.id }, as(owner))).data).toEqual({
      revokeInvitation: true,
    });
    expect(await status(owner, invitation.id)).toBe('REVOKED');
    const refused = await server.gql(ACCEPT, { t: token }, as(guest));
    expect(refused.errors?.[0]?.message).toBe(INVALID_LINK);
    expect(errorCode(await server.gql(RESEND, { id: invitation.id }, as(owner)))).toBe('CONFLICT');

    // A new invitation of the address is a new one; accepted, it can no longer be revoked.
    const next = await invited(server, owner, workspace, guest.user.email);
    expect(next.id).not.toBe(invitation.id);
    await server.gql(ACCEPT, { t: await lastTokenSentTo(guest.user.email) }, as(guest));
    const late = await server.gql(REVOKE, { id: next.id }, as(owner));
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors?.[0]?.message).toMatch(/accepted/);
  });

  it('lets anyone with the link decline it, once; a declined link cannot be accepted', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const guest = await register(server);
    const invitation = await invited(server, owner, workspace, guest.user.email);
    const token = await lastTokenSentTo(guest.user.email);
    expect((await server.gql(DECLINE, { t: token })).data).toEqual({ declineInvitation: true });
    expect(await status(owner, invitation.id)).toBe('DECLINED');
    expect((await server.gql(DECLINE, { t: token })).errors?.[0]?.message).toBe(INVALID_LINK);
    expect((await server.gql(ACCEPT, { t: token }, as(guest))).errors?.[0]?.message).toBe(INVALID_LINK);
    const members = await server.gql(MEMBERS, { id: workspace }, as(owner));
    expect(members.data?.node.members.map((m: { user: { id: string } }) => m.user.id)).not.toContain(
      guest.user.id,
    );
  });

  it("refuses another account's session, naming the invited address masked, and keeps it pending", async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const email = uniqueEmail('invitee');
    const invitation = await invited(server, owner, workspace, email);
    const token = await lastTokenSentTo(email);
    const intruder = await register(server);
    const refused = await server.gql(ACCEPT, { t: token }, as(intruder));
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain(`i***@example.com`);
    expect(refused.errors?.[0]?.message).not.toContain(email);
    expect(await status(owner, invitation.id)).toBe('PENDING');
    // The invited person, once registered with the address, still can.
    const invitee = await register(server, { email });
    expect((await server.gql(ACCEPT, { t: token }, as(invitee))).data?.acceptInvitation.id).toBe(workspace);
  });

  it('needs a signed-in session to accept (anonymous: UNAUTHENTICATED), and keeps the link', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const guest = await register(server);
    const invitation = await invited(server, owner, workspace, guest.user.email);
    const token = await lastTokenSentTo(guest.user.email);
    expect(errorCode(await server.gql(ACCEPT, { t: token }))).toBe('UNAUTHENTICATED');
    expect(await status(owner, invitation.id)).toBe('PENDING');
  });

  it('lets exactly one of two concurrent accepts win', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const guest = await register(server);
    await invited(server, owner, workspace, guest.user.email);
    const token = await lastTokenSentTo(guest.user.email);
    const answers = await Promise.all([1, 2, 3].map(() => server.gql(ACCEPT, { t: token }, as(guest))));
    expect(answers.filter((a) => a.data?.acceptInvitation).length).toBe(1);
    expect(answers.filter((a) => errorCode(a) === 'BAD_USER_INPUT').length).toBe(2);
  });

  it('marks the invitation accepted for someone already a member, whose role stays', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const guest = await register(server);
    const invitation = await invited(server, owner, workspace, guest.user.email, 'ADMIN');
    const token = await lastTokenSentTo(guest.user.email);
    await addMember(server, workspace, guest, WorkspaceRole.VIEWER);
    const accepted = await server.gql(ACCEPT, { t: token }, as(guest));
    expect(accepted.data?.acceptInvitation.viewerRole).toBe('VIEWER');
    expect(await status(owner, invitation.id)).toBe('ACCEPTED');
  });

  describe('who may invite', () => {
    let owner: Account;
    let admin: Account;
    let member: Account;
    let viewer: Account;
    let outsider: Account;
    let workspace: string;
    let pending: { id: string };

    beforeAll(async () => {
      ({ owner, workspace } = await ownedWorkspace(server, 'Roles'));
      [admin, member, viewer, outsider] = (await Promise.all(
        ['Admin', 'Member', 'Viewer', 'Outsider'].map((name) => verifiedAccount(server, name)),
      )) as [Account, Account, Account, Account];
      await addMember(server, workspace, admin, WorkspaceRole.ADMIN);
      await addMember(server, workspace, member, WorkspaceRole.MEMBER);
      await addMember(server, workspace, viewer, WorkspaceRole.VIEWER);
      pending = await invited(server, owner, workspace, uniqueEmail('pending'));
    });

    it('refuses MEMBER and VIEWER (FORBIDDEN) and answers NOT_FOUND to non-members', async () => {
      for (const caller of [member, viewer]) {
        expect(errorCode(await invite(server, caller, workspace, uniqueEmail('x')))).toBe('FORBIDDEN');
        expect(errorCode(await server.gql(RESEND, { id: pending.id }, as(caller)))).toBe('FORBIDDEN');
        expect(errorCode(await server.gql(REVOKE, { id: pending.id }, as(caller)))).toBe('FORBIDDEN');
        expect((await server.gql(INVITATION, { id: pending.id }, as(caller))).data?.node ?? null).toBeNull();
      }
      const outside = await invite(server, outsider, workspace, uniqueEmail('x'));
      expect(errorCode(outside)).toBe('NOT_FOUND');
      for (const document of [RESEND, REVOKE, INVITATION]) {
        const answer = await server.gql(document, { id: pending.id }, as(outsider));
        expect(errorCode(answer)).toBe('NOT_FOUND');
        expect(answer.errors?.[0]?.message).not.toMatch(/workspace/i);
      }
      expect(await status(owner, pending.id)).toBe('PENDING');
    });

    it('lets an ADMIN invite, resend and see invitations', async () => {
      const invitation = await invited(server, admin, workspace, uniqueEmail('by-admin'), 'ADMIN');
      expect(invitation.status).toBe('PENDING');
      expect((await server.gql(INVITATION, { id: invitation.id }, as(admin))).data?.node.id).toBe(
        invitation.id,
      );
      expect((await server.gql(RESEND, { id: invitation.id }, as(admin))).errors).toBeUndefined();
    });

    it('lets only an OWNER invite (or re-send an invitation) as OWNER', async () => {
      const refused = await invite(server, admin, workspace, uniqueEmail('co-owner'), 'OWNER');
      expect(errorCode(refused)).toBe('FORBIDDEN');
      const coOwner = await register(server);
      const invitation = await invited(server, owner, workspace, coOwner.user.email, 'OWNER');
      expect(errorCode(await server.gql(RESEND, { id: invitation.id }, as(admin)))).toBe('FORBIDDEN');
      const token = await lastTokenSentTo(coOwner.user.email);
      expect((await server.gql(ACCEPT, { t: token }, as(coOwner))).data?.acceptInvitation.viewerRole).toBe(
        'OWNER',
      );
    });

    it('refuses an inviter whose address is not verified, saying to verify it first', async () => {
      await sql(server, `update users set email_verified_at = null where id = ?`, [admin.userId]);
      try {
        const refused = await invite(server, admin, workspace, uniqueEmail('x'));
        expect(errorCode(refused)).toBe('FORBIDDEN');
        expect(refused.errors?.[0]?.message).toMatch(/verify your email/i);
        expect(errorCode(await server.gql(RESEND, { id: pending.id }, as(admin)))).toBe('FORBIDDEN');
      } finally {
        await sql(server, `update users set email_verified_at = now() where id = ?`, [admin.userId]);
      }
    });

    it('answers CONFLICT for an address that is a member already, however it is written', async () => {
      for (const email of [member.user.email, ` ${member.user.email.toUpperCase()}  `]) {
        const answer = await invite(server, owner, workspace, email);
        expect(errorCode(answer)).toBe('CONFLICT');
        expect(answer.errors?.[0]?.message).toContain('already a member');
      }
    });

    it('answers BAD_USER_INPUT naming the field for an invalid address', async () => {
      for (const email of ['not an address', '', `${'x'.repeat(250)}@example.com`]) {
        const answer = await invite(server, owner, workspace, email);
        expect(errorCode(answer)).toBe('BAD_USER_INPUT');
        expect(answer.errors?.[0]?.extensions?.fields).toEqual([
          { field: 'email', messages: ['email must be a valid email address'] },
        ]);
      }
    });

    it('shows Workspace.invitations to OWNER and ADMIN, newest first; a FORBIDDEN field error for others', async () => {
      const newer = await invited(server, owner, workspace, uniqueEmail('newer'));
      for (const caller of [owner, admin]) {
        const list = await server.gql(PENDING, { id: workspace }, as(caller));
        expect(list.errors).toBeUndefined();
        const ids = list.data?.node.invitations.map((i: { id: string }) => i.id);
        expect(ids[0]).toBe(newer.id);
        expect(ids).toContain(pending.id);
        expect(list.data?.node.invitations.every((i: { status: string }) => i.status === 'PENDING')).toBe(
          true,
        );
      }
      for (const caller of [member, viewer]) {
        const list = await server.gql(PENDING, { id: workspace }, as(caller));
        expect(list.data?.node).toEqual({ name: 'Roles', invitations: null });
        expect(list.errors?.[0]).toMatchObject({
          path: ['node', 'invitations'],
          extensions: { code: 'FORBIDDEN' },
        });
      }
    });
  });

  it(`keeps at most 100 pending invitations per workspace (CONFLICT beyond)`, async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const workspaceId = fromGlobalId(workspace, 'Workspace').id;
    await sql(
      server,
      `insert into workspace_invitations (id, workspace_id, email, role, token_hash, created_at, expires_at)
       select gen_random_uuid(), ?, 'bulk' || g || '@example.com', 'VIEWER', md5(g || random()::text) || md5(random()::text),
              now(), now() + interval '1 day'
         from generate_series(1, 100) g`,
      [workspaceId],
    );
    const refused = await invite(server, owner, workspace, uniqueEmail('one-more'));
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toMatch(/100 pending invitations/);
    // Re-sending one of them is no new invitation; once one is answered there is room again.
    expect((await invite(server, owner, workspace, 'bulk1@example.com', 'MEMBER')).errors).toBeUndefined();
    await sql(
      server,
      `update workspace_invitations set revoked_at = now() where email = 'bulk2@example.com'`,
    );
    expect((await invite(server, owner, workspace, uniqueEmail('one-more'))).errors).toBeUndefined();
  });

  it('records sent, accepted, declined and revoked invitations in the security log', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const [joiner, decliner] = [await register(server), await register(server)];
    const revoked = await invited(server, owner, workspace, uniqueEmail('revoked'));
    await server.gql(REVOKE, { id: revoked.id }, as(owner));
    await invited(server, owner, workspace, joiner.user.email);
    await server.gql(ACCEPT, { t: await lastTokenSentTo(joiner.user.email) }, as(joiner));
    await invited(server, owner, workspace, decliner.user.email);
    await server.gql(DECLINE, { t: await lastTokenSentTo(decliner.user.email) });
    const events = await sql<{
      type: string;
      email: string;
      user_id: string | null;
      actor_id: string | null;
    }>(
      server,
      `select type, email, user_id, actor_id from security_events
        where type::text like 'INVITATION_%' and details->>'workspaceId' = ? order by created_at, type`,
      [fromGlobalId(workspace, 'Workspace').id],
    );
    const byType = (type: string) => events.filter((e) => e.type === type);
    expect(byType('INVITATION_SENT')).toHaveLength(3);
    expect(byType('INVITATION_SENT').every((e) => e.actor_id === owner.userId)).toBe(true);
    expect(byType('INVITATION_REVOKED')).toEqual([
      { type: 'INVITATION_REVOKED', email: revoked.email, user_id: null, actor_id: owner.userId },
    ]);
    expect(byType('INVITATION_ACCEPTED')).toEqual([
      {
        type: 'INVITATION_ACCEPTED',
        email: joiner.user.email,
        user_id: joiner.userId,
        actor_id: joiner.userId,
      },
    ]);
    expect(byType('INVITATION_DECLINED')).toEqual([
      { type: 'INVITATION_DECLINED', email: decliner.user.email, user_id: null, actor_id: null },
    ]);
  });

  it('exports the invitations to a verified address, and erasing the account erases them', async () => {
    const { owner, workspace } = await ownedWorkspace(server, 'Exported');
    const guest = await verifiedAccount(server, 'Guest');
    const invitation = await invited(server, owner, workspace, guest.user.email, 'VIEWER');
    const exported = await server.gql(`{ exportAccountData }`, {}, as(guest));
    expect(exported.data?.exportAccountData.invitations).toEqual([
      expect.objectContaining({
        id: invitation.id,
        workspace: { id: workspace, name: 'Exported' },
        role: 'VIEWER',
        status: 'PENDING',
      }),
    ]);
    const deleted = await server.gql(
      `mutation ($p: String!) { deleteAccount(password: $p) }`,
      { p: TEST_PASSWORD },
      as(guest),
    );
    expect(deleted.data).toEqual({ deleteAccount: true });
    const left = await sql(server, `select id from workspace_invitations where email = ?`, [
      guest.user.email,
    ]);
    expect(left).toEqual([]);
  });

  it('an account that only claims an address neither reads nor erases invitations to it', async () => {
    const { owner, workspace } = await ownedWorkspace(server, 'Secret project');
    const squatter = await register(server); // never opened a link: the address is not proven
    await invited(server, owner, workspace, squatter.user.email, 'VIEWER');
    const exported = await server.gql(`{ exportAccountData }`, {}, as(squatter));
    expect(exported.data?.exportAccountData.invitations).toEqual([]);
    expect(JSON.stringify(exported.data)).not.toContain('Secret project');
    await server.gql(
      `mutation ($p: String!) { deleteAccount(password: $p) }`,
      { p: TEST_PASSWORD },
      as(squatter),
    );
    const pending = await server.gql(
      `query ($w: ID!) { node(id: $w) { ... on Workspace { invitations { email } } } }`,
      { w: workspace },
      as(owner),
    );
    expect(pending.data?.node.invitations).toEqual([{ email: squatter.user.email }]);
    const queued = await sql(
      server,
      `select id from mail_outbox where to_address = ? and kind = 'workspace-invitation'`,
      [squatter.user.email],
    );
    expect(queued).toHaveLength(1);
  });

  it('dies with its sender: one sent by an ADMIN who left, or who lost the role, cannot be accepted', async () => {
    const { owner, workspace } = await ownedWorkspace(server, 'Standing');
    const inviter = await verifiedAccount(server, 'Inviter');
    await addMember(server, workspace, inviter, WorkspaceRole.ADMIN);
    const second = await verifiedAccount(server, 'Second address');
    const third = await verifiedAccount(server, 'Third address');
    const viaLeaver = await invited(server, inviter, workspace, second.user.email, 'ADMIN');
    await invited(server, inviter, workspace, third.user.email, 'MEMBER');
    // Demoted: the invitation it sent is dead at once.
    await server.gql(
      `mutation ($w: ID!, $u: ID!) { setMemberRole(workspaceId: $w, userId: $u, role: MEMBER) { role } }`,
      { w: workspace, u: inviter.user.id },
      as(owner),
    );
    expect(
      errorCode(await server.gql(ACCEPT, { t: await lastTokenSentTo(third.user.email) }, as(third))),
    ).toBe('BAD_USER_INPUT');
    // Removed: its open invitations are revoked.
    await server.gql(
      `mutation ($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }`,
      { w: workspace, u: inviter.user.id },
      as(owner),
    );
    expect(
      errorCode(await server.gql(ACCEPT, { t: await lastTokenSentTo(second.user.email) }, as(second))),
    ).toBe('BAD_USER_INPUT');
    const row = await sql(server, `select revoked_at from workspace_invitations where id = ?`, [
      fromGlobalId(viaLeaver.id, 'Invitation').id,
    ]);
    expect(row[0]?.revoked_at).not.toBeNull();
  });

  it('is refused to API keys', async () => {
    const { owner, workspace } = await ownedWorkspace(server);
    const created = await server.gql(
      `mutation { createApiKey(input: { name: "k", scopes: [AUDITS_READ, AUDITS_WRITE] }) { secret } }`,
      {},
      as(owner),
    );
    const key = { headers: { 'x-api-key': created.data!.createApiKey.secret as string } };
    const viaKey = await server.gql(INVITE, { w: workspace, e: uniqueEmail('k'), r: 'MEMBER' }, key);
    expect(errorCode(viaKey)).toBe('FORBIDDEN');
  });
});

describe('INVITATION_TTL_SECONDS', () => {
  it('defaults to 7 days and must be a positive number of seconds', () => {
    expect(loadConfig({}).invitationTtlSeconds).toBe(7 * 24 * 3600);
    expect(loadConfig({ INVITATION_TTL_SECONDS: '3600' }).invitationTtlSeconds).toBe(3600);
    expect(() => loadConfig({ INVITATION_TTL_SECONDS: '0' })).toThrow(/INVITATION_TTL_SECONDS/);
    expect(() => loadConfig({ INVITATION_TTL_SECONDS: 'a week' })).toThrow(/INVITATION_TTL_SECONDS/);
  });
});

describe('an invitation through a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ server, smtp, close } = await startTestServerWithSmtp());
  });
  afterAll(() => close());

  it('is emailed; a new person registers with the address, follows the link and is a member', async () => {
    const owner = await verifiedAccount(server, 'Grace Hopper');
    const created = await server.gql(
      `mutation { createWorkspace(name: "Acme agency") { id } }`,
      {},
      as(owner),
    );
    const workspace = created.data!.createWorkspace.id as string;
    const email = uniqueEmail('newcomer');
    await invited(server, owner, workspace, email, 'MEMBER');

    const mail = await smtp.waitFor((m) => m.to === email && /invited/.test(m.subject));
    expect(mail.from).toBe('audit@example.test');
    expect(mail.subject).toBe('You are invited to the workspace "Acme agency" on AEO Audit');
    expect(mail.text).toContain(
      `Grace Hopper (${owner.user.email}) invited you to join the workspace "Acme agency"`,
    );
    expect(mail.text).toContain('with the role MEMBER');
    expect(mail.text).toContain('https://app.example.test/accept-invitation?token=wi_');
    expect(mail.text).toContain('https://app.example.test/decline-invitation?token=wi_');
    expect(mail.text).toMatch(/expires on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(mail.text).toContain(`Create one with ${email} first`);

    // A new person: registers with the invited address (sign-up as usual), then accepts.
    const newcomer = await register(server, { email, name: 'Newcomer' });
    const accepted = await server.gql(ACCEPT, { t: tokenIn(mail) }, as(newcomer));
    expect(accepted.data?.acceptInvitation).toEqual({
      id: workspace,
      name: 'Acme agency',
      viewerRole: 'MEMBER',
    });
    const seen = await server.gql(
      `{ viewer { emailVerified workspaces { id viewerRole } } }`,
      {},
      as(newcomer),
    );
    expect(seen.data?.viewer.emailVerified).toBe(true);
    expect(seen.data?.viewer.workspaces).toContainEqual({ id: workspace, viewerRole: 'MEMBER' });

    // The copy kept in the outbox has no working link once sent.
    for (let i = 0; i < 50; i++) {
      const [kept] = await server.orm.em
        .fork()
        .find(OutboxMessage, { toAddress: email, kind: 'workspace-invitation' });
      if (kept?.sentAt) {
        expect(kept.text).not.toMatch(/token=wi_/);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the invitation was never marked sent');
  });
});
