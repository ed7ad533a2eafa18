// Partner API keys: issued in a workspace, scoped, rotated and revoked by its OWNERs and ADMINs.
import type { AppModule } from '../module.types.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyResolver, UserApiKeysResolver, WorkspaceApiKeysResolver } from './api-key.resolver.js';

export const apiKeysModule: AppModule = {
  name: 'api-keys',
  entities: [ApiKey],
  resolvers: [ApiKeyResolver, UserApiKeysResolver, WorkspaceApiKeysResolver],
  nodeTypes: [
    {
      name: 'ApiKey',
      entity: ApiKey,
      // Keys are managed from a signed-in session only: a key never reads keys.
      fetch: (ctx, id) => ctx.services.apiKeys.findVisible(ctx, id),
    },
  ],
};
