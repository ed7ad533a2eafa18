// The Relay `Node` interface and the registry `node(id)` resolves through. Each module
// registers its types with a fetcher that applies the viewer's visibility rules.
import { Field, ID, InterfaceType } from 'type-graphql';
import type { RequestContext } from '../context.js';

type EntityClass = abstract new (...args: never[]) => object;
type NodeFetcher = (ctx: RequestContext, id: string) => Promise<object | null>;

const nodeTypes = new Map<string, { entity: EntityClass; fetch: NodeFetcher }>();

export function registerNodeType(typeName: string, entity: EntityClass, fetch: NodeFetcher): void {
  nodeTypes.set(typeName, { entity, fetch });
}

export function nodeFetcher(typeName: string): NodeFetcher | undefined {
  return nodeTypes.get(typeName)?.fetch;
}

export function nodeTypeName(value: object): string | undefined {
  for (const [name, { entity }] of nodeTypes) if (value instanceof entity) return name;
  return undefined;
}

@InterfaceType('Node', {
  description: 'An object with an opaque global id, fetchable with `node(id)`.',
  resolveType: (value: object) => nodeTypeName(value),
})
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
