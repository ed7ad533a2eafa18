// Pub/sub for live progress: Redis (graphql-redis-subscriptions) when REDIS_URL is set, so a
// subscriber on any API replica hears a worker anywhere; in-process otherwise. While Redis is
// down, publishing and subscribing fail at once and `healthy()` says so: subscribers then
// follow what the database says (see progress-stream.ts).
import { EventEmitter } from 'node:events';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import {
  closableIterator,
  ITERATOR_DONE,
  type Expressible,
  type ExpressSink,
} from '../common/closable-iterator.js';
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

/**
 * One broker subscription per topic, however many local listeners it has: the first listener
 * subscribes, the last one to leave unsubscribes. A message is handed to every listener as the
 * same object (treat it as read-only), so a thousand streams on one topic cost the broker, and
 * the parsing of each message, one.
 */
export class SharedSubscriptions implements PubSub {
  private readonly topics = new Map<string, SharedTopic>();

  constructor(private readonly broker: PubSub) {}

  publish(topic: string, payload: object): Promise<void> {
    return this.broker.publish(topic, payload);
  }

  async subscribe(topic: string, onMessage: (payload: unknown) => void): Promise<() => void> {
    let shared = this.topics.get(topic);
    if (!shared) {
      const created: SharedTopic = { listeners: new Set(), ready: undefined as never };
      created.ready = this.broker
        .subscribe(topic, (payload) => {
          for (const listener of created.listeners) {
            try {
              listener(payload);
            } catch {
              // One listener's failure is its own: the others still get the message.
            }
          }
        })
        .catch((error: unknown) => {
          if (this.topics.get(topic) === created) this.topics.delete(topic);
          throw error;
        });
      this.topics.set(topic, created);
      shared = created;
    }
    const entry = shared;
    entry.listeners.add(onMessage);
    let unsubscribeBroker: () => void;
    try {
      unsubscribeBroker = await entry.ready;
    } catch (error) {
      entry.listeners.delete(onMessage);
      throw error;
    }
    return () => {
      if (!entry.listeners.delete(onMessage) || entry.listeners.size > 0) return;
      if (this.topics.get(topic) === entry) this.topics.delete(topic);
      unsubscribeBroker();
    };
  }

  /** How many topics have a broker subscription (for tests and metrics). */
  get subscribedTopics(): number {
    return this.topics.size;
  }

  ping(): Promise<void> {
    return this.broker.ping();
  }

  healthy(): boolean {
    return this.broker.healthy();
  }

  whenReady(timeoutMs: number): Promise<boolean> {
    return this.broker.whenReady(timeoutMs);
  }

  async close(): Promise<void> {
    this.topics.clear();
    await this.broker.close();
  }
}

interface SharedTopic {
  listeners: Set<(payload: unknown) => void>;
  /** Resolves with the broker's unsubscribe once messages flow. */
  ready: Promise<() => void>;
}

export function createPubSub(redisUrl: string | undefined, log?: AppLogger): PubSub {
  if (!redisUrl) return new SharedSubscriptions(new InProcessPubSub());
  // A subscribed Redis connection can do nothing else: publishing needs its own.
  return new SharedSubscriptions(
    new RedisBackedPubSub(
      createRedisClient(redisUrl, 'aeo-publisher', log),
      createRedisClient(redisUrl, 'aeo-subscriber', log),
    ),
  );
}

/**
 * Subscribes and resolves once the subscription is active, with an iterator over the
 * messages (queued while nobody reads); ending the iteration (return/break) unsubscribes at
 * once, also while a `next` waits. Its express lane (closable-iterator.ts) is offered each
 * message first, in the broker's callback, whenever none is queued.
 */
export async function openSubscription(
  pubsub: PubSub,
  topic: string,
): Promise<AsyncIterableIterator<unknown> & Expressible<unknown>> {
  const queue: unknown[] = [];
  let waiting: ((result: IteratorResult<unknown>) => void) | undefined;
  let closed = false;
  let express: ExpressSink<unknown> | undefined;
  const unsubscribe = await pubsub.subscribe(topic, (payload) => {
    if (closed) return;
    if (!queue.length && express?.(payload)) return;
    if (!waiting) return void queue.push(payload);
    const wake = waiting;
    waiting = undefined;
    wake({ value: payload, done: false });
  });
  const next = (): Promise<IteratorResult<unknown>> => {
    if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
    if (closed) return Promise.resolve(ITERATOR_DONE);
    return new Promise((resolve) => (waiting = resolve));
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    queue.length = 0;
    unsubscribe();
    waiting?.(ITERATOR_DONE);
    waiting = undefined;
    express = undefined;
  };
  return closableIterator(next, close, (sink) => (express = sink));
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
