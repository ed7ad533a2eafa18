// After a JWT_SECRET rotation: every stored webhook secret re-encrypted under the new key, so the
// old one can leave JWT_PREVIOUS_SECRETS (`npm run cli -- secrets:reseal`). Batched by id; each
// batch is its own transaction, and running it again only re-checks.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Webhook } from './webhook.entity.js';
import type { SecretBox } from './webhook-signature.js';

const BATCH = 200;

export interface ResealResult {
  checked: number;
  resealed: number;
}

export async function resealWebhookSecrets(em: EntityManager, box: SecretBox): Promise<ResealResult> {
  const result: ResealResult = { checked: 0, resealed: 0 };
  let after: string | undefined;
  for (;;) {
    const batch = await em.fork().transactional(async (tx) => {
      const webhooks = await tx.find(Webhook, after ? { id: { $gt: after } } : {}, {
        orderBy: { id: 'asc' },
        limit: BATCH,
        fields: ['id', 'secret', 'previousSecret'],
      });
      for (const webhook of webhooks) {
        const secret = box.reseal(webhook.secret);
        const previous = webhook.previousSecret ? box.reseal(webhook.previousSecret) : null;
        if (secret) webhook.secret = secret;
        if (previous) webhook.previousSecret = previous;
        if (secret || previous) result.resealed += 1;
      }
      return webhooks;
    });
    result.checked += batch.length;
    if (batch.length < BATCH) return result;
    after = batch.at(-1)!.id;
  }
}
