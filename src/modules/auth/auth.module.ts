// Sign-in: registration, sessions with rotating refresh tokens, the viewer of every request,
// password reset and email verification by emailed single-use tokens.
import type { AppModule } from '../module.types.js';
import { AccountRecoveryResolver, UserPendingEmailResolver } from './account-recovery.resolver.js';
import { AccountToken } from './account-token.entity.js';
import { AuthResolver } from './auth.resolver.js';
import { RefreshToken, Session } from './session.entity.js';
import { SessionResolver, UserSessionsResolver } from './session.resolver.js';

export const authModule: AppModule = {
  name: 'auth',
  entities: [Session, RefreshToken, AccountToken],
  resolvers: [
    AuthResolver,
    AccountRecoveryResolver,
    UserPendingEmailResolver,
    SessionResolver,
    UserSessionsResolver,
  ],
  nodeTypes: [
    {
      name: 'Session',
      entity: Session,
      // A session is its own user's, and only through a signed-in session (never an API key).
      fetch: (ctx, id) =>
        ctx.viewer && !ctx.viewer.apiKey
          ? ctx.em.findOne(Session, { id, user: ctx.viewer.userId })
          : Promise.resolve(null),
    },
  ],
};
