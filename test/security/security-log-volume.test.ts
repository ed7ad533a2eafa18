// The security log cannot be flooded and does not grow forever: a refusal is recorded once per
// caller and rule per window, however many aliases or retries repeat it, and a daily job
// deletes events past the retention.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SECURITY_LOG_RETENTION_QUEUE } from '../../src/jobs/security-log-retention.js';
import { SecurityEvent, SecurityEventType } from '../../src/modules/security/security-event.entity.js';
import { register } from '../helpers/accounts.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';

const DAY_MS = 24 * 3600 * 1000;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: { RATE_LIMIT_DEFAULT_PER_MINUTE: '2', SECURITY_LOG_RETENTION_DAYS: '30' },
  });
});
afterAll(async () => {
  await server?.close();
});

const eventsOf = (type: SecurityEventType, actorId: string) =>
  server.orm.em.fork().count(SecurityEvent, { type, actorId });

describe('security log volume', () => {
  it('records a refused caller once per rule and window, not once per alias or retry', async () => {
    const caller = await register(server);
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: viewer { id }`).join(' ');
    const flood = await server.gql(`{ ${aliases} }`, {}, { token: caller.accessToken });
    expect(errorCode(flood)).toBe('RATE_LIMITED');
    for (let i = 0; i < 5; i++) await server.gql('{ viewer { id } }', {}, { token: caller.accessToken });
    expect(await eventsOf(SecurityEventType.RATE_LIMITED, caller.userId)).toBe(1);
  });

  it('runs a daily retention job that deletes events older than SECURITY_LOG_RETENTION_DAYS', async () => {
    const { boss } = server.app.queue;
    const [schedule] = await boss.getSchedules(SECURITY_LOG_RETENTION_QUEUE);
    expect(schedule).toMatchObject({ name: SECURITY_LOG_RETENTION_QUEUE, cron: '17 3 * * *' });

    const marker = randomUUID();
    const em = server.orm.em.fork();
    const event = (ageDays: number) =>
      em.create(SecurityEvent, {
        type: SecurityEventType.LOGIN_FAILED,
        email: `${marker}@example.com`,
        createdAt: new Date(Date.now() - ageDays * DAY_MS),
      });
    const old = event(31);
    const recent = event(29);
    await em.flush();

    await boss.send(SECURITY_LOG_RETENTION_QUEUE, {});
    const remaining = async () =>
      (await server.orm.em.fork().find(SecurityEvent, { email: `${marker}@example.com` })).map((e) => e.id);
    const deadline = Date.now() + 20_000;
    while ((await remaining()).includes(old.id) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await remaining()).toEqual([recent.id]);
  });
});
