// RATE_LIMIT_OVERRIDES: every limit a field declares can be set from the environment, and a
// setting that names no field, or says nothing sensible, stops the start-up.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';
import { buildAppSchema } from '../../src/graphql/schema.js';
import { register } from '../helpers/accounts.js';
import { errorCode, startTestServer, testRedisUrl, type TestServer } from '../helpers/test-server.js';
import { directivesOf } from '../helpers/schema-fields.js';

let server: TestServer;
const redisUrl = testRedisUrl();

beforeAll(async () => {
  server = await startTestServer({
    runWorker: false,
    env: {
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      RATE_LIMIT_OVERRIDES: JSON.stringify({
        'Mutation.createApiKey': '2/1h',
        'Query.viewer': [{ max: 3, window: '1m' }],
      }),
    },
  });
});
afterAll(async () => {
  await server?.close();
});

describe('RATE_LIMIT_OVERRIDES', () => {
  it('replaces what a field declares, in the schema and in what is enforced', async () => {
    expect(directivesOf(server.server.schema, 'Mutation', 'createApiKey')).toEqual([
      expect.stringMatching(/^@auth/),
      '@rateLimit(max: 2, window: "1h")',
    ]);
    const { accessToken: token } = await register(server);
    for (let i = 0; i < 3; i++)
      expect((await server.gql('{ viewer { id } }', {}, { token })).errors).toBeUndefined();
    const refused = await server.gql('{ viewer { id } }', {}, { token });
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(refused.errors![0]!.message).toMatch(/at most 3 per 1m/);
  });

  it('refuses settings that are not limits', () => {
    const load = (value: string) => () => loadConfig({ NODE_ENV: 'test', RATE_LIMIT_OVERRIDES: value });
    expect(load('not json')).toThrow(ConfigError);
    expect(load('[1]')).toThrow(/JSON object/);
    expect(load('{"login": "2/1m"}')).toThrow(/Type\.field/);
    expect(load('{"Mutation.login": "2/soon"}')).toThrow(/Invalid rate-limit window/);
    expect(load('{"Mutation.login": {"max": 0, "window": "1m"}}')).toThrow(ConfigError);
    expect(
      loadConfig({ NODE_ENV: 'test', RATE_LIMIT_OVERRIDES: '{"Mutation.login": "20/15m"}' })
        .rateLimitOverrides,
    ).toEqual({
      'Mutation.login': [{ max: 20, window: '15m' }],
    });
  });

  it('refuses at start-up a limit for a field the schema does not have', async () => {
    await expect(
      buildAppSchema(undefined, undefined, undefined, { 'Mutation.noSuchField': [{ max: 1, window: '1m' }] }),
    ).rejects.toThrow(/Mutation.noSuchField, which the schema does not have/);
  });
});
