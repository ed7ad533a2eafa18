// Pub/sub for live progress: Redis (graphql-redis-subscriptions) when REDIS_URL is set, so a
// subscriber on any API replica hears a worker anywhere; in-process otherwise. While Redis is
// down, publishing and subscribing fail at once and `healthy()` says so: subscribers then
// follow what the database says (see progress-stream.ts).
import { EventEmitter, on } from 'node:events';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import type { AppLogger } from '../common/logger.js';
import { createRedisClient, isRedisReady, whenRedisReady } from './redis.js';

export interface PubSub {
  publish(topic: string, payload: object): Promise<void>;
  /** Resolves once messages are flowing (so nothing published afterwards is missed). */
  subscribe(topic: string, onMessage: (payload: unknown) => void): Promise<() => void>;
  /** Readiness: rejects when the broker is unreachable. */
  ping(): Promise<void>;
  /** False while the broker is unreachable (messages published meanwhile are lost). */
  healthy(): boolean;
  /** Waits up to `timeoutMs` for the broker's connections; false when it stays unreachable. */
  whenReady(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

class InProcessPubSub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(topic: string, payload: object): Promise<void> {
    // Delivered asynchronously and as a copy, like a real broker would.
    const copy = structuredClone(payload);
    queueMicrotask(() => this.emitter.emit(topic, copy));
  }

  async subscribe(topic: string, onMessage: (payload: unknown) => void): Promise<() => void> {
    this.emitter.on(topic, onMessage);
    return () => this.emitter.off(topic, onMessage);
  }

  async ping(): Promise<void> {}

  healthy(): boolean {
    return true;
  }

  async whenReady(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

class RedisBackedPubSub implements PubSub {
  private readonly pubsub: RedisPubSub;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    this.pubsub = new RedisPubSub({ publisher, subscriber });
  }

  async publish(topic: string, payload: object): Promise<void> {
    if (!isRedisReady(this.publisher)) throw new Error('Redis is unreachable: event not published');
    await this.pubsub.publish(topic, payload);
  }

  async subscribe(topic: string, onMessage: (payload: unknown) => void): Promise<() => void> {
    if (!isRedisReady(this.subscriber)) throw new Error('Redis is unreachable: cannot subscribe');
    const id = await this.pubsub.subscribe(topic, onMessage);
    return () => this.pubsub.unsubscribe(id);
  }

  async ping(): Promise<void> {
    await this.publisher.ping();
  }

  healthy(): boolean {
    return isRedisReady(this.publisher) && isRedisReady(this.subscriber);
  }

  async whenReady(timeoutMs: number): Promise<boolean> {
    const ready = await Promise.all(
      [this.publisher, this.subscriber].map((client) => whenRedisReady(client, timeoutMs)),
    );
    return ready.every(Boolean);
  }

  async close(): Promise<void> {
    await this.pubsub.close();
  }
}

export function createPubSub(redisUrl: string | undefined, log?: AppLogger): PubSub {
  if (!redisUrl) return new InProcessPubSub();
  // A subscribed Redis connection can do nothing else: publishing needs its own.
  return new RedisBackedPubSub(
    createRedisClient(redisUrl, 'aeo-publisher', log),
    createRedisClient(redisUrl, 'aeo-subscriber', log),
  );
}

/**
 * Subscribes and resolves once the subscription is active, with an iterator over the
 * messages; ending the iteration (return/break) unsubscribes.
 */
export async function openSubscription(
  pubsub: PubSub,
  topic: string,
): Promise<AsyncIterableIterator<unknown>> {
  const messages = new EventEmitter();
  const abort = new AbortController();
  const iterator = on(messages, 'message', { signal: abort.signal });
  const unsubscribe = await pubsub.subscribe(topic, (payload) => messages.emit('message', payload));
  let closed = false;
  // Also reached when return() is called before the first next(): a generator that never
  // started skips its own finally block.
  const close = () => {
    if (closed) return;
    closed = true;
    abort.abort();
    unsubscribe();
  };
  async function* stream(): AsyncGenerator<unknown> {
    try {
      for await (const [payload] of iterator) yield payload;
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    } finally {
      close();
    }
  }
  const generator = stream();
  const end = generator.return.bind(generator);
  generator.return = (value) => {
    close();
    return end(value);
  };
  return generator;
}

/** type-graphql's PubSub shape over ours (for `@Subscription({ topics })` resolvers). */
/** A dynamic topic id as text: scalars as they are, anything else as JSON. */
const topicPart = (id: unknown) =>
  typeof id === 'string' || typeof id === 'number' ? String(id) : JSON.stringify(id);

export function typeGraphqlPubSub(pubsub: PubSub) {
  return {
    publish: (routingKey: string, payload: object) => pubsub.publish(routingKey, payload),
    subscribe: (routingKey: string, dynamicId?: unknown): AsyncIterable<unknown> => ({
      async *[Symbol.asyncIterator]() {
        const topic = dynamicId === undefined ? routingKey : `${routingKey}:${topicPart(dynamicId)}`;
        yield* await openSubscription(pubsub, topic);
      },
    }),
  };
}
