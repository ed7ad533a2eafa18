import { describe, expect, it } from '@jest/globals';
import { parse, type GraphQLError } from 'graphql';
import { assertComplexity, measureComplexity } from '../../../src/graphql/validation/index.js';
import { limitErrors, validateQuery } from './helpers.js';
import { schema } from './schema.js';

const nested = (audits: string, findings: string) => /* GraphQL */ `
  { audits${audits} { edges { node { findings${findings} { edges { node { title } } } } } } }
`;
const cost = (query: string, variables: Record<string, unknown> = {}) =>
  measureComplexity(schema, parse(query), variables, undefined);

function refusal(run: () => void): GraphQLError | undefined {
  try {
    run();
  } catch (error) {
    return error as GraphQLError;
  }
  return undefined;
}

describe('query cost', () => {
  it('multiplies nested connections by their page sizes', () => {
    // audits: 1 + 100 × (audit: 1 + findings: (1 + 100 × (finding: 1 + title: 0)))
    expect(cost(nested('(first: 100)', '(first: 100)'))).toBe(10_201);
    expect(cost(nested('(first: 5)', '(first: 5)'))).toBe(36);
    expect(cost(nested('(last: 3)', '(first: 2)'))).toBe(1 + 3 * (1 + 1 + 2));
  });

  it('costs a connection at 20 without first/last and at most at 100', () => {
    expect(cost(nested('', ''))).toBe(1 + 20 * (1 + 1 + 20));
    expect(cost(nested('(first: 100000)', '(first: 100000)'))).toBe(10_201);
    expect(cost(nested('(first: -5)', '(first: 0)'))).toBe(1);
  });

  it('refuses 100 × 100 nested pages with the measured cost', () => {
    const errors = validateQuery(nested('(first: 100)', '(first: 100)'), { variables: {} });
    expect(limitErrors(errors)).toEqual([
      {
        message: 'Query cost 10201 exceeds the limit of 2000',
        extensions: { code: 'QUERY_TOO_COMPLEX', cost: 10_201, limit: 2000 },
      },
    ]);
    expect(
      refusal(() => assertComplexity(schema, parse(nested('(first: 100)', '(first: 100)')), {}, undefined)),
    ).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX', cost: 10_201, limit: 2000 } });
  });

  it('accepts 5 × 5 nested pages', () => {
    expect(validateQuery(nested('(first: 5)', '(first: 5)'), { variables: {} })).toEqual([]);
    expect(() => assertComplexity(schema, parse(nested('(first: 5)', '(first: 5)')), {}, null)).not.toThrow();
  });

  it('reads page sizes from variables', () => {
    const query = /* GraphQL */ `
      query Pages($n: Int, $m: Int = 100) {
        audits(first: $n) {
          edges {
            node {
              findings(first: $m) {
                edges {
                  node {
                    title
                  }
                }
              }
            }
          }
        }
      }
    `;
    expect(limitErrors(validateQuery(query, { variables: { n: 100 } }))).toMatchObject([
      { extensions: { cost: 10_201 } },
    ]);
    expect(validateQuery(query, { variables: { n: 5, m: 5 } })).toEqual([]);
    expect(() => assertComplexity(schema, parse(query), { n: 100 }, 'Pages')).toThrow(
      'Query cost 10201 exceeds the limit of 2000',
    );
    expect(() => assertComplexity(schema, parse(query), { n: 1, m: 100 }, 'Pages')).not.toThrow();
  });

  it('only costs the operation that will run', () => {
    const query = `
      query Cheap { viewer { id } }
      query Costly { audits(first: 100) { edges { node { findings(first: 100) { edges { node { id } } } } } } }
    `;
    expect(() => assertComplexity(schema, parse(query), {}, 'Cheap')).not.toThrow();
    expect(() => assertComplexity(schema, parse(query), {}, 'Costly')).toThrow('exceeds the limit');
    // Validation does not know which one will run: it refuses the document.
    expect(limitErrors(validateQuery(query, { variables: {} }))).toHaveLength(1);
  });

  it('leaves variables that do not fit the operation to execution', () => {
    const query = 'query ($n: Int!) { audits(first: $n) { totalCount } }';
    expect(cost(query)).toBeUndefined();
    expect(() => assertComplexity(schema, parse(query), { n: 'many' }, undefined)).not.toThrow();
    expect(limitErrors(validateQuery(query, { variables: {} }))).toEqual([]);
  });

  it('honours a custom limit', () => {
    const query = nested('(first: 5)', '(first: 5)');
    expect(limitErrors(validateQuery(query, { variables: {}, limits: { maxComplexity: 35 } }))).toMatchObject(
      [{ extensions: { cost: 36, limit: 35 } }],
    );
    expect(validateQuery(query, { variables: {}, limits: { maxComplexity: 36 } })).toEqual([]);
  });
});
