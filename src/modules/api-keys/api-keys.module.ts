// Partner API keys: issued, scoped, rotated and revoked by their owner.
import type { AppModule } from '../module.types.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyResolver, UserApiKeysResolver } from './api-key.resolver.js';

export const apiKeysModule: AppModule = {
  name: 'api-keys',
  entities: [ApiKey],
  resolvers: [ApiKeyResolver, UserApiKeysResolver],
  nodeTypes: [
    {
      name: 'ApiKey',
      entity: ApiKey,
      // Keys are managed from a signed-in session only: a key never reads keys.
      fetch: (ctx, id) =>
        ctx.viewer && !ctx.viewer.apiKey
          ? ctx.em.findOne(ApiKey, { id, user: ctx.viewer.user.id })
          : Promise.resolve(null),
    },
  ],
};
