import { describe, expect, it } from '@jest/globals';
import { createPubSub, openSubscription, type PubSub } from '../../src/infra/pubsub.js';

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

  it('unsubscribes when ended while waiting for a message', async () => {
    const pubsub = countingPubSub();
    const subscription = await openSubscription(pubsub, 't');
    const pending = subscription.next();
    await subscription.return?.();
    expect((await pending).done).toBe(true);
    expect(pubsub.live()).toBe(0);
  });
});
