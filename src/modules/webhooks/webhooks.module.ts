// Webhooks: signed events delivered to the endpoints of a workspace.
import type { AppModule } from '../module.types.js';
import { Webhook, WebhookDelivery } from './webhook.entity.js';
import { WebhookResolver, WorkspaceWebhooksResolver } from './webhook.resolver.js';

export const webhooksModule: AppModule = {
  name: 'webhooks',
  entities: [Webhook, WebhookDelivery],
  resolvers: [WebhookResolver, WorkspaceWebhooksResolver],
  nodeTypes: [
    { name: 'Webhook', entity: Webhook, fetch: (ctx, id) => ctx.services.webhooks.findVisible(ctx, id) },
    {
      name: 'WebhookDelivery',
      entity: WebhookDelivery,
      fetch: async (ctx, id) => {
        const delivery = await ctx.em.findOne(WebhookDelivery, { id });
        return delivery && (await ctx.services.webhooks.findVisible(ctx, delivery.webhook.id))
          ? delivery
          : null;
      },
    },
  ],
};
