// The limits through a real Apollo Server, with the app's error formatting.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { formatError } from '../../../src/graphql/errors.js';
import {
  complexityPlugin,
  parseOptions,
  queryLimitsPlugin,
  queryValidationRules,
} from '../../../src/graphql/validation/index.js';
import { nestedQuery } from './helpers.js';
import { schema } from './schema.js';

const COSTLY = `query Costly($n: Int) {
  audits(first: $n) { edges { node { findings(first: 100) { edges { node { title } } } } } }
}`;

function server(options: ConstructorParameters<typeof ApolloServer>[0]) {
  return new ApolloServer({ ...options, formatError, includeStacktraceInErrorResponses: false });
}

async function run(apollo: ApolloServer, query: string, variables?: Record<string, unknown>) {
  const response = await apollo.executeOperation({ query, variables });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, ...response.body.singleResult };
}

describe('queryLimitsPlugin in Apollo Server', () => {
  const apollo = server({ schema, parseOptions: parseOptions(), plugins: [queryLimitsPlugin(schema)] });
  beforeAll(() => apollo.start());
  afterAll(() => apollo.stop());

  it('runs a normal query', async () => {
    const result = await run(apollo, '{ viewer { id } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ viewer: null });
  });

  it('refuses a costly query with HTTP 400 and QUERY_TOO_COMPLEX, cost in extensions', async () => {
    const result = await run(apollo, COSTLY, { n: 100 });
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([
      {
        message: 'Query cost 10201 exceeds the limit of 2000',
        extensions: { code: 'QUERY_TOO_COMPLEX', cost: 10_201, limit: 2000 },
      },
    ]);
  });

  it('accepts the same operation with a small page', async () => {
    const result = await run(apollo, COSTLY, { n: 5 });
    expect(result.errors?.map((error) => error.extensions?.code) ?? []).not.toContain('QUERY_TOO_COMPLEX');
  });

  it('refuses deep queries', async () => {
    const result = await run(apollo, nestedQuery(20));
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([
      {
        message: 'Query depth 20 exceeds the limit of 12',
        extensions: { code: 'QUERY_TOO_COMPLEX', depth: 20, limit: 12 },
      },
    ]);
  });

  it('refuses oversized documents at parse time with QUERY_TOO_COMPLEX', async () => {
    const result = await run(apollo, `{ viewer { ${'id '.repeat(6000)}} }`);
    expect(result.status).toBe(400);
    expect(result.errors).toMatchObject([
      { message: expect.stringContaining('5000 tokens'), extensions: { code: 'QUERY_TOO_COMPLEX' } },
    ]);
  });
});

describe('complexityPlugin next to static validationRules', () => {
  const apollo = server({
    schema,
    validationRules: queryValidationRules(schema),
    plugins: [complexityPlugin(schema)],
  });
  beforeAll(() => apollo.start());
  afterAll(() => apollo.stop());

  it('refuses cost with its code', async () => {
    const result = await run(apollo, COSTLY, { n: 100 });
    expect(result.status).toBe(400);
    expect(result.errors).toMatchObject([{ extensions: { code: 'QUERY_TOO_COMPLEX', cost: 10_201 } }]);
  });

  it('loses the code of validation-rule errors: Apollo rewrites it (why queryLimitsPlugin exists)', async () => {
    const result = await run(apollo, nestedQuery(20));
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([
      { message: 'Query depth 20 exceeds the limit of 12', extensions: { code: 'BAD_USER_INPUT' } },
    ]);
  });
});
