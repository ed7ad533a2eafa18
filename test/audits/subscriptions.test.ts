// Edge cases of the auditProgress stream (no worker: audits stay QUEUED until we act).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { register, uniqueEmail } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { collectProgress, createAudit } from './helpers.js';

let server: TestServer;
let user: { accessToken: string };

beforeAll(async () => {
  // A short execution limit: it must not cut a subscription whose events come far apart.
  server = await startTestServer({ runWorker: false, env: { GRAPHQL_EXECUTION_TIMEOUT_MS: '300' } });
  user = await register(server, { email: uniqueEmail('subscriber') });
});
afterAll(async () => {
  await server?.close();
});

const subscribe = (id: string) =>
  collectProgress(server.wsClient({ authorization: `Bearer ${user.accessToken}` }), id);
const mutate = (query: string, id: string) => server.gql(query, { id }, { token: user.accessToken });

describe('auditProgress', () => {
  it('delivers events that come long after the previous one', async () => {
    const audit = await createAudit(server, user.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const { events, done } = subscribe(audit.id);
    await new Promise((resolve) => setTimeout(resolve, 800));
    await mutate('mutation($id: ID!) { cancelAudit(id: $id) { id } }', audit.id);
    await done;
    expect(events.map((event) => event.status)).toEqual(['QUEUED', 'CANCELLED']);
  });

  it('ends when the audit is deleted', async () => {
    const audit = await createAudit(server, user.accessToken, { kind: 'SITE', url: 'https://example.com' });
    const client = server.wsClient({ authorization: `Bearer ${user.accessToken}` });
    const results: any[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe(
        {
          query: 'subscription($id: ID!) { auditProgress(id: $id) { status stage } }',
          variables: { id: audit.id },
        },
        { next: (result) => results.push(result), error: reject, complete: resolve },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await mutate('mutation($id: ID!) { deleteAudit(id: $id) }', audit.id);
    await done;
    expect(results.map((result) => result.data.auditProgress)).toEqual([
      { status: 'QUEUED', stage: 'Queued' },
      { status: 'CANCELLED', stage: 'Deleted' },
    ]);
  });
});
