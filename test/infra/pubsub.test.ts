import { describe, expect, it } from '@jest/globals';
import { EXPRESS } from '../../src/common/closable-iterator.js';
import { createPubSub, openSubscription, SharedSubscriptions, type PubSub } from '../../src/infra/pubsub.js';

/** The in-process pub/sub, counting live subscriptions. */
function countingPubSub(): PubSub & { live: () => number } {
  const inner = createPubSub(undefined);
  let live = 0;
  return {
    publish: (topic, payload) => inner.publish(topic, payload),
    async subscribe(topic, onMessage) {
      const unsubscribe = await inner.subscribe(topic, onMessage);
      live++;
      return () => {
        live--;
        unsubscribe();
      };
    },
    ping: () => inner.ping(),
    healthy: () => inner.healthy(),
    whenReady: (timeoutMs) => inner.whenReady(timeoutMs),
    close: () => inner.close(),
    live: () => live,
  };
}

describe('openSubscription', () => {
  it('delivers messages published after it resolves, in order', async () => {
    const pubsub = countingPubSub();
    const subscription = await openSubscription(pubsub, 't');
    await pubsub.publish('t', { n: 1 });
    await pubsub.publish('t', { n: 2 });
    expect((await subscription.next()).value).toEqual({ n: 1 });
    expect((await subscription.next()).value).toEqual({ n: 2 });
    await subscription.return?.();
    expect(pubsub.live()).toBe(0);
  });

  it('unsubscribes when ended before the first message was read', async () => {
    const pubsub = countingPubSub();
    const subscription = await openSubscription(pubsub, 't');
    expect(pubsub.live()).toBe(1);
    await subscription.return?.();
    expect(pubsub.live()).toBe(0);
  });

  it('offers each message to its express lane first, and queues what the lane declines', async () => {
    const pubsub = countingPubSub();
    const subscription = await openSubscription(pubsub, 't');
    const taken: unknown[] = [];
    let accept = true;
    subscription[EXPRESS]!((payload) => {
      if (!accept) return false;
      taken.push(payload);
      return true;
    });
    await pubsub.publish('t', { n: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toEqual([{ n: 1 }]);
    accept = false;
    await pubsub.publish('t', { n: 2 });
    await new Promise((resolve) => setImmediate(resolve));
    // Queued now: the lane is not offered what would overtake it.
    accept = true;
    await pubsub.publish('t', { n: 3 });
    expect((await subscription.next()).value).toEqual({ n: 2 });
    expect((await subscription.next()).value).toEqual({ n: 3 });
    expect(taken).toEqual([{ n: 1 }]);
    await subscription.return?.();
    await pubsub.publish('t', { n: 4 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toEqual([{ n: 1 }]);
  });

  it('unsubscribes when ended while waiting for a message', async () => {
    const pubsub = countingPubSub();
    const subscription = await openSubscription(pubsub, 't');
    const pending = subscription.next();
    await subscription.return?.();
    expect((await pending).done).toBe(true);
    expect(pubsub.live()).toBe(0);
  });
});

describe('SharedSubscriptions', () => {
  it('holds one broker subscription per topic however many listeners, until the last leaves', async () => {
    const broker = countingPubSub();
    const pubsub = new SharedSubscriptions(broker);
    const streams = await Promise.all(Array.from({ length: 50 }, () => openSubscription(pubsub, 't')));
    const other = await openSubscription(pubsub, 'u');
    expect(broker.live()).toBe(2);
    expect(pubsub.subscribedTopics).toBe(2);

    await pubsub.publish('t', { n: 1 });
    const received = await Promise.all(streams.map(async (stream) => (await stream.next()).value));
    expect(received).toHaveLength(50);
    // Every local listener gets the one message object the broker delivered.
    expect(new Set(received).size).toBe(1);
    expect(received[0]).toEqual({ n: 1 });

    await Promise.all(streams.slice(1).map((stream) => stream.return!()));
    expect(broker.live()).toBe(2);
    await streams[0]!.return?.();
    expect(broker.live()).toBe(1);
    await other.return?.();
    expect(broker.live()).toBe(0);
    expect(pubsub.subscribedTopics).toBe(0);
  });

  it('subscribes again after the last listener left', async () => {
    const broker = countingPubSub();
    const pubsub = new SharedSubscriptions(broker);
    const first = await openSubscription(pubsub, 't');
    await first.return?.();
    const second = await openSubscription(pubsub, 't');
    expect(broker.live()).toBe(1);
    await pubsub.publish('t', { n: 2 });
    expect((await second.next()).value).toEqual({ n: 2 });
    await second.return?.();
    expect(broker.live()).toBe(0);
  });

  it('fails every waiting listener when the broker refuses, and keeps no topic', async () => {
    const broker = countingPubSub();
    const refusing: PubSub = { ...broker, subscribe: async () => Promise.reject(new Error('broker down')) };
    const pubsub = new SharedSubscriptions(refusing);
    const attempts = await Promise.allSettled([openSubscription(pubsub, 't'), openSubscription(pubsub, 't')]);
    expect(attempts.map((attempt) => attempt.status)).toEqual(['rejected', 'rejected']);
    expect(pubsub.subscribedTopics).toBe(0);
  });

  it('keeps delivering to the other listeners when one throws', async () => {
    const pubsub = new SharedSubscriptions(countingPubSub());
    const seen: unknown[] = [];
    const offA = await pubsub.subscribe('t', () => {
      throw new Error('listener failed');
    });
    const offB = await pubsub.subscribe('t', (payload) => seen.push(payload));
    await pubsub.publish('t', { n: 3 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([{ n: 3 }]);
    offA();
    offB();
  });
});
