// "This user's access changed": logout, a revoked session or API key, a password change,
// deactivation, a new role. Published on pub/sub (Redis when configured), so every replica's
// open subscriptions of that user re-check their credential and what they may see at once,
// instead of at their next periodic check.
import type { AppLogger } from '../../common/logger.js';
import { openSubscription, type PubSub } from '../../infra/pubsub.js';

const topicOf = (userId: string) => `credentials-changed:${userId}`;

export class CredentialEvents {
  constructor(
    private readonly pubsub: PubSub,
    private readonly log: AppLogger,
  ) {}

  /** Best effort once the change is committed: open streams also re-check periodically. */
  async changed(userId: string): Promise<void> {
    await this.pubsub
      .publish(topicOf(userId), { userId })
      .catch((error: unknown) => this.log.warn({ err: error, userId }, 'credential change not published'));
  }

  /** An event each time `userId`'s access changes, from any replica. */
  subscribe(userId: string): Promise<AsyncIterator<unknown>> {
    return openSubscription(this.pubsub, topicOf(userId));
  }
}
