// Builds the per-operation RequestContext, the same way for HTTP and WebSocket.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppLogger } from '../infra/logger.js';
import type { RequestContext, RequestMeta } from '../graphql/context.js';
import { createLoaders } from '../graphql/loaders.js';
import type { Services } from '../services.js';

export interface ContextSource {
  requestId: string;
  log: AppLogger;
  ip: string;
  userAgent: string | null;
  /** `Authorization` header value (or its WebSocket equivalent), if any. */
  credential: string | undefined;
  meta?: RequestMeta;
}

export type ContextFactory = (source: ContextSource) => Promise<RequestContext>;

export function contextFactory(orm: MikroORM, services: Services): ContextFactory {
  return async (source) => {
    const em = orm.em.fork();
    const viewer = await services.auth.resolveViewer(em, source.credential, {
      ip: source.ip,
      userAgent: source.userAgent,
      requestId: source.requestId,
    });
    const meta = source.meta ?? { operationName: null, userId: null };
    meta.userId = viewer?.user.id ?? null;
    return {
      requestId: source.requestId,
      viewer,
      em,
      loaders: createLoaders(em),
      services,
      log: viewer ? source.log.child({ userId: viewer.user.id }) : source.log,
      ip: source.ip,
      userAgent: source.userAgent,
      meta,
      credential: source.credential,
      deadline: Date.now() + services.config.executionTimeoutMs,
    };
  };
}
