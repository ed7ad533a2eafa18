import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { ApiKeyScope } from '../../modules/api-keys/api-key.entity.js';
import { AllowApiKey, Auth } from '../directives/auth.js';
import { notFound } from '../errors.js';
import { fromGlobalId } from './global-id.js';
import { Node, nodeFetcher } from './node.js';

@Resolver()
export class NodeResolver {
  @Auth()
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id. Objects the viewer may not see answer NOT_FOUND.',
  })
  async node(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<object> {
    const { type, id: localId } = fromGlobalId(id);
    const node = await nodeFetcher(type)?.(ctx, localId);
    if (!node) throw notFound('Node');
    return node;
  }
}
