// Query.errorCodes over HTTP, anonymously, and the codes real failures carry are among them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ runWorker: false, env: { NODE_ENV: 'production' } });
});
afterAll(async () => {
  await server?.close();
});

describe('Query.errorCodes', () => {
  it('lists every code to anonymous callers, and real failures carry one of them', async () => {
    const listed = await server.gql<{
      errorCodes: Array<{ code: string; description: string; extensions: string[] }>;
    }>('{ errorCodes { code description extensions } }');
    expect(listed.errors).toBeUndefined();
    const codes = listed.data!.errorCodes.map((info) => info.code);
    expect(codes).toEqual(
      expect.arrayContaining(['UNAUTHENTICATED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND']),
    );
    expect(listed.data!.errorCodes.every((info) => info.description.length > 40)).toBe(true);

    const failures = await Promise.all([
      server.gql('{ audits { totalCount } }'), // needs a signed-in viewer
      server.gql('{ nope }'), // does not validate
      server.gql('{ audit(id: "x") { id } }'), // needs a signed-in viewer too
      server.gql('query { audits(first: 1000) { totalCount } }'),
    ]);
    for (const failure of failures) expect(codes).toContain(errorCode(failure));
    expect(failures.map(errorCode)).toEqual([
      'UNAUTHENTICATED',
      'BAD_USER_INPUT',
      'UNAUTHENTICATED',
      expect.any(String),
    ]);
  });
});
