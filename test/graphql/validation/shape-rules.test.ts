import { describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery, Kind, parse, type OperationDefinitionNode } from 'graphql';
import {
  DEFAULT_QUERY_LIMITS,
  operationSize,
  parseDocument,
  parseOptions,
  queryValidationRules,
} from '../../../src/graphql/validation/index.js';
import { limitErrors, nestedQuery, validateQuery } from './helpers.js';
import { schema } from './schema.js';

const REALISTIC = /* GraphQL */ `
  query Dashboard($withFindings: Boolean = true, $after: String) {
    viewer {
      id
      email
      recent: audits(first: 10) {
        totalCount
        edges {
          node {
            ...AuditSummary
          }
        }
      }
    }
    audits(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...AuditSummary
          owner {
            id
            name
          }
          critical: findings(first: 5) @include(if: $withFindings) {
            edges {
              node {
                id
                title
                severity
              }
            }
          }
        }
      }
    }
  }
  fragment AuditSummary on Audit {
    id
    url
    status
    score
  }
`;

function firstOperation(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return { document, operation: operation as OperationDefinitionNode };
}

describe('query shape limits', () => {
  it('accepts a realistic dashboard query, with and without the cost rule', () => {
    expect(validateQuery(REALISTIC)).toEqual([]);
    expect(validateQuery(REALISTIC, { variables: { after: 'abc' } })).toEqual([]);
  });

  it('accepts the standard introspection query (GraphQL IDEs send it)', () => {
    const query = getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true });
    expect(validateQuery(query, { variables: {} })).toEqual([]);
    expect(() => parse(query, parseOptions())).not.toThrow();
  });

  it('refuses 1,000 aliases and reports how many', () => {
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    // Each alias also selects two fields: the field rule refuses it as well.
    expect(limitErrors(validateQuery(query))).toContainEqual({
      message: 'Query uses 1000 aliases, more than the limit of 30',
      extensions: { code: 'QUERY_TOO_COMPLEX', aliases: 1000, limit: 30 },
    });
    expect(() => parseDocument(query)).toThrow('Query has more than 5000 tokens');
  });

  it('allows exactly the alias limit', () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    expect(validateQuery(aliases(30))).toEqual([]);
    expect(limitErrors(validateQuery(aliases(31)))).toHaveLength(1);
  });

  it('refuses 10,000 copies of one field at parse time and again by field count', () => {
    const query = `{ viewer { ${'id '.repeat(10_000)}} }`;
    expect(() => parse(query, parseOptions())).toThrow('5000 tokens');
    let refusal: unknown;
    try {
      parseDocument(query);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      message: 'Query has more than 5000 tokens',
      extensions: { code: 'QUERY_TOO_COMPLEX', tokens: 5001, limit: 5000 },
    });
    // Even with no token limit, the field rule bounds it.
    expect(limitErrors(validateQuery(query))).toEqual([
      {
        message: 'Query selects 10001 fields, more than the limit of 500',
        extensions: { code: 'QUERY_TOO_COMPLEX', fields: 10_001, limit: 500 },
      },
    ]);
  });

  it('refuses depth 50 and reports the depth measured', () => {
    const query = nestedQuery(50);
    expect(operationSize(firstOperation(query).document, firstOperation(query).operation).depth).toBe(50);
    expect(limitErrors(validateQuery(query))).toEqual([
      {
        message: 'Query depth 50 exceeds the limit of 12',
        extensions: { code: 'QUERY_TOO_COMPLEX', depth: 50, limit: 12 },
      },
    ]);
  });

  it('allows depth 12 and refuses 13', () => {
    expect(validateQuery(nestedQuery(12))).toEqual([]);
    expect(limitErrors(validateQuery(nestedQuery(13)))).toMatchObject([{ extensions: { depth: 13 } }]);
  });

  it('follows fragments when measuring depth', () => {
    const query = `
      { viewer { ...Deep } }
      fragment Deep on User { audits { edges { node { owner { ...Deeper } } } } }
      fragment Deeper on User { audits { edges { node { owner { audits { edges { node { id } } } } } } } }
    `;
    expect(limitErrors(validateQuery(query))).toMatchObject([{ extensions: { depth: 13, limit: 12 } }]);
  });

  it('refuses circular fragments without hanging', () => {
    const query = `
      { viewer { ...A } }
      fragment A on User { audits { edges { node { owner { ...B } } } } }
      fragment B on User { id ...A }
      fragment C on User { ...C }
    `;
    const started = Date.now();
    const errors = validateQuery(query, { variables: {} });
    expect(Date.now() - started).toBeLessThan(1000);
    // graphql's NoFragmentCyclesRule refuses the document; ours stay quiet and finite.
    expect(errors.map((error) => error.message)).toEqual(
      expect.arrayContaining([
        'Cannot spread fragment "A" within itself via "B".',
        'Cannot spread fragment "C" within itself.',
      ]),
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('measures a 2^40-field fragment fan-out without expanding it (bounded by 2 s) and refuses it', () => {
    // Each fragment spreads the next twice: 2^40 expanded selections in 40 definitions.
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on User { ${i === 39 ? 'id' : `...F${i + 1} ...F${i + 1}`} }`,
    );
    const query = `{ viewer { ...F0 } } ${fragments.join(' ')}`;
    const started = Date.now();
    const errors = limitErrors(validateQuery(query, { variables: {} }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          message: `Query selects ${2 ** 39 + 1} fields, more than the limit of 500`,
          extensions: { code: 'QUERY_TOO_COMPLEX', fields: 2 ** 39 + 1, limit: 500 },
        },
        expect.objectContaining({ extensions: expect.objectContaining({ selections: 10_001 }) }),
      ]),
    );
  });

  it('refuses directive overloading', () => {
    const query = `{ viewer ${'@a '.repeat(100)}{ id } }`;
    const errors = limitErrors(validateQuery(query));
    expect(errors).toEqual([
      {
        message: 'Query uses 100 directives, more than the limit of 50',
        extensions: { code: 'QUERY_TOO_COMPLEX', directives: 100, limit: 50 },
      },
    ]);
  });

  it('counts directives on operations, variables and fragments too', () => {
    const query = `
      query Q($x: Boolean @a) @a { viewer @include(if: true) { ...U @a } }
      fragment U on User @a { id @skip(if: false) }
    `;
    const { document, operation } = firstOperation(query);
    expect(operationSize(document, operation).directives).toBe(6);
  });

  it('takes custom limits and refuses bad ones', () => {
    expect(limitErrors(validateQuery(nestedQuery(6), { limits: { maxDepth: 5 } }))).toHaveLength(1);
    expect(() => queryValidationRules(schema, { maxDepth: 0 })).toThrow(
      'maxDepth must be a positive integer',
    );
    expect(DEFAULT_QUERY_LIMITS).toMatchObject({
      maxDepth: 12,
      maxAliases: 30,
      maxTokens: 5000,
      maxDirectives: 50,
      maxFields: 500,
      maxComplexity: 2000,
    });
  });
});
