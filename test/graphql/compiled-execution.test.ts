// Compiled execution answers as graphql-js does — data, errors, nulls, variables — and compiles
// each operation once.
import { describe, expect, it } from '@jest/globals';
import {
  execute,
  GraphQLError,
  GraphQLID,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { CompiledExecution } from '../../src/graphql/compiled-execution.js';

const Node = new GraphQLInterfaceType({
  name: 'Node',
  fields: { id: { type: new GraphQLNonNull(GraphQLID) } },
  resolveType: (value: { kind: string }) => value.kind,
});
const Item = new GraphQLObjectType({
  name: 'Item',
  interfaces: [Node],
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    title: { type: GraphQLString, resolve: async (item: { title: string }) => item.title.toUpperCase() },
    broken: {
      type: new GraphQLNonNull(GraphQLString),
      resolve: () => {
        throw new GraphQLError('Not yours', { extensions: { code: 'NOT_FOUND' } });
      },
    },
  },
});
const calls = { items: 0 };
const schema = new GraphQLSchema({
  types: [Item],
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Item))),
        args: { first: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: (_root, { first }: { first: number }, context: { who: string }) => {
          calls.items += 1;
          return Array.from({ length: first }, (_, i) => ({
            kind: 'Item',
            id: `${context.who}-${i}`,
            title: `t${i}`,
          }));
        },
      },
      node: {
        type: Node,
        args: { id: { type: new GraphQLNonNull(GraphQLID) } },
        resolve: (_root, { id }: { id: string }) => ({ kind: 'Item', id, title: 'n' }),
      },
    },
  }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: { ticks: { type: GraphQLInt } },
  }),
});

const QUERIES: [string, Record<string, unknown>][] = [
  ['query($n: Int!) { items(first: $n) { id title } }', { n: 3 }],
  ['query($n: Int!) { items(first: $n) { ...F } } fragment F on Item { id t: title }', { n: 2 }],
  ['{ node(id: "x") { id ... on Item { title } __typename } }', {}],
  ['{ items(first: 2) { id broken } }', {}],
  ['{ node(id: "x") { ... on Item { broken } } }', {}],
  ['query($n: Int!) { items(first: $n) { id } }', { n: 'three' }],
  ['query($n: Int!) { items(first: $n) { id } }', {}],
];

describe('CompiledExecution', () => {
  it('answers exactly as graphql-js: data, error paths and codes, null bubbling, bad variables', async () => {
    const compiled = new CompiledExecution(schema);
    for (const [query, variables] of QUERIES) {
      const document = parse(query);
      const contextValue = { who: 'alice' };
      const expected = await execute({ schema, document, variableValues: variables, contextValue });
      const actual = await compiled.execute({ document, source: query, variables, contextValue });
      expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(JSON.stringify(expected)));
      for (const error of actual.errors ?? []) expect(error).toBeInstanceOf(GraphQLError);
      expect(compiled.isCompiled(document, null, query)).toBe(true);
    }
    const [masked] = (
      await compiled.execute({
        document: parse(QUERIES[3]![0]),
        source: QUERIES[3]![0],
        contextValue: { who: 'bob' },
      })
    ).errors!;
    expect(masked!.extensions.code).toBe('NOT_FOUND');
    expect(masked!.originalError?.message).toBe('Not yours');
  });

  it('compiles an operation once per text and name, and keeps a bounded number', async () => {
    const compiled = new CompiledExecution(schema, 2);
    const query = 'query A { items(first: 1) { id } } query B { items(first: 2) { id } }';
    const document = parse(query);
    const first = await compiled.execute({
      document,
      source: query,
      operationName: 'B',
      contextValue: { who: 'a' },
    });
    expect(first.data).toEqual({ items: [{ id: 'a-0' }, { id: 'a-1' }] });
    await compiled.execute({
      document: parse(query),
      source: query,
      operationName: 'B',
      contextValue: { who: 'b' },
    });
    expect(compiled.size).toBe(1);
    await compiled.execute({ document, source: query, operationName: 'A', contextValue: { who: 'c' } });
    await compiled.execute({ document, source: '{ items(first: 1) { id } }', contextValue: { who: 'c' } });
    expect(compiled.size).toBe(2);
  });

  it('leaves subscriptions and operations it cannot find to graphql-js, in its words', async () => {
    const compiled = new CompiledExecution(schema);
    const subscription = parse('subscription { ticks }');
    expect(compiled.isCompiled(subscription, null, 'subscription { ticks }')).toBe(false);
    const ambiguous = 'query A { node(id: "1") { id } } query B { node(id: "2") { id } }';
    const document = parse(ambiguous);
    const expected = await execute({ schema, document, contextValue: {} });
    expect(await compiled.execute({ document, source: ambiguous, contextValue: {} })).toEqual(expected);
    expect(compiled.isCompiled(document, null, ambiguous)).toBe(false);
  });
});
