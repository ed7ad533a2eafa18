// What every service call receives, explicitly: who is asking, a request-scoped EntityManager,
// the request's loaders and logger. Transport-neutral: HTTP, WebSocket, jobs and tests build it.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppLogger } from './logger.js';

/** A DataLoader (or any per-request cache) built from the request's EntityManager. */
export type LoaderFactory<L> = (em: EntityManager) => L;

/**
 * The request's DataLoaders, each created on first use from its factory (the factory is the
 * key): a loader's cache never outlives the request, and a request pays only for what it uses.
 * Adding a loader needs no registry: export a factory beside the entity and `get` it.
 */
export class Loaders {
  private readonly created = new Map<LoaderFactory<unknown>, unknown>();

  constructor(private readonly em: EntityManager) {}

  get<L>(factory: LoaderFactory<L>): L {
    if (!this.created.has(factory)) this.created.set(factory, factory(this.em));
    return this.created.get(factory) as L;
  }
}

export interface RequestScope<TViewer> {
  requestId: string;
  viewer: TViewer | null;
  /** Forked per request (and per subscription event): no identity map shared across requests. */
  em: EntityManager;
  loaders: Loaders;
  log: AppLogger;
  ip: string;
  userAgent: string | null;
  /** The credential the request came with, to check it again during a long subscription. */
  credential: string | undefined;
  /** Epoch ms after which resolvers refuse to run (the execution time limit). */
  deadline: number;
}

/** A fresh EntityManager and fresh loaders: each subscription event reads current data. */
export function renewRequestScope(scope: RequestScope<unknown>): void {
  scope.em = scope.em.fork({ clear: true });
  scope.loaders = new Loaders(scope.em);
}
