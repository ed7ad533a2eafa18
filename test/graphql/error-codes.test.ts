import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError, isEnumType, isListType, isNonNullType, type GraphQLSchema } from 'graphql';
import { ERROR_CODE_DOCS, ERROR_CODES, PERSISTED_QUERY_ERROR_CODES } from '../../src/common/errors.js';
import { ErrorCodeResolver } from '../../src/graphql/error-code.resolver.js';
import { formatError } from '../../src/graphql/errors.js';
import { buildAppSchema } from '../../src/graphql/schema.js';

let built: GraphQLSchema | undefined;
const schema = async () => (built ??= await buildAppSchema());

async function enumValues(): Promise<string[]> {
  const type = (await schema()).getType('ErrorCode');
  if (!isEnumType(type)) throw new Error('ErrorCode is not an enum of the schema');
  return type.getValues().map((value) => value.name);
}

/** Every `.ts` file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/**
 * The codes the server's own code writes: `code: 'X'` (GraphQL extensions and the reports
 * endpoints' JSON bodies) and `new AppError('X', …)`. Upper-case identifiers only: Node's
 * errno codes (`ENOENT`) are compared, never written, and match neither form.
 */
function codesWrittenInSources(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:\bcode:\s*|new AppError\(\s*)'([A-Z][A-Z_]+)'/g)) {
      found.set(match[1]!, [...(found.get(match[1]!) ?? []), file]);
    }
  }
  return found;
}

describe('the ErrorCode enum', () => {
  it('is in the schema with every code of the errors module, each described', async () => {
    const values = await enumValues();
    expect(values.sort()).toEqual(Object.keys(ERROR_CODE_DOCS).sort());
    expect(values).toEqual(expect.arrayContaining([...ERROR_CODES, ...PERSISTED_QUERY_ERROR_CODES]));
    const type = (await schema()).getType('ErrorCode');
    if (!isEnumType(type)) throw new Error('not an enum');
    for (const value of type.getValues()) expect(value.description?.length).toBeGreaterThan(40);
  });

  it('holds every code the sources write', async () => {
    const values = new Set(await enumValues());
    const written = codesWrittenInSources();
    // The scan sees the literal codes of server/, graphql/ and the modules.
    expect([...written.keys()]).toEqual(
      expect.arrayContaining(['RATE_LIMITED', 'QUOTA_EXCEEDED', 'QUERY_TOO_COMPLEX', 'BAD_USER_INPUT']),
    );
    const unknown = [...written].filter(([code]) => !values.has(code));
    expect(unknown).toEqual([]);
  });

  it.each(Object.values(ApolloServerErrorCode))(
    "holds what a client receives for Apollo Server's %s",
    async (apolloCode) => {
      const error = new GraphQLError('from Apollo', { extensions: { code: apolloCode } });
      const sent = formatError(error.toJSON(), error);
      expect(await enumValues()).toContain(sent.extensions?.code);
    },
  );

  it('is what Query.errorCodes lists, as [ErrorCodeInfo!]!', async () => {
    const field = (await schema()).getQueryType()!.getFields().errorCodes!;
    expect(isNonNullType(field.type) && isListType(field.type.ofType)).toBe(true);
    expect(String(field.type)).toBe('[ErrorCodeInfo!]!');
    const listed = new ErrorCodeResolver().errorCodes();
    expect(listed.map((info) => info.code).sort()).toEqual((await enumValues()).sort());
    expect(listed.find((info) => info.code === 'RATE_LIMITED')?.extensions).toContain('retryAfterSeconds');
  });
});
