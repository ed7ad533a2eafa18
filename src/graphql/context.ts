// What every resolver receives: the request context services take, plus the services to call
// and what the transport's access log reports. Built the same way for HTTP and WebSocket.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppLogger } from '../common/logger.js';
import { Loaders } from '../common/request-context.js';
import type { RequestContext } from '../modules/auth/viewer.js';
import type { Services } from '../modules/services.js';

/** Facts about the operation the transport's access log reports (filled while it runs). */
export interface RequestMeta {
  operationName: string | null;
  userId: string | null;
}

export interface GraphQLContext extends RequestContext {
  services: Services;
  meta: RequestMeta;
}

/** What a transport knows of a request. */
export interface ContextSource {
  requestId: string;
  log: AppLogger;
  ip: string;
  userAgent: string | null;
  /** `Authorization` header value (or its WebSocket equivalent), if any. */
  credential: string | undefined;
  meta?: RequestMeta;
}

export type ContextFactory = (source: ContextSource) => Promise<GraphQLContext>;

/** Resolves the viewer from the credential (a bad one is UNAUTHENTICATED) and scopes the request. */
export function contextFactory(orm: MikroORM, services: Services): ContextFactory {
  return async (source) => {
    const em = orm.em.fork();
    const viewer = await services.auth.resolveViewer(em, source.credential, {
      ip: source.ip,
      userAgent: source.userAgent,
      requestId: source.requestId,
    });
    const meta = source.meta ?? { operationName: null, userId: null };
    meta.userId = viewer?.userId ?? null;
    return {
      requestId: source.requestId,
      viewer,
      em,
      loaders: new Loaders(em),
      services,
      log: viewer ? source.log.child({ userId: viewer.userId }) : source.log,
      ip: source.ip,
      userAgent: source.userAgent,
      meta,
      credential: source.credential,
      deadline: Date.now() + services.config.executionTimeoutMs,
    };
  };
}
