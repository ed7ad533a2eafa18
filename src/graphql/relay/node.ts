// The Relay `Node` interface and the registry `node(id)` resolves through. Each module's
// manifest lists its node types with a fetcher that applies the viewer's visibility rules;
// the schema builder registers them (graphql/schema.ts).
import { Field, ID, InterfaceType } from 'type-graphql';
import type { GraphQLContext } from '../context.js';

type EntityClass = abstract new (...args: never[]) => object;

export interface NodeType {
  /** The GraphQL type name, also the prefix of its global ids. */
  name: string;
  entity: EntityClass;
  /** Other classes whose instances are this type too, e.g. rows read without the ORM. */
  rows?: readonly EntityClass[];
  /** The object if the viewer may see it, else null (node(id) then answers NOT_FOUND). */
  fetch: (ctx: GraphQLContext, id: string) => Promise<object | null>;
}

const nodeTypes = new Map<string, NodeType>();

/** The node types of the schema being built: replaces those of any earlier build. */
export function setNodeTypes(types: readonly NodeType[]): void {
  nodeTypes.clear();
  for (const type of types) nodeTypes.set(type.name, type);
}

export function nodeFetcher(typeName: string): NodeType['fetch'] | undefined {
  return nodeTypes.get(typeName)?.fetch;
}

export function nodeTypeName(value: object): string | undefined {
  for (const { name, entity, rows } of nodeTypes.values()) {
    if (value instanceof entity || rows?.some((row) => value instanceof row)) return name;
  }
  return undefined;
}

@InterfaceType('Node', {
  description: 'An object with an opaque global id, fetchable with `node(id)`.',
  resolveType: (value: object) => nodeTypeName(value),
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id: stable, unique across types; pass it to `node(id)`.' })
  id!: string;
}
