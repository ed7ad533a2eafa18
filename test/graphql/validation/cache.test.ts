// The per-document cache of the query limits decides exactly what the uncached check decides.
import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, type GraphQLError } from 'graphql';
import {
  nulCharacterErrors,
  queryLimitErrors,
  QueryLimitsCache,
} from '../../../src/graphql/validation/index.js';
import { nestedQuery } from './helpers.js';
import { schema } from './schema.js';

const COSTLY = `query Costly($n: Int, $id: ID!, $skip: Boolean = false) {
  audit(id: $id) { id }
  audits(first: $n) @skip(if: $skip) { edges { node { findings(first: 100) { edges { node { title } } } } } }
}`;

/** The uncached decision, as the pipeline made it before the cache. */
function uncached(source: string, variables?: Record<string, unknown>, operationName?: string | null) {
  const document = parse(source);
  const limits = queryLimitErrors(schema, document, variables, operationName, {});
  return limits.length ? limits : nulCharacterErrors(document, variables);
}

const shape = (errors: GraphQLError[]) => errors.map(({ message, extensions }) => ({ message, extensions }));

describe('QueryLimitsCache', () => {
  const cases: Array<[string, Record<string, unknown> | undefined, string | null]> = [
    [COSTLY, { n: 100, id: 'a' }, null],
    [COSTLY, { n: 1, id: 'a' }, null],
    [COSTLY, { n: 100, id: 'b' }, null],
    [COSTLY, { n: 100, id: 'a', skip: true }, null],
    [COSTLY, { n: 100 }, null], // $id missing: execution refuses it, no cost to estimate
    [COSTLY, { n: 'many', id: 'a' }, null],
    [COSTLY, { n: 100, id: 'nul\u0000' }, null],
    [COSTLY, { id: 'a' }, 'Costly'],
    [COSTLY, { n: 100, id: 'a' }, 'Other'],
    ['{ audit(id: "x\u0000") { id } }', undefined, null],
    [
      '{ audits(first: 100) { edges { node { findings(first: 100) { edges { node { title } } } } } } }',
      {},
      null,
    ],
    [nestedQuery(40), undefined, null],
    [
      'query A { viewer { id } } query B { audits(first: 100) { edges { node { findings(first: 100) { edges { node { id } } } } } } }',
      {},
      null,
    ],
  ];

  it('returns the same decisions for the same document with different variables, cached or not', () => {
    const cache = new QueryLimitsCache(schema, {});
    // Twice over: the second pass answers from the cache.
    for (const pass of [1, 2]) {
      for (const [source, variables, operationName] of cases) {
        const cached = cache.errors(source, parse(source), variables, operationName);
        expect({ pass, source, variables, errors: shape(cached) }).toEqual({
          pass,
          source,
          variables,
          errors: shape(uncached(source, variables, operationName)),
        });
      }
    }
    expect(cache.errors(COSTLY, parse(COSTLY), { n: 100, id: 'a' }, null)).toHaveLength(1);
    expect(cache.errors(COSTLY, parse(COSTLY), { n: 5, id: 'a' }, null)).toEqual([]);
  });

  it('measures a document once per value of what its cost reads, not once per request', () => {
    const counted = buildSchema('type Query { viewer: User audit(id: ID!): User } type User { id: ID! }');
    let measured = 0;
    Object.assign(counted.getQueryType()!.getFields().viewer!, {
      extensions: { complexity: () => ++measured && 1 },
    });
    const cache = new QueryLimitsCache(counted, {});
    const source = 'query($id: ID!) { viewer { id } audit(id: $id) { id } }';
    for (let request = 0; request < 5; request++) cache.errors(source, parse(source), { id: 'a' }, null);
    expect(measured).toBe(1);
    // A field with its own cost may read any argument: every variable counts then.
    cache.errors(source, parse(source), { id: 'b' }, null);
    expect(measured).toBe(2);
    expect(cache.size).toBe(1);
  });

  it('stays bounded', () => {
    const cache = new QueryLimitsCache(schema, {});
    for (let index = 0; index < 600; index++) {
      const source = `{ a${index}: viewer { id } }`;
      expect(cache.errors(source, parse(source), {}, null)).toEqual([]);
    }
    expect(cache.size).toBe(500);
  });
});
