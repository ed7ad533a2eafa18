// The process's Prometheus registry (one per API or worker instance, so two in one test
// process do not collide), with Node's default metrics.
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** What a `pg` pool reports about itself (pg.Pool has these). */
export interface PoolStats {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { max?: number };
}

/** Connection pools by name (e.g. the ORM's, the job queue's), read at scrape time. */
export function registerPoolMetrics(registry: Registry, pools: Record<string, PoolStats>): void {
  const each = (read: (pool: PoolStats) => number | undefined) =>
    function (this: Gauge<'pool'>) {
      for (const [name, pool] of Object.entries(pools)) {
        const value = read(pool);
        if (value !== undefined) this.set({ pool: name }, value);
      }
    };
  new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL connections a pool holds, by pool and state (idle, or in use by a query or transaction).',
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      for (const [name, pool] of Object.entries(pools)) {
        this.set({ pool: name, state: 'idle' }, pool.idleCount);
        this.set({ pool: name, state: 'active' }, pool.totalCount - pool.idleCount);
      }
    },
  });
  new Gauge({
    name: 'db_pool_waiting_requests',
    help: 'Requests waiting for a PostgreSQL connection of a full pool, by pool.',
    labelNames: ['pool'] as const,
    registers: [registry],
    collect: each((pool) => pool.waitingCount),
  });
  new Gauge({
    name: 'db_pool_max_connections',
    help: 'The most PostgreSQL connections a pool opens, by pool.',
    labelNames: ['pool'] as const,
    registers: [registry],
    collect: each((pool) => pool.options.max),
  });
}

/** A Redis connection's state, as the metrics read it. */
export interface RedisState {
  up(): boolean;
  /** Commands sent and not yet answered; absent when the client does not say. */
  pending?(): number;
}

/** Redis connections by name, read at scrape time. */
export function registerRedisMetrics(registry: Registry, clients: Record<string, RedisState>): void {
  new Gauge({
    name: 'redis_up',
    help: 'Whether a Redis connection is ready (1) or not (0), by client.',
    labelNames: ['client'] as const,
    registers: [registry],
    collect() {
      for (const [name, client] of Object.entries(clients)) this.set({ client: name }, client.up() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'redis_commands_pending',
    help: 'Commands sent to Redis and not yet answered, by client.',
    labelNames: ['client'] as const,
    registers: [registry],
    collect() {
      for (const [name, client] of Object.entries(clients)) {
        if (client.pending) this.set({ client: name }, client.pending());
      }
    },
  });
}
