import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { ApiKeyScope } from '../../modules/api-keys/api-key.entity.js';
import { AllowApiKey, Auth } from '../directives/auth.js';
import { notFound } from '../../common/errors.js';
import { fromGlobalId, toGlobalId } from '../../common/global-id.js';
import { Node, nodeFetcher, nodeTypeName } from './node.js';

@Resolver(() => Node)
export class NodeResolver {
  /** Every Node type's `id`: its global id, from the entity's type registered for node(id). */
  @FieldResolver(() => ID)
  id(@Root() node: { id: string }): string {
    const type = nodeTypeName(node);
    if (!type) throw new Error(`no Node type is registered for ${node.constructor.name}`);
    return toGlobalId(type, node.id);
  }

  @Auth()
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id. Objects the viewer may not see answer NOT_FOUND.',
  })
  async node(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'A global id, as every `id` field gives it.' }) id: string,
  ): Promise<object> {
    const { type, id: localId } = fromGlobalId(id);
    const node = await nodeFetcher(type)?.(ctx, localId);
    if (!node) throw notFound('Node');
    return node;
  }
}
