// Accounts: profiles, administration of users, and their data (export and erasure).
import type { AppModule } from '../module.types.js';
import { AccountDataResolver } from './account-data.resolver.js';
import { User } from './user.entity.js';
import { UserRow } from './user-row.js';
import { UserResolver } from './user.resolver.js';

export const usersModule: AppModule = {
  name: 'users',
  entities: [User],
  resolvers: [UserResolver, AccountDataResolver],
  nodeTypes: [
    {
      name: 'User',
      entity: User,
      rows: [UserRow],
      fetch: (ctx, id) => ctx.services.users.findVisible(ctx, id),
    },
  ],
};
