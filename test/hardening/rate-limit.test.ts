import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { register, TEST_PASSWORD } from '../helpers/accounts.js';
import { directivesOf } from '../helpers/schema-fields.js';
import { errorCode, startTestServer, testRedisUrl, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
const redisUrl = testRedisUrl();

beforeAll(async () => {
  // Counters in Redis when available (as in production), in memory otherwise.
  // No trusted proxy: every request comes from this one loopback address, whatever it claims.
  server = await startTestServer({
    runWorker: false,
    env: { TRUSTED_PROXIES: '', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) },
  });
});
afterAll(async () => {
  await server?.close();
});

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;

describe('@rateLimit', () => {
  it('is declared in the schema on the sensitive fields', async () => {
    const directive = server.server.schema.getDirective('rateLimit');
    expect(directive?.args.map((arg) => `${arg.name}: ${String(arg.type)}`).sort()).toEqual([
      'by: [String!]',
      'max: Int!',
      'window: String!',
    ]);
    expect(directive?.isRepeatable).toBe(true);
    expect(directive?.locations).toEqual(['FIELD_DEFINITION']);
    expect(directivesOf(server.server.schema, 'Mutation', 'login')).toContain(
      '@rateLimit(max: 10, window: "15m", by: ["input.email", "$address"])',
    );
  });

  it('lets exactly the limit through under 50 concurrent requests, with when to retry', async () => {
    const email = `target-${Date.now()}@example.com`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        server.gql(LOGIN, { input: { email, password: 'wrong password 123' } }),
      ),
    );
    const limited = results.filter((result) => errorCode(result) === 'RATE_LIMITED');
    const attempted = results.filter((result) => errorCode(result) === 'UNAUTHENTICATED');
    expect(attempted).toHaveLength(10);
    expect(limited).toHaveLength(40);
    const extensions = limited[0]!.errors![0]!.extensions!;
    expect(extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(extensions.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(limited[0]!.errors![0]!.message).toMatch(/at most 10 per 15m/);
  });

  it('stops one address from trying other accounts once its budget is spent', async () => {
    // The previous test spent this address's 20 login attempts; X-Forwarded-For is not trusted
    // here (no trusted proxies), so claiming another address changes nothing.
    const other = await server.gql(
      LOGIN,
      { input: { email: 'someone-else@example.com', password: 'a guess 123' } },
      {
        headers: { 'x-forwarded-for': '198.51.100.1' },
      },
    );
    expect(errorCode(other)).toBe('RATE_LIMITED');
  });

  it('slows brute force against one account from many addresses down, and never locks its owner out', async () => {
    const proxied = await startTestServer({ runWorker: false, env: { TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      const { user } = await register(proxied);
      const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
      const attempt = (password: string, address: string) =>
        proxied.gql(LOGIN, { input: { email: user.email, password } }, from(address));
      // Ten wrong guesses from ten addresses: each answered at once.
      for (let i = 0; i < 10; i++) {
        expect(errorCode(await attempt(`guess ${i} guess`, `203.0.113.${i}`))).toBe('UNAUTHENTICATED');
      }
      // The next attempts on the account wait, longer each time: the guessing crawls...
      let started = Date.now();
      expect(errorCode(await attempt('one more guess', '203.0.113.50'))).toBe('UNAUTHENTICATED');
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      // ...but the owner, from their own address, still gets in (no lockout).
      started = Date.now();
      const owner = await attempt(TEST_PASSWORD, '198.51.100.77');
      expect(owner.errors).toBeUndefined();
      expect(owner.data!.login.accessToken).toBeTruthy();
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    } finally {
      await proxied.close();
    }
  });

  it('limits one address to 10 attempts on one account, without touching other addresses', async () => {
    const proxied = await startTestServer({ runWorker: false, env: { TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      const { user } = await register(proxied);
      const attacker = { headers: { 'x-forwarded-for': '203.0.113.9' } };
      for (let i = 0; i < 10; i++) {
        await proxied.gql(LOGIN, { input: { email: user.email, password: `guess ${i} guess` } }, attacker);
      }
      const eleventh = await proxied.gql(
        LOGIN,
        { input: { email: user.email, password: 'guess 11 guess' } },
        attacker,
      );
      expect(errorCode(eleventh)).toBe('RATE_LIMITED');
      const owner = await proxied.gql(
        LOGIN,
        { input: { email: user.email, password: TEST_PASSWORD } },
        { headers: { 'x-forwarded-for': '198.51.100.8' } },
      );
      expect(owner.errors).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });

  it('gives a caller one default budget across the root fields without their own limit', async () => {
    const budgeted = await startTestServer({ runWorker: false, env: { RATE_LIMIT_DEFAULT_PER_MINUTE: '4' } });
    try {
      const { accessToken: token } = await register(budgeted);
      const calls = [
        '{ viewer { id } }',
        '{ audits { totalCount } }',
        '{ viewer { email } }',
        '{ checksUsage: audits { totalCount } }',
      ];
      for (const query of calls) expect((await budgeted.gql(query, {}, { token })).errors).toBeUndefined();
      // A fifth call is refused on any of them, not only on the field already used four times.
      expect(errorCode(await budgeted.gql('{ audits { totalCount } }', {}, { token }))).toBe('RATE_LIMITED');
      expect(errorCode(await budgeted.gql('{ viewer { id } }', {}, { token }))).toBe('RATE_LIMITED');
      // Another caller has a budget of its own.
      const other = await register(budgeted);
      expect(
        (await budgeted.gql('{ viewer { id } }', {}, { token: other.accessToken })).errors,
      ).toBeUndefined();
    } finally {
      await budgeted.close();
    }
  });

  it('follows RATE_LIMIT_CREATE_AUDIT_PER_MINUTE for createAudit, 30 by default', async () => {
    const CREATE = 'mutation($url: String!) { createAudit(input: { kind: SITE, url: $url }) { id } }';
    expect(directivesOf(server.server.schema, 'Mutation', 'createAudit')).toContain(
      '@rateLimit(max: 30, window: "1m")',
    );
    const configured = await startTestServer({
      runWorker: false,
      env: { RATE_LIMIT_CREATE_AUDIT_PER_MINUTE: '2' },
    });
    try {
      expect(configured.config.createAuditRateLimitPerMinute).toBe(2);
      expect(directivesOf(configured.server.schema, 'Mutation', 'createAudit')).toContain(
        '@rateLimit(max: 2, window: "1m")',
      );
      const { accessToken: token } = await register(configured);
      for (const n of [1, 2]) {
        const created = await configured.gql(CREATE, { url: `https://site${n}.example` }, { token });
        expect(created.errors).toBeUndefined();
      }
      const refused = await configured.gql(CREATE, { url: 'https://site3.example' }, { token });
      expect(errorCode(refused)).toBe('RATE_LIMITED');
      expect(refused.errors![0]!.message).toMatch(/at most 2 per 1m/);
      // Other fields keep their own limits and the shared default budget.
      expect((await configured.gql('{ viewer { id } }', {}, { token })).errors).toBeUndefined();
    } finally {
      await configured.close();
    }
  });
});
