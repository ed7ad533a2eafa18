// Webhooks end to end against local receivers: signed deliveries verified with the snippet of
// docs/webhooks.md, retries (500, 500, 200 → 3 attempts), a receiver that always fails disabled
// after WEBHOOK_DISABLE_AFTER deliveries, rotation signing with both secrets, redelivery, the
// address policy, and the roles that may manage them.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateWebhookDocument,
  DeleteWebhookDocument,
  RedeliverWebhookDocument,
  RotateWebhookSecretDocument,
  UpdateWebhookDocument,
  WebhookDeliveriesDocument,
  type CreateWebhookInput,
  type WebhookDeliveriesQuery,
  type WebhookEvent,
} from '../../client/generated/graphql.js';
import { fromGlobalId } from '../../src/common/global-id.js';
import { AuditStatus } from '../../src/modules/audits/audit.entity.js';
import { WorkspaceRole } from '../../src/modules/workspaces/workspace.entity.js';
import type { MissedEnds } from '../../src/jobs/audit-ended-sweep.js';
import { seedAudits } from '../audits/helpers.js';
import { markEmailVerified, register, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';
import { addMember } from '../workspaces/helpers.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local receiver answering the statuses given in turn (then the last one). */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => server.close(r)) };
}

type Verify = (secret: string, header: string, body: string) => boolean;

/** The verification snippet of docs/webhooks.md, loaded as a receiver would paste it. */
async function docsVerifier(): Promise<Verify> {
  const markdown = await readFile(new URL('../../docs/webhooks.md', import.meta.url), 'utf8');
  const code = /## Verifying a delivery \(Node\)\s+```js\n([\s\S]*?)```/.exec(markdown)?.[1];
  if (!code) throw new Error('no verification snippet in docs/webhooks.md');
  const file = join(await mkdtemp(join(tmpdir(), 'aeo-verify-')), 'verify.mjs');
  await writeFile(file, code);
  const module = (await import(pathToFileURL(file).href)) as { verifyWebhook: Verify };
  return module.verifyWebhook;
}

const codeOf = (response: GraphQLResponse) => (errorCode(response) as string | undefined) ?? 'ok';
const until = async (check: () => boolean | Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
};

let server: TestServer;
let owner: Account;
let verify: Verify;

beforeAll(async () => {
  server = await startTestServer({
    env: {
      AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      WEBHOOK_RETRY_BASE_SECONDS: '0',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_DISABLE_AFTER: '2',
    },
  });
  owner = await register(server, { name: 'Owner' });
  await markEmailVerified(server, owner);
  verify = await docsVerifier();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** The webhook with its delivery log (node(id) answers any Node: this one is a Webhook). */
type Log = Extract<NonNullable<WebhookDeliveriesQuery['node']>, { deliveries: unknown }>;
const isWebhook = (node: NonNullable<WebhookDeliveriesQuery['node']>): node is Log => 'deliveries' in node;
/** The webhook's state and delivery log once `ready` holds (waiting for the worker). */
async function logWhen(webhookId: string, ready: (log: Log) => boolean): Promise<Log> {
  const read = async () => {
    const response = await server.gql(
      WebhookDeliveriesDocument,
      { id: webhookId },
      { token: owner.accessToken },
    );
    const node = response.data?.node;
    if (!node || !isWebhook(node)) throw new Error(`no webhook ${webhookId}: ${JSON.stringify(response)}`);
    return node;
  };
  await until(async () => ready(await read()));
  return read();
}
const lastDelivery = (log: Log) => log.deliveries.edges[0]?.node;

async function removeWebhook(id: string): Promise<void> {
  const removed = await server.gql(DeleteWebhookDocument, { id }, { token: owner.accessToken });
  expect(removed.data).toEqual({ deleteWebhook: true });
}

async function createWebhook(url: string, events: WebhookEvent[] = ['AUDIT_SUCCEEDED', 'AUDIT_FAILED']) {
  const response = await server.gql(
    CreateWebhookDocument,
    { input: { url, events } },
    { token: owner.accessToken },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.createWebhook;
}

/** An audit of the owner's workspace ends (as the worker ends one). */
async function auditEnds(status: AuditStatus.SUCCEEDED | AuditStatus.FAILED = AuditStatus.SUCCEEDED) {
  const [id] = await seedAudits(server, owner.user.id, 1); // QUEUED, no job: nothing else runs it
  const local = fromGlobalId(id!, 'Audit').id;
  const claimed = await server.app.lifecycle.claim(server.orm.em.fork(), local);
  if (status === AuditStatus.SUCCEEDED) {
    await server.app.lifecycle.succeed(server.orm.em.fork(), local, claimed!.attempt, {
      score: 90,
      grade: 'A',
      categories: [],
      findings: [],
    });
  } else {
    await server.app.lifecycle.finish(server.orm.em.fork(), local, claimed!.attempt, status, {
      stage: 'Failed',
      error: 'unreachable',
    });
  }
  return id!;
}

describe('a webhook', () => {
  it('receives signed deliveries that the documented snippet verifies', async () => {
    const hook = await receiver([200]);
    try {
      const { secret, webhook } = await createWebhook(hook.url);
      expect(secret).toMatch(/^whsec_/);
      const auditId = await auditEnds();
      await until(() => hook.received.length >= 1);
      const [delivery] = hook.received;
      expect(delivery!.headers['aeo-event']).toBe('audit.succeeded');
      expect(delivery!.headers['content-type']).toBe('application/json');
      const body = JSON.parse(delivery!.body);
      expect(body).toMatchObject({
        event: 'audit.succeeded',
        data: { audit: { id: auditId, status: 'SUCCEEDED', score: 90 } },
      });
      expect(delivery!.headers['aeo-delivery']).toBe(body.id);
      expect(verify(secret, String(delivery!.headers['aeo-signature']), delivery!.body)).toBe(true);
      expect(verify(secret, String(delivery!.headers['aeo-signature']), `${delivery!.body} `)).toBe(false);
      expect(verify('whsec_wrong', String(delivery!.headers['aeo-signature']), delivery!.body)).toBe(false);
      const log = await logWhen(webhook.id, (l) => lastDelivery(l)?.status === 'SUCCEEDED');
      expect(lastDelivery(log)).toMatchObject({
        event: 'AUDIT_SUCCEEDED',
        status: 'SUCCEEDED',
        attempts: 1,
        responseStatus: 200,
        error: null,
      });
      await removeWebhook(webhook.id);
    } finally {
      await hook.close();
    }
  });

  it('retries a failing receiver: 500, 500, then 200 is 3 attempts', async () => {
    const hook = await receiver([500, 500, 200]);
    try {
      const { webhook, secret } = await createWebhook(hook.url);
      await auditEnds(AuditStatus.FAILED);
      await until(() => hook.received.length >= 3);
      const log = await logWhen(webhook.id, (l) => lastDelivery(l)?.status === 'SUCCEEDED');
      expect(lastDelivery(log)).toMatchObject({
        status: 'SUCCEEDED',
        attempts: 3,
        responseStatus: 200,
      });
      expect(hook.received).toHaveLength(3);
      for (const attempt of hook.received)
        expect(verify(secret, String(attempt.headers['aeo-signature']), attempt.body)).toBe(true);
      await removeWebhook(webhook.id);
    } finally {
      await hook.close();
    }
  });

  it('is disabled after WEBHOOK_DISABLE_AFTER failed deliveries, with the reason', async () => {
    const hook = await receiver([503]);
    try {
      const { webhook } = await createWebhook(hook.url);
      await auditEnds();
      await auditEnds();
      const log = await logWhen(webhook.id, (l) => l.enabled === false);
      expect(log).toMatchObject({ enabled: false, consecutiveFailures: 2 });
      expect(log.disabledReason).toMatch(
        /Disabled after 2 failed deliveries in a row \(last: The receiver answered 503\)/,
      );
      expect(log.deliveries.edges.map((e) => [e.node.status, e.node.attempts])).toEqual([
        ['FAILED', 3],
        ['FAILED', 3],
      ]);
      // Nothing more is sent to a disabled webhook.
      const before = hook.received.length;
      await auditEnds();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(hook.received).toHaveLength(before);
      // Enabling it again resets the count.
      const enabled = await server.gql(
        UpdateWebhookDocument,
        { id: webhook.id, input: { enabled: true } },
        { token: owner.accessToken },
      );
      expect(enabled.data!.updateWebhook).toMatchObject({
        enabled: true,
        disabledReason: null,
        consecutiveFailures: 0,
      });
      await removeWebhook(webhook.id);
    } finally {
      await hook.close();
    }
  });

  it('signs with both secrets while a rotation is in its grace period; redelivers', async () => {
    const hook = await receiver([200]);
    try {
      const { webhook, secret: old } = await createWebhook(hook.url);
      const rotated = await server.gql(
        RotateWebhookSecretDocument,
        { id: webhook.id },
        { token: owner.accessToken },
      );
      const fresh = rotated.data!.rotateWebhookSecret.secret;
      expect(fresh).not.toBe(old);
      await auditEnds();
      await until(() => hook.received.length >= 1);
      const signature = String(hook.received[0]!.headers['aeo-signature']);
      expect(signature.match(/v1=/g)).toHaveLength(2);
      expect(verify(fresh, signature, hook.received[0]!.body)).toBe(true);
      expect(verify(old, signature, hook.received[0]!.body)).toBe(true);

      const deliveryId = JSON.parse(hook.received[0]!.body).id as string;
      const again = await server.gql(RedeliverWebhookDocument, { deliveryId }, { token: owner.accessToken });
      expect(again.errors).toBeUndefined();
      await until(() => hook.received.length >= 2);
      const second = JSON.parse(hook.received[1]!.body);
      expect(second.id).toBe(again.data!.redeliverWebhook.id);
      expect(second.data).toEqual(JSON.parse(hook.received[0]!.body).data);
      await removeWebhook(webhook.id);
    } finally {
      await hook.close();
    }
  });
});

describe('who may add one, and where it may point', () => {
  it('refuses private addresses, unverified accounts, members below ADMIN and outsiders', async () => {
    const privateUrl = await server.gql(
      CreateWebhookDocument,
      { input: { url: 'http://10.0.0.1/hook', events: ['ALERT'] } },
      {
        token: owner.accessToken,
      },
    );
    expect(codeOf(privateUrl)).toBe('BAD_USER_INPUT');
    expect(privateUrl.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ field: 'url' })]);
    const unverified = await register(server);
    expect(
      codeOf(
        await server.gql(
          CreateWebhookDocument,
          { input: { url: 'https://hooks.example', events: ['ALERT'] } },
          { token: unverified.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');

    const shared = (
      await server.gql(`mutation { createWorkspace(name: "Hooks") { id } }`, {}, { token: owner.accessToken })
    ).data!.createWorkspace.id as string;
    const member = await register(server);
    await markEmailVerified(server, member);
    await addMember(server, shared, member, WorkspaceRole.MEMBER);
    const input: CreateWebhookInput = {
      url: 'https://hooks.example/in',
      events: ['ALERT'],
      workspaceId: shared,
    };
    expect(codeOf(await server.gql(CreateWebhookDocument, { input }, { token: member.accessToken }))).toBe(
      'FORBIDDEN',
    );
    const created = await server.gql(CreateWebhookDocument, { input }, { token: owner.accessToken });
    const id = created.data!.createWebhook.webhook.id;
    const outsider = await register(server);
    await markEmailVerified(server, outsider);
    expect(codeOf(await server.gql(CreateWebhookDocument, { input }, { token: outsider.accessToken }))).toBe(
      'NOT_FOUND',
    );
    for (const token of [member.accessToken, outsider.accessToken]) {
      const read = await server.gql(WebhookDeliveriesDocument, { id }, { token });
      expect(codeOf(read)).toBe('NOT_FOUND');
      const removed = await server.gql(DeleteWebhookDocument, { id }, { token });
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(removed));
    }
  });
});

describe('an audit end nobody heard (a crash right after it was stored)', () => {
  it('is caught up by the sweep, once', async () => {
    const hook = await receiver([200]);
    try {
      const { webhook } = await createWebhook(hook.url);
      const sql = (query: string, params: unknown[] = []) =>
        server.orm.em.fork().getConnection().execute(query, params);
      await sql(`update webhooks set created_at = now() - interval '1 day' where id = ?`, [
        fromGlobalId(webhook.id, 'Webhook').id,
      ]);
      const [id] = await seedAudits(server, owner.user.id, 1);
      // Ended behind the listeners' back, three minutes ago.
      await sql(
        `update audits set status = 'SUCCEEDED', score = 77, finished_at = now() - interval '3 minutes' where id = ?`,
        [fromGlobalId(id!, 'Audit').id],
      );
      const { sweepAuditEnds } = await import('../../src/jobs/audit-ended-sweep.js');
      const { outcomes, webhooks } = server.app.services;
      const sources: MissedEnds[] = [(em) => outcomes.missed(em), (em) => webhooks.missed(em)];
      // 1, or 0 when the worker's own minute sweep got there first: either way it is delivered once.
      expect(await sweepAuditEnds(server.orm.em.fork(), server.app.lifecycle, sources)).toBeLessThanOrEqual(
        1,
      );
      await until(() => hook.received.length >= 1);
      expect(JSON.parse(hook.received[0]!.body).data.audit).toMatchObject({ id, score: 77 });
      // Caught up: the next sweep finds nothing, and nothing is sent twice.
      expect(await sweepAuditEnds(server.orm.em.fork(), server.app.lifecycle, sources)).toBe(0);
      await server.app.lifecycle.tellEnded(
        server.orm.em.fork(),
        fromGlobalId(id!, 'Audit').id,
        AuditStatus.SUCCEEDED,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(hook.received).toHaveLength(1);
      await removeWebhook(webhook.id);
    } finally {
      await hook.close();
    }
  });
});
