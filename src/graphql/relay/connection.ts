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

@ObjectType('PageInfo', { description: 'Relay page information.' })
export class PageInfoType implements PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
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
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfoType)
    pageInfo!: PageInfoType;

    @Field(() => Int, { description: 'Number of items matching the filter, across all pages.' })
    totalCount!: number;
  }

  return ConnectionType;
}

/**
 * What a connection field's selection reads (fragments and inline fragments followed): the
 * count only for `totalCount`, cursors only for `edges.cursor` and `pageInfo.startCursor` /
 * `endCursor`. A field under `@include`/`@skip` counts as selected (it may be).
 */
export function connectionWants(info: GraphQLResolveInfo): PageWants {
  const wants: PageWants = { totalCount: false, cursors: false };
  const visit = (selectionSet: SelectionSetNode | undefined, onField: (field: FieldNode) => void) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) onField(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, onField);
      else visit(info.fragments[selection.name.value]?.selectionSet, onField);
    }
  };
  for (const node of info.fieldNodes) {
    visit(node.selectionSet, (field) => {
      switch (field.name.value) {
        case 'totalCount':
          wants.totalCount = true;
          break;
        case 'edges':
          visit(field.selectionSet, (inner) => {
            if (inner.name.value === 'cursor') wants.cursors = true;
          });
          break;
        case 'pageInfo':
          visit(field.selectionSet, (inner) => {
            if (inner.name.value === 'startCursor' || inner.name.value === 'endCursor') wants.cursors = true;
          });
          break;
      }
    });
  }
  return wants;
}
