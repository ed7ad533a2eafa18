// The pipeline parses and validates a document text once, for every transport that asks.
import { describe, expect, it } from '@jest/globals';
import { buildSchema, GraphQLError } from 'graphql';
import { GraphQLPipeline } from '../../src/graphql/pipeline.js';

const schema = buildSchema('type Query { hello(name: String): String, count: Int }');
const pipeline = new GraphQLPipeline(
  schema,
  async () => {
    throw new Error('no context in these tests');
  },
  { introspection: false },
);

describe('GraphQLPipeline documents', () => {
  it('answers the same document for the same text, and validates it once', () => {
    const text = 'query($n: String) { hello(name: $n) }';
    const document = pipeline.parse(text);
    expect(pipeline.parse(`${text}`)).toBe(document);
    expect(pipeline.parse('{ count }')).not.toBe(document);
    expect(pipeline.validate(document, { n: 'x' }, undefined, text)).toEqual([]);
    const wrong = pipeline.validate(document, { n: 3 }, undefined, text);
    expect(wrong[0]!.extensions.code).toBe('BAD_USER_INPUT');
    const invalid = pipeline.parse('{ nope }');
    const [error] = pipeline.validate(invalid, {}, undefined, '{ nope }');
    expect(error).toBeInstanceOf(GraphQLError);
    expect(pipeline.validate(invalid, {}, undefined, '{ nope }')).toEqual([error]);
  });

  it('still refuses text it cannot parse, every time', () => {
    expect(() => pipeline.parse('{ hello')).toThrow(/Syntax Error/);
    expect(() => pipeline.parse('{ hello')).toThrow(/Syntax Error/);
  });

  it('runs validated operations compiled, or on graphql-js when configured so', async () => {
    const document = pipeline.parse('{ count }');
    expect(
      await pipeline.execute({ document, source: '{ count }', contextValue: {}, rootValue: { count: 3 } }),
    ).toEqual({
      data: { count: 3 },
    });
    const plain = new GraphQLPipeline(schema, pipeline.createContext, {
      introspection: false,
      jit: { enabled: false, cacheSize: 1 },
    });
    expect(plain.compiled).toBeNull();
    expect(await plain.execute({ document, contextValue: {}, rootValue: { count: 4 } })).toEqual({
      data: { count: 4 },
    });
  });
});
