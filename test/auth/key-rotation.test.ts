// Rotating JWT_SECRET without signing anyone out or losing a webhook: replicas on the new
// secret (old one in JWT_PREVIOUS_SECRETS) accept tokens the old one signed and open webhook
// secrets it sealed; `secrets:reseal` moves those to the new key; then the old one can go.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader } from 'jose';
import { fromGlobalId } from '../../src/common/global-id.js';
import { keyIdOf } from '../../src/modules/auth/tokens.js';
import { resealWebhookSecrets } from '../../src/modules/webhooks/webhook-reseal.js';
import { SecretBox, signatureOf } from '../../src/modules/webhooks/webhook-signature.js';
import { seedAudits } from '../audits/helpers.js';
import { runEntry } from '../ops/helpers/processes.js';
import { markEmailVerified, register, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';

const OLD = 'old-secret-that-is-long-enough-for-hs256-0123456789';
const NEW = 'new-secret-that-is-long-enough-for-hs256-9876543210';
const VIEWER = '{ viewer { id } }';

const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
const hook = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.end('ok');
  });
});

const until = async (check: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
};

/** The one `v1=` signature a delivery carries, checked against the webhook's secret. */
function signedWith(secret: string, delivery: { headers: IncomingHttpHeaders; body: string }): boolean {
  const header = String(delivery.headers['aeo-signature']);
  const timestamp = Number(/t=(\d+)/.exec(header)?.[1]);
  return header.includes(`v1=${signatureOf(secret, timestamp, delivery.body)}`);
}

let before: TestServer; // the installation before the rotation: signs with OLD, runs no worker
let owner: Account;
let webhookSecret: string;

const env = (secrets: Record<string, string>) => ({
  env: { AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1', WEBHOOK_RETRY_BASE_SECONDS: '0', ...secrets },
});

/** An audit of the owner's ends on `server`, so a webhook delivery is queued. */
async function auditEndsOn(server: TestServer): Promise<void> {
  const [id] = await seedAudits(server, owner.user.id, 1);
  const local = fromGlobalId(id!, 'Audit').id;
  const claimed = await server.app.lifecycle.claim(server.orm.em.fork(), local);
  await server.app.lifecycle.succeed(server.orm.em.fork(), local, claimed!.attempt, {
    score: 80,
    grade: 'B',
    categories: [],
    findings: [],
  });
}

beforeAll(async () => {
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  before = await startTestServer({ ...env({ JWT_SECRET: OLD }), runWorker: false });
  owner = await register(before, { name: 'Rotating' });
  await markEmailVerified(before, owner);
  const created = await before.gql(
    'mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }',
    {
      input: {
        url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
        events: ['AUDIT_SUCCEEDED'],
      },
    },
    { token: owner.accessToken },
  );
  expect(created.errors).toBeUndefined();
  webhookSecret = created.data!.createWebhook.secret;
}, 60_000);

afterAll(async () => {
  await before?.close();
  await new Promise((resolve) => hook.close(resolve));
});

describe('rotating JWT_SECRET', () => {
  it('names the signing key in every token it issues', () => {
    expect(decodeProtectedHeader(owner.accessToken).kid).toBe(keyIdOf(OLD));
    expect(keyIdOf(OLD)).not.toBe(keyIdOf(NEW));
    expect(keyIdOf(OLD)).not.toContain(OLD.slice(0, 8));
  });

  it('keeps old tokens and webhook secrets working while the old key is a previous one', async () => {
    const during = await startTestServer({
      ...env({ JWT_SECRET: NEW, JWT_PREVIOUS_SECRETS: OLD }),
      databaseUrl: before.databaseUrl,
    });
    try {
      expect((await during.gql(VIEWER, {}, { token: owner.accessToken })).data).toEqual({
        viewer: { id: owner.user.id },
      });
      // New tokens carry the new key's id; the installation still on OLD does not know it.
      const fresh = await register(during);
      expect(decodeProtectedHeader(fresh.accessToken).kid).toBe(keyIdOf(NEW));
      expect(errorCode(await before.gql('{ me: viewer { id } }', {}, { token: fresh.accessToken }))).toBe(
        'UNAUTHENTICATED',
      );

      await auditEndsOn(during);
      await until(() => received.length >= 1);
      expect(received).toHaveLength(1);
      expect(signedWith(webhookSecret, received[0]!)).toBe(true);

      const reseal = await runEntry('cli.ts', ['secrets:reseal'], {
        DATABASE_URL: before.databaseUrl,
        JWT_SECRET: NEW,
        JWT_PREVIOUS_SECRETS: OLD,
      });
      expect(reseal.stderr).toBe('');
      expect(reseal.stdout).toMatch(/^1 of 1 webhooks re-encrypted under the current JWT_SECRET/);
      expect(reseal.code).toBe(0);
      // Run again, it only re-checks.
      const box = new SecretBox([NEW, OLD]);
      expect(await resealWebhookSecrets(during.orm.em.fork(), box)).toEqual({ checked: 1, resealed: 0 });
    } finally {
      await during.close();
    }
  }, 90_000);

  it('after the reseal, the old key can go: its tokens end, webhooks keep signing', async () => {
    const after = await startTestServer({ ...env({ JWT_SECRET: NEW }), databaseUrl: before.databaseUrl });
    try {
      expect(errorCode(await after.gql(VIEWER, {}, { token: owner.accessToken }))).toBe('UNAUTHENTICATED');
      await auditEndsOn(after);
      await until(() => received.length >= 2);
      expect(received).toHaveLength(2);
      expect(signedWith(webhookSecret, received[1]!)).toBe(true);
    } finally {
      await after.close();
    }
  }, 90_000);
});
