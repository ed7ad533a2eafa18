// Redis connections that fail fast and say so: a command while Redis is unreachable fails at
// once (the callers have fallbacks), a stuck one after COMMAND_TIMEOUT_MS, and every client's
// errors go through the logger — once per outage, with its recovery — instead of stderr.
import { Redis } from 'ioredis';
import type { AppLogger } from '../common/logger.js';

const COMMAND_TIMEOUT_MS = 500;

export function createRedisClient(url: string, name: string, log?: AppLogger): Redis {
  const client = new Redis(url, {
    connectionName: name,
    // Queued commands would wait for the reconnection, holding requests: fail them instead.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    enableReadyCheck: true,
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log?.warn({ err: error, redis: name }, 'Redis unreachable: degraded until it is back');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log?.info({ redis: name }, 'Redis reachable again');
  });
  return client;
}

/** True while the connection is up: callers pick their fallback without waiting for a timeout. */
export const isRedisReady = (client: Redis) => client.status === 'ready';

/** Resolves true once the client is connected, false after `timeoutMs` (then it runs degraded). */
export function whenRedisReady(client: Redis, timeoutMs: number): Promise<boolean> {
  if (isRedisReady(client)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('ready', ready);
      resolve(false);
    }, timeoutMs);
    const ready = () => {
      clearTimeout(timer);
      resolve(true);
    };
    client.once('ready', ready);
  });
}
