// "This user's access changed": logout, a revoked session or API key, a password change,
// deactivation, a new role, memberships, the profile. Published on pub/sub (Redis when
// configured), so every replica's open subscriptions of that user re-check their credential and
// what they may see at once, instead of at their next periodic check, and every replica's
// session cache forgets that user's sessions.
import type { AppLogger } from '../../common/logger.js';
import { openSubscription, type PubSub } from '../../infra/pubsub.js';

const topicOf = (userId: string) => `credentials-changed:${userId}`;
/** Every user's changes, for what each replica keeps about any user (the session cache). */
const ANY_USER_TOPIC = 'credentials-changed';

export class CredentialEvents {
  private readonly local = new Set<(userId: string) => void>();

  constructor(
    private readonly pubsub: PubSub,
    private readonly log: AppLogger,
  ) {}

  /**
   * Best effort once the change is committed: open streams also re-check periodically, and the
   * session cache serves nothing while pub/sub is unhealthy. This replica's watchers hear it at
   * once, before the broker delivers it anywhere.
   */
  async changed(userId: string): Promise<void> {
    for (const listener of this.local) listener(userId);
    const published = (topic: string) =>
      this.pubsub
        .publish(topic, { userId })
        .catch((error: unknown) => this.log.warn({ err: error, userId }, 'credential change not published'));
    await Promise.all([published(topicOf(userId)), published(ANY_USER_TOPIC)]);
  }

  /** An event each time `userId`'s access changes, from any replica. */
  subscribe(userId: string): Promise<AsyncIterator<unknown>> {
    return openSubscription(this.pubsub, topicOf(userId));
  }

  /**
   * Calls `listener` with the user of every change, from any replica (this one's at once, and
   * again when the broker delivers it). Resolves once the broker delivers to it.
   */
  async watchAll(listener: (userId: string) => void): Promise<() => void> {
    const unsubscribe = await this.pubsub.subscribe(ANY_USER_TOPIC, (payload) => {
      const userId = (payload as { userId?: unknown } | null)?.userId;
      if (typeof userId === 'string') listener(userId);
    });
    this.local.add(listener);
    return () => {
      this.local.delete(listener);
      unsubscribe();
    };
  }

  /** False while the broker is unreachable: changes published meanwhile are lost. */
  healthy(): boolean {
    return this.pubsub.healthy();
  }
}
