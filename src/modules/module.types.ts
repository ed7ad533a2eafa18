// What a module contributes to the app: one manifest per module (`<name>.module.ts`), listed
// once in modules/index.ts. The composition root takes entities for the database, the schema
// builder takes resolvers and node types; loaders need no list (common/request-context.ts).
import type { EntityClass } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';
import type { NodeType } from '../graphql/relay/node.js';

export interface AppModule {
  name: string;
  entities: EntityClass<object>[];
  /** type-graphql resolver classes. */
  resolvers: ClassType[];
  nodeTypes: NodeType[];
}
