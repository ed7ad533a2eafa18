import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxMessage, OutboxStatus } from '../../src/modules/mail/outbox-message.entity.js';
import { createApiKey, withKey } from '../api-keys/helpers.js';
import { LoginDocument } from '../../client/generated/graphql.js';
import { register, signIn, TEST_PASSWORD, uniqueEmail } from '../helpers/accounts.js';
import {
  startSmtpServer,
  startTestServerWithSmtp,
  tokenIn,
  type TestSmtpServer,
} from '../helpers/smtp-server.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';

const REQUEST_RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation ($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }`;
const VERIFY = `mutation ($token: String!) { verifyEmail(token: $token) }`;
const REFRESH = `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`;
const NEW_PASSWORD = 'a brand new password for this test';

describe('password reset and email verification, through a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ server, smtp, close } = await startTestServerWithSmtp());
  });
  afterAll(() => close());

  it('emails a verification link at sign-up; the link verifies once', async () => {
    const account = await register(server);
    const mail = await smtp.waitFor(
      (m) => m.to === account.user.email && /Confirm your email/.test(m.subject),
    );
    expect(mail.from).toBe('audit@example.test');
    expect(mail.text).toContain('https://app.example.test/verify-email?token=');
    const before = await server.gql(`{ viewer { emailVerified } }`, {}, { token: account.accessToken });
    expect(before.data?.viewer).toEqual({ emailVerified: false });

    expect((await server.gql(VERIFY, { token: tokenIn(mail) })).data).toEqual({ verifyEmail: true });
    const after = await server.gql(`{ viewer { emailVerified } }`, {}, { token: account.accessToken });
    expect(after.data?.viewer).toEqual({ emailVerified: true });

    const again = await server.gql(VERIFY, { token: tokenIn(mail) });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.gql(VERIFY, { token: 'ev_forged' }))).toBe('BAD_USER_INPUT');
  });

  it('answers the same for unknown addresses, and resets the password end to end', async () => {
    const account = await register(server);
    const other = await signIn(server, account.user.email);
    const unknown = await server.gql(REQUEST_RESET, { email: uniqueEmail('nobody') });
    const known = await server.gql(REQUEST_RESET, { email: account.user.email.toUpperCase() });
    expect(unknown.data).toEqual({ requestPasswordReset: true });
    expect(known.data).toEqual(unknown.data);
    expect(known.errors).toBeUndefined();

    const mail = await smtp.waitFor((m) => m.to === account.user.email && /Reset your/.test(m.subject));
    expect(mail.text).toContain('https://app.example.test/reset-password?token=pr_');
    const token = tokenIn(mail);

    const tooShort = await server.gql(RESET, { token, password: 'short' });
    expect(errorCode(tooShort)).toBe('BAD_USER_INPUT');
    expect((await server.gql(RESET, { token, password: NEW_PASSWORD })).data).toEqual({
      resetPassword: true,
    });

    // Every session ended: both refresh tokens are dead; the new password signs in, the old does not.
    for (const session of [account, other]) {
      expect(errorCode(await server.gql(REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
    }
    const oldPassword = await server.gql(LoginDocument, {
      input: { email: account.user.email, password: TEST_PASSWORD },
    });
    expect(errorCode(oldPassword)).toBe('UNAUTHENTICATED');
    const signedIn = await signIn(server, account.user.email, { password: NEW_PASSWORD });
    const viewer = await server.gql(`{ viewer { emailVerified } }`, {}, { token: signedIn.accessToken });
    expect(viewer.data?.viewer).toEqual({ emailVerified: true });

    // Single use.
    const reused = await server.gql(RESET, { token, password: 'yet another password 123' });
    expect(errorCode(reused)).toBe('BAD_USER_INPUT');
    // Nothing was mailed to the unknown address.
    expect(smtp.messages.filter((m) => m.to.startsWith('nobody'))).toEqual([]);
  });

  it('a newer reset link replaces the older one', async () => {
    const account = await register(server);
    const isReset = (m: { to: string; subject: string }) =>
      m.to === account.user.email && /Reset/.test(m.subject);
    await server.gql(REQUEST_RESET, { email: account.user.email });
    const first = await smtp.waitFor(isReset);
    await server.gql(REQUEST_RESET, { email: account.user.email });
    const second = await smtp.waitFor((m) => isReset(m) && m !== first);
    expect(errorCode(await server.gql(RESET, { token: tokenIn(first), password: NEW_PASSWORD }))).toBe(
      'BAD_USER_INPUT',
    );
    expect((await server.gql(RESET, { token: tokenIn(second), password: NEW_PASSWORD })).data).toEqual({
      resetPassword: true,
    });
  });

  it('tells the owner once when someone registers with their address', async () => {
    const account = await register(server);
    for (let i = 0; i < 2; i++) {
      const taken = await server.gql(
        `mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }`,
        { input: { email: account.user.email, password: 'someone elses password' } },
      );
      expect(errorCode(taken)).toBe('CONFLICT');
    }
    const notice = await smtp.waitFor(
      (m) => m.to === account.user.email && /tried to create/.test(m.subject),
    );
    expect(notice.text).toContain('https://app.example.test/forgot-password');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(
      smtp.messages.filter((m) => m.to === account.user.email && /tried to create/.test(m.subject)),
    ).toHaveLength(1);
  });
});

describe('changing the email, through a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  const UPDATE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { email pendingEmail } }`;
  const CONFIRM = `mutation ($token: String!) { confirmEmailChange(token: $token) { email emailVerified } }`;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it('changes it once the new address confirms, and tells the old one', async () => {
    const account = await register(server);
    const newEmail = uniqueEmail('moved');
    const started = await server.gql(
      UPDATE,
      { input: { email: newEmail, currentPassword: TEST_PASSWORD } },
      { token: account.accessToken },
    );
    expect(started.data?.updateProfile).toEqual({ email: account.user.email, pendingEmail: newEmail });
    const notice = await smtp.waitFor((m) => m.to === account.user.email && /being changed/.test(m.subject));
    expect(notice.text).toContain(newEmail);
    const confirmation = await smtp.waitFor((m) => m.to === newEmail);
    expect(confirmation.subject).toMatch(/Confirm your new email/);

    const confirmed = await server.gql(CONFIRM, { token: tokenIn(confirmation) });
    expect(confirmed.data?.confirmEmailChange).toEqual({ email: newEmail, emailVerified: true });
    expect(errorCode(await server.gql(CONFIRM, { token: tokenIn(confirmation) }))).toBe('BAD_USER_INPUT');
    await signIn(server, newEmail);
    const old = await server.gql(LoginDocument, {
      input: { email: account.user.email, password: TEST_PASSWORD },
    });
    expect(errorCode(old)).toBe('UNAUTHENTICATED');
  });

  it('lets a password reset end a pending email change and every API key', async () => {
    const account = await register(server);
    const key = await createApiKey(server, account.accessToken, { scopes: ['AUDITS_READ'] });
    const attacker = uniqueEmail('attacker');
    await server.gql(
      UPDATE,
      { input: { email: attacker, currentPassword: TEST_PASSWORD } },
      { token: account.accessToken },
    );
    const takeover = await smtp.waitFor((m) => m.to === attacker);
    await server.gql(REQUEST_RESET, { email: account.user.email });
    const reset = await smtp.waitFor((m) => m.to === account.user.email && /Reset/.test(m.subject));
    expect((await server.gql(RESET, { token: tokenIn(reset), password: NEW_PASSWORD })).data).toEqual({
      resetPassword: true,
    });
    expect(errorCode(await server.gql(CONFIRM, { token: tokenIn(takeover) }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.gql(`{ viewer { id } }`, {}, withKey(key.secret)))).toBe('UNAUTHENTICATED');
  });

  it('answers a taken address exactly like a free one; only the email to it differs', async () => {
    const holder = await register(server);
    const account = await register(server);
    const free = uniqueEmail('free');
    const answers = [];
    for (const email of [holder.user.email, free]) {
      const answer = await server.gql(
        UPDATE,
        { input: { email, currentPassword: TEST_PASSWORD } },
        { token: account.accessToken },
      );
      answers.push({
        ...answer.data?.updateProfile,
        pendingEmail: answer.data?.updateProfile.pendingEmail ? 'set' : null,
      });
      expect(answer.errors).toBeUndefined();
    }
    expect(answers[0]).toEqual(answers[1]);
    const toHolder = await smtp.waitFor((m) => m.to === holder.user.email && /already has/.test(m.subject));
    expect(toHolder.text).not.toMatch(/token=/);
  });
});

describe('email without SMTP: the outbox', () => {
  let server: TestServer;
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });

  beforeAll(async () => {
    server = await startTestServer({
      env: { PASSWORD_RESET_TTL_SECONDS: '1' },
      logger: pino({ level: 'info' }, sink),
    });
  });
  afterAll(() => server.close());

  const outbox = (to: string) =>
    server.orm.em.fork().find(OutboxMessage, { toAddress: to }, { orderBy: { createdAt: 'asc' } });

  it('keeps every message in the outbox, marked STORED by the mail job', async () => {
    const account = await register(server);
    await server.gql(REQUEST_RESET, { email: account.user.email });
    for (let i = 0; i < 100; i++) {
      const rows = await outbox(account.user.email);
      if (rows.length === 2 && rows.every((r) => r.status === OutboxStatus.STORED)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rows = await outbox(account.user.email);
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ['email-verification', OutboxStatus.STORED],
      ['password-reset', OutboxStatus.STORED],
    ]);
    expect(rows[1]?.text).toMatch(/http:\/\/localhost:\d+\/reset-password\?token=pr_/);
    // …and in the log, where a local user without SMTP finds the link.
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; mail?: { kind: string } });
    const resetLog = logged.find((entry) => entry.mail?.kind === 'password-reset');
    expect(resetLog?.msg).toContain(rows[1]?.text);
  });

  it('refuses an expired reset link', async () => {
    const account = await register(server);
    await server.gql(REQUEST_RESET, { email: account.user.email });
    let text = '';
    for (let i = 0; i < 50 && !text; i++) {
      text = (await outbox(account.user.email)).find((r) => r.kind === 'password-reset')?.text ?? '';
      if (!text) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const token = decodeURIComponent(/token=(\S+)/.exec(text)?.[1] ?? '');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(errorCode(await server.gql(RESET, { token, password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
  });
});

describe('email while the SMTP server is down', () => {
  it('keeps the message queued with the error, and delivers it when the server is back', async () => {
    const probe = await startSmtpServer();
    const { port } = probe;
    await probe.close();
    const server = await startTestServer({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    let smtp: TestSmtpServer | undefined;
    try {
      const account = await register(server);
      const row = async () =>
        server.orm.em
          .fork()
          .findOne(OutboxMessage, { toAddress: account.user.email, kind: 'email-verification' });
      for (let i = 0; i < 100 && !(await row())?.lastError; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const failed = await row();
      expect(failed).toMatchObject({ status: OutboxStatus.QUEUED, attempts: 1 });
      expect(failed?.lastError).toMatch(/ECONNREFUSED/);

      smtp = await startSmtpServer(port);
      const mail = await smtp.waitFor((m) => m.to === account.user.email, 30_000);
      expect(mail.subject).toMatch(/Confirm your email/);
      for (let i = 0; i < 50 && (await row())?.status !== OutboxStatus.SENT; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await row()).toMatchObject({ status: OutboxStatus.SENT, lastError: null });
      // The copy kept once sent holds no working link.
      expect((await row())?.text).toContain('token=[removed once sent]');
      expect((await row())?.text).not.toContain(tokenIn(mail));
    } finally {
      await server.close();
      await smtp?.close();
    }
  }, 60_000);
});
