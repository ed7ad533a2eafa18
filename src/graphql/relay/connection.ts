// Relay cursor connections as GraphQL types: one generic shape for every list (the data and
// keyset paging itself are common/pagination.ts).
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type PageArgs,
  type PageInfo,
  type PageWants,
} from '../../common/pagination.js';

@ObjectType('PageInfo', { description: 'Relay page information: where this page sits in the whole list.' })
export class PageInfoType implements PageInfo {
  @Field({ description: 'More items follow the last edge: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field({ description: 'More items precede the first edge: ask again with `before: startCursor`.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor; null on an empty page." })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs implements PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size from the start (default ${DEFAULT_PAGE_SIZE}, max ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size from the end (max ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue before.' })
  before?: string | null;
}

/** Builds `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this item: pass it as `after` or `before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name} itself.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} items (Relay cursor connection: first/after forward, last/before backward).`,
  })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page, in list order.' })
    edges!: EdgeType[];

    @Field(() => PageInfoType, { description: 'Whether more pages exist, and the cursors to reach them.' })
    pageInfo!: PageInfoType;

    @Field(() => Int, { description: 'Number of items matching the filter, across all pages.' })
    totalCount!: number;
  }

  return ConnectionType;
}

type Selections = readonly FieldNode[];

/** Visits the fields of a selection set, following fragments and inline fragments. */
function visitFields(
  info: Pick<GraphQLResolveInfo, 'fragments'>,
  selectionSet: SelectionSetNode | undefined,
  onField: (field: FieldNode) => void,
): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) onField(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) visitFields(info, selection.selectionSet, onField);
    else visitFields(info, info.fragments[selection.name.value]?.selectionSet, onField);
  }
}

/** The names of the fields selected under `fields` (`__typename` aside). */
function fieldNamesUnder(info: Pick<GraphQLResolveInfo, 'fragments'>, fields: Selections): Set<string> {
  const names = new Set<string>();
  for (const field of fields) {
    visitFields(info, field.selectionSet, (inner) => {
      if (inner.name.value !== '__typename') names.add(inner.name.value);
    });
  }
  return names;
}

/**
 * Results computed from a field's selection, per selection: graphql-js hands every item of a
 * list the same `fieldNodes` array, so `audits(first: 20) { … findings … }` reads the findings'
 * selection once, not 20 times.
 */
export function perSelection<T>(compute: (info: GraphQLResolveInfo) => T): (info: GraphQLResolveInfo) => T {
  const cache = new WeakMap<Selections, T>();
  return (info) => {
    let value = cache.get(info.fieldNodes);
    if (value === undefined) cache.set(info.fieldNodes, (value = compute(info)));
    return value;
  };
}

/**
 * The fields a field's selection reads of the object it returns (fragments followed), e.g. to
 * read only the columns they need. A field under `@include`/`@skip` counts as selected.
 */
export const selectedFields: (info: GraphQLResolveInfo) => ReadonlySet<string> = perSelection((info) =>
  fieldNamesUnder(info, info.fieldNodes),
);

/**
 * What a connection field's selection reads (fragments and inline fragments followed): the
 * count only for `totalCount`, cursors only for `edges.cursor` and `pageInfo.startCursor` /
 * `endCursor`, and which fields of `edges.node`. A field under `@include`/`@skip` counts as
 * selected (it may be).
 */
export const connectionWants: (info: GraphQLResolveInfo) => PageWants = perSelection((info) => {
  const wants = { totalCount: false, cursors: false, nodeFields: new Set<string>() };
  for (const node of info.fieldNodes) {
    visitFields(info, node.selectionSet, (field) => {
      switch (field.name.value) {
        case 'totalCount':
          wants.totalCount = true;
          break;
        case 'edges':
          visitFields(info, field.selectionSet, (inner) => {
            if (inner.name.value === 'cursor') wants.cursors = true;
            if (inner.name.value === 'node') {
              for (const name of fieldNamesUnder(info, [inner])) wants.nodeFields.add(name);
            }
          });
          break;
        case 'pageInfo':
          visitFields(info, field.selectionSet, (inner) => {
            if (inner.name.value === 'startCursor' || inner.name.value === 'endCursor') wants.cursors = true;
          });
          break;
      }
    });
  }
  return wants;
});
