// The security log: sign-ins, key use, refusals; readable by admins.
import type { AppModule } from '../module.types.js';
import { SecurityEvent } from './security-event.entity.js';
import { isAdminSession, SecurityEventResolver } from './security-event.resolver.js';

export const securityModule: AppModule = {
  name: 'security',
  entities: [SecurityEvent],
  resolvers: [SecurityEventResolver],
  nodeTypes: [
    {
      name: 'SecurityEvent',
      entity: SecurityEvent,
      fetch: async (ctx, id) => (isAdminSession(ctx) ? ctx.em.findOne(SecurityEvent, { id }) : null),
    },
  ],
};
