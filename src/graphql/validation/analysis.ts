// Size of an operation as it would run: fragments expanded in place. Each fragment is measured
// once (memoised), so a document whose fragments fan out exponentially is measured in linear
// time and reported with its huge expanded size, and a fragment cycle (invalid, reported by
// graphql's NoFragmentCyclesRule) is cut instead of recursing forever.
//
// Inside introspection (`__schema`, `__type`), `ofType` adds no depth: it walks the single
// (non-list) chain of type wrappers, which the standard introspection query nests 7 deep
// (`[[String!]!]!`), and counting it would refuse every GraphQL IDE. The fields that multiply
// results (`types`, `fields`, `type`, …) still count.
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface OperationSize {
  /** Longest chain of nested fields; a root field is at depth 1. */
  depth: number;
  fields: number;
  aliases: number;
  directives: number;
}

const EMPTY: OperationSize = Object.freeze({ depth: 0, fields: 0, aliases: 0, directives: 0 });

/** Expanded counts can exceed 2^53; they only need to compare above any limit. */
const saturate = (value: number) => Math.min(value, Number.MAX_SAFE_INTEGER);

function add(into: OperationSize, part: OperationSize, depthOffset: number): void {
  into.depth = Math.max(into.depth, part.depth + depthOffset);
  into.fields = saturate(into.fields + part.fields);
  into.aliases = saturate(into.aliases + part.aliases);
  into.directives = saturate(into.directives + part.directives);
}

class DocumentSizer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  /** Keyed by fragment name and whether it is measured inside introspection. */
  private readonly measured = new Map<string, OperationSize>();
  private readonly inProgress = new Set<string>();
  private readonly operations = new Map<OperationDefinitionNode, OperationSize>();

  constructor(document: DocumentNode) {
    for (const definition of document.definitions) {
      // A duplicated name is invalid (UniqueFragmentNamesRule); measuring the first is enough.
      if (definition.kind === Kind.FRAGMENT_DEFINITION && !this.fragments.has(definition.name.value)) {
        this.fragments.set(definition.name.value, definition);
      }
    }
  }

  operation(operation: OperationDefinitionNode): OperationSize {
    let size = this.operations.get(operation);
    if (!size) {
      size = this.selectionSet(operation.selectionSet, false);
      size.directives = saturate(
        size.directives +
          (operation.directives?.length ?? 0) +
          (operation.variableDefinitions ?? []).reduce((sum, v) => sum + (v.directives?.length ?? 0), 0),
      );
      this.operations.set(operation, size);
    }
    return size;
  }

  private fragment(name: string, introspection: boolean): OperationSize {
    const key = `${introspection}:${name}`;
    const known = this.measured.get(key);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // Unknown fragments are KnownFragmentNamesRule's to report; a cycle is cut here.
    if (!fragment || this.inProgress.has(key)) return EMPTY;
    this.inProgress.add(key);
    const size = this.selectionSet(fragment.selectionSet, introspection);
    size.directives = saturate(size.directives + (fragment.directives?.length ?? 0));
    this.inProgress.delete(key);
    this.measured.set(key, size);
    return size;
  }

  private selectionSet(selectionSet: SelectionSetNode, introspection: boolean): OperationSize {
    const size = { ...EMPTY };
    for (const selection of selectionSet.selections) {
      size.directives = saturate(size.directives + (selection.directives?.length ?? 0));
      switch (selection.kind) {
        case Kind.FIELD: {
          size.fields = saturate(size.fields + 1);
          if (selection.alias) size.aliases = saturate(size.aliases + 1);
          size.depth = Math.max(size.depth, 1);
          if (selection.selectionSet) {
            const name = selection.name.value;
            const inner = introspection || name === '__schema' || name === '__type';
            const levels = introspection && name === 'ofType' ? 0 : 1;
            add(size, this.selectionSet(selection.selectionSet, inner), levels);
          }
          break;
        }
        case Kind.INLINE_FRAGMENT:
          add(size, this.selectionSet(selection.selectionSet, introspection), 0);
          break;
        case Kind.FRAGMENT_SPREAD:
          add(size, this.fragment(selection.name.value, introspection), 0);
          break;
      }
    }
    return size;
  }
}

const sizers = new WeakMap<DocumentNode, DocumentSizer>();

/** Measures one operation of a document; results are cached per document for the other rules. */
export function operationSize(document: DocumentNode, operation: OperationDefinitionNode): OperationSize {
  let sizer = sizers.get(document);
  if (!sizer) {
    sizer = new DocumentSizer(document);
    sizers.set(document, sizer);
  }
  return sizer.operation(operation);
}
