// Trusted documents: a server that runs only the operations its own clients were built with.
// The manifest is what the clients' build emits — GraphQL Code Generator's client preset with
// `persistedDocuments: true` writes persisted-documents.json, `{ "<sha256>": "<operation>" }`;
// Apollo's persisted query manifest (`{ format: "apollo-persisted-query-manifest", operations:
// [{ id, body }] }`) works too. A client sends an operation's hash (Apollo's APQ extension:
// extensions.persistedQuery.sha256Hash) or its text; any other operation is refused with
// OPERATION_NOT_TRUSTED before it is validated or run, over HTTP and WebSocket alike (the
// pipeline's precheck). A text matches when it is the manifest's, or the same document printed
// differently (whitespace, commas, comments). Introspection alone may be allowed (the IDE's docs).
import { readFile } from 'node:fs/promises';
import { GraphQLError, Kind, parse, print, type DocumentNode } from 'graphql';

export const OPERATION_NOT_TRUSTED = 'OPERATION_NOT_TRUSTED';

export class TrustedDocumentsError extends Error {
  override name = 'TrustedDocumentsError';
}

export interface TrustedDocumentsOptions {
  /** Operations that select introspection fields only (`__schema`, `__type`) are allowed too. */
  allowIntrospection: boolean;
}

/** A GraphQL over HTTP persisted document id (`sha256:<hex>`) is looked up by its hex, as APQ sends it. */
const idOf = (key: string) => key.replace(/^sha256:/, '');

/** Hash → text from a manifest's JSON, in either format; throws on anything else. */
export function manifestEntries(json: unknown): Map<string, string> {
  const entries = new Map<string, string>();
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new TrustedDocumentsError('a manifest is a JSON object: { "<hash>": "<operation>" , … }');
  }
  const manifest = json as Record<string, unknown>;
  if (manifest.format === 'apollo-persisted-query-manifest') {
    if (!Array.isArray(manifest.operations)) {
      throw new TrustedDocumentsError('an Apollo persisted query manifest has an `operations` array');
    }
    manifest.operations.forEach((operation: unknown, index) => {
      const { id, body } = (operation ?? {}) as { id?: unknown; body?: unknown };
      if (typeof id !== 'string' || !id || typeof body !== 'string') {
        throw new TrustedDocumentsError(`operations[${index}] needs a string \`id\` and \`body\``);
      }
      entries.set(idOf(id), body);
    });
  } else {
    for (const [hash, text] of Object.entries(manifest)) {
      if (typeof text !== 'string') {
        throw new TrustedDocumentsError(`the value of ${JSON.stringify(hash)} is not an operation's text`);
      }
      entries.set(idOf(hash), text);
    }
  }
  if (!entries.size) throw new TrustedDocumentsError('the manifest holds no operation');
  return entries;
}

/** True when every operation selects only introspection fields at its root. */
function isIntrospectionOnly(document: DocumentNode): boolean {
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return (
    operations.length > 0 &&
    operations.every((operation) =>
      operation.selectionSet.selections.every(
        (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
      ),
    )
  );
}

export class TrustedDocuments {
  private readonly texts = new Set<string>();
  /** Each document as graphql-js prints it: the same operation however it was spaced. */
  private readonly printed = new Set<string>();
  private readonly verdicts = new WeakMap<DocumentNode, boolean>();

  constructor(
    private readonly byHash: ReadonlyMap<string, string>,
    private readonly options: TrustedDocumentsOptions,
  ) {
    for (const [hash, text] of byHash) {
      let document: DocumentNode;
      try {
        document = parse(text);
      } catch (error) {
        throw new TrustedDocumentsError(
          `the operation ${JSON.stringify(hash)} does not parse: ${(error as Error).message}`,
        );
      }
      this.texts.add(text);
      this.printed.add(print(document));
    }
  }

  /** Reads a manifest file; a missing, unreadable or malformed one is an error naming the file. */
  static async load(file: string, options: TrustedDocumentsOptions): Promise<TrustedDocuments> {
    try {
      const json: unknown = JSON.parse(await readFile(file, 'utf8'));
      return new TrustedDocuments(manifestEntries(json), options);
    } catch (error) {
      throw new TrustedDocumentsError(`TRUSTED_DOCUMENTS_MANIFEST ${file}: ${(error as Error).message}`);
    }
  }

  /** Operations in the manifest. */
  get size(): number {
    return this.byHash.size;
  }

  /** The text of the operation with this hash, or undefined. */
  textOf(hash: string): string | undefined {
    return this.byHash.get(hash);
  }

  /**
   * Null when `query` may run: a manifest text, the same document printed differently, or
   * introspection alone when allowed. `parse` is the pipeline's (token limit, cached documents).
   */
  check(query: string, parse: (query: string) => DocumentNode): GraphQLError | null {
    if (this.texts.has(query)) return null;
    let document: DocumentNode | undefined;
    try {
      document = parse(query);
    } catch {
      // Not a document at all: not one of the manifest's either.
    }
    if (document && this.trusts(document)) return null;
    return new GraphQLError(
      'This server runs only the operations its clients were built with (trusted documents), and this is not one ' +
        'of them: send an operation from the manifest, by its hash (extensions.persistedQuery.sha256Hash) or its text.',
      { extensions: { code: OPERATION_NOT_TRUSTED } },
    );
  }

  private trusts(document: DocumentNode): boolean {
    let verdict = this.verdicts.get(document);
    if (verdict === undefined) {
      verdict =
        this.printed.has(print(document)) ||
        (this.options.allowIntrospection && isIntrospectionOnly(document));
      this.verdicts.set(document, verdict);
    }
    return verdict;
  }
}
