// Accounts: profiles and administration of users.
import type { AppModule } from '../module.types.js';
import { User } from './user.entity.js';
import { UserResolver } from './user.resolver.js';

export const usersModule: AppModule = {
  name: 'users',
  entities: [User],
  resolvers: [UserResolver],
  nodeTypes: [{ name: 'User', entity: User, fetch: (ctx, id) => ctx.services.users.findVisible(ctx, id) }],
};
