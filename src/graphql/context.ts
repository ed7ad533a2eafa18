// What every resolver receives: who is asking, a request-scoped EntityManager, the services.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppLogger } from '../infra/logger.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { User } from '../modules/users/user.entity.js';
import type { Role } from '../modules/users/user.entity.js';
import type { ApiKeyScope } from '../modules/api-keys/api-key.entity.js';
import type { Services } from '../services.js';

export interface Viewer {
  user: User;
  role: Role;
  /** The login session behind an access token (null for other credentials). */
  sessionId: string | null;
  /** The partner API key behind the request (null for a session): it limits what is allowed. */
  apiKey: { id: string; scopes: readonly ApiKeyScope[] } | null;
}

/** Facts about the operation the transport's access log reports (filled while it runs). */
export interface RequestMeta {
  operationName: string | null;
  userId: string | null;
}

export interface RequestContext {
  requestId: string;
  viewer: Viewer | null;
  /** Forked per request (and per subscription event): no identity map shared across requests. */
  em: EntityManager;
  loaders: Loaders;
  services: Services;
  log: AppLogger;
  ip: string;
  userAgent: string | null;
  meta: RequestMeta;
  /** The credential the request came with, to check it again during a long subscription. */
  credential: string | undefined;
  /** Epoch ms after which resolvers refuse to run (the execution time limit). */
  deadline: number;
}

/** A fresh EntityManager and fresh loaders: each subscription event reads current data. */
export function renewRequestScope(ctx: RequestContext): void {
  ctx.em = ctx.em.fork({ clear: true });
  ctx.loaders = createLoaders(ctx.em);
}

/** The viewer of a field guarded by `@Auth` (the guard already refused anonymous callers). */
export function requireViewer(ctx: RequestContext): Viewer {
  if (!ctx.viewer) throw new Error('requireViewer used on a field without @Auth');
  return ctx.viewer;
}
