// Trusted documents alone: reading the two manifest formats, refusing malformed ones, and which
// texts a manifest trusts (its own, reprinted, introspection when allowed; nothing else).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import {
  manifestEntries,
  TrustedDocuments,
  TrustedDocumentsError,
} from '../../src/graphql/trusted-documents.js';

const ME = 'query Me { viewer { id email } }';
const entries = new Map([['a1', ME]]);
const strict = new TrustedDocuments(entries, { allowIntrospection: false });
const withIntrospection = new TrustedDocuments(entries, { allowIntrospection: true });
const codeOf = (trusted: TrustedDocuments, query: string) =>
  trusted.check(query, parse)?.extensions.code ?? null;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trusted-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('manifests', () => {
  it("reads the client preset's { hash: text } and Apollo's persisted query manifest", () => {
    expect([...manifestEntries({ a1: ME, 'sha256:b2': '{ viewer { id } }' })]).toEqual([
      ['a1', ME],
      ['b2', '{ viewer { id } }'],
    ]);
    const apollo = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: 'c3', name: 'Me', type: 'query', body: ME }],
    };
    expect([...manifestEntries(apollo)]).toEqual([['c3', ME]]);
  });

  it.each([
    ['an array', [ME], /a JSON object/],
    ['a value that is not text', { a1: 1 }, /"a1" is not an operation's text/],
    ['no operation', {}, /holds no operation/],
    ['an Apollo manifest without operations', { format: 'apollo-persisted-query-manifest' }, /operations/],
    [
      'an Apollo operation without a body',
      { format: 'apollo-persisted-query-manifest', operations: [{ id: 'x' }] },
      /operations\[0\]/,
    ],
  ])('refuses %s', (_name, json, message) => {
    expect(() => manifestEntries(json)).toThrow(message);
  });

  it('refuses a manifest with an operation that does not parse, naming it', () => {
    expect(
      () => new TrustedDocuments(new Map([['bad', '{ viewer { ']]), { allowIntrospection: false }),
    ).toThrow(/"bad" does not parse/);
  });

  it('loads a file, and names the file when it cannot', async () => {
    const file = path.join(dir, 'persisted-documents.json');
    await writeFile(file, JSON.stringify({ a1: ME }));
    const loaded = await TrustedDocuments.load(file, { allowIntrospection: false });
    expect([loaded.size, loaded.textOf('a1')]).toEqual([1, ME]);
    await writeFile(file, '{ not json');
    await expect(TrustedDocuments.load(file, { allowIntrospection: false })).rejects.toThrow(
      TrustedDocumentsError,
    );
    await expect(
      TrustedDocuments.load(path.join(dir, 'missing.json'), { allowIntrospection: false }),
    ).rejects.toThrow(/TRUSTED_DOCUMENTS_MANIFEST .*missing\.json/);
  });
});

describe('which operations are trusted', () => {
  it('its own texts, also spaced or commented differently', () => {
    expect(codeOf(strict, ME)).toBeNull();
    expect(codeOf(strict, 'query Me {\n  viewer {\n    id, email # mine\n  }\n}')).toBeNull();
  });

  it('nothing else: another selection, another name, text that does not parse', () => {
    for (const query of ['query Me { viewer { id } }', 'query You { viewer { id email } }', '{ viewer { ']) {
      expect(codeOf(strict, query)).toBe('OPERATION_NOT_TRUSTED');
    }
    expect(strict.check('{ viewer { id } }', parse)?.message).toMatch(
      /extensions\.persistedQuery\.sha256Hash/,
    );
  });

  it('introspection alone only when allowed, never beside other fields', () => {
    const introspection = '{ __schema { queryType { name } } __type(name: "Audit") { name } }';
    expect(codeOf(strict, introspection)).toBe('OPERATION_NOT_TRUSTED');
    expect(codeOf(withIntrospection, introspection)).toBeNull();
    expect(codeOf(withIntrospection, '{ __typename viewer { id } }')).toBe('OPERATION_NOT_TRUSTED');
    expect(codeOf(withIntrospection, '{ ... on Query { viewer { id } } }')).toBe('OPERATION_NOT_TRUSTED');
  });
});
