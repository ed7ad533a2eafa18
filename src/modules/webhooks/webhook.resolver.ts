import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../common/global-id.js';
import { Auth } from '../../graphql/directives/auth.js';
import { RateLimit } from '../../graphql/directives/rate-limit.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { ConnectionArgs } from '../../graphql/relay/connection.js';
import { requireViewer } from '../auth/viewer.js';
import { Role } from '../users/user.entity.js';
import { WorkspaceRole, type Workspace } from '../workspaces/workspace.entity.js';
import { WorkspaceType } from '../workspaces/workspace.types.js';
import type { Project } from '../projects/project.entity.js';
import { ProjectType } from '../projects/project.types.js';
import type { Webhook, WebhookDelivery } from './webhook.entity.js';
import type { CreatedWebhookResult } from './webhook.service.js';
import {
  CreatedWebhookType,
  CreateWebhookInput,
  UpdateWebhookInput,
  WebhookDeliveryConnection,
  WebhookDeliveryType,
  WebhookType,
} from './webhook.types.js';

const webhookId = (id: string) => fromGlobalId(id, 'Webhook').id;

// Webhooks are managed from signed-in sessions by the workspace's OWNERs and ADMINs.
@Resolver(() => WebhookType)
export class WebhookResolver {
  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @RateLimit({ max: 30, window: '1h' })
  @Mutation(() => CreatedWebhookType, {
    description: 'Adds a webhook; the signing secret is in this answer only.',
  })
  createWebhook(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', { description: 'Where to deliver, which events, and for which project.' })
    input: CreateWebhookInput,
  ): Promise<CreatedWebhookResult> {
    return ctx.services.webhooks.create(ctx, requireViewer(ctx), input);
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @RateLimit({ max: 60, window: '1h' })
  @Mutation(() => WebhookType, { description: 'Changes a webhook (url, events, enabled).' })
  updateWebhook(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the webhook.' }) id: string,
    @Arg('input', { description: 'The fields to change; omitted fields keep their value.' })
    input: UpdateWebhookInput,
  ): Promise<Webhook> {
    return ctx.services.webhooks.update(ctx, requireViewer(ctx), webhookId(id), input);
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @Mutation(() => Boolean, { description: 'Deletes a webhook and its delivery log.' })
  deleteWebhook(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the webhook; its delivery log goes with it.' })
    id: string,
  ): Promise<boolean> {
    return ctx.services.webhooks.delete(ctx, webhookId(id));
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @RateLimit({ max: 20, window: '1h' })
  @Mutation(() => CreatedWebhookType, {
    description: 'A new signing secret, shown once; the old one keeps signing alongside for 24 hours.',
  })
  rotateWebhookSecret(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, {
      description: 'Global id of the webhook; its old secret keeps signing alongside for 24 hours.',
    })
    id: string,
  ): Promise<CreatedWebhookResult> {
    return ctx.services.webhooks.rotateSecret(ctx, webhookId(id));
  }

  @Auth(Role.USER, WorkspaceRole.ADMIN)
  @RateLimit({ max: 60, window: '1h' })
  @Mutation(() => WebhookDeliveryType, { description: "Sends a delivery's event again, as a new delivery." })
  redeliverWebhook(
    @Ctx() ctx: GraphQLContext,
    @Arg('deliveryId', () => ID, {
      description: 'Global id of a delivery to send again (see Webhook.deliveries).',
    })
    deliveryId: string,
  ): Promise<WebhookDelivery> {
    return ctx.services.webhooks.redeliver(ctx, fromGlobalId(deliveryId, 'WebhookDelivery').id);
  }

  @FieldResolver(() => ProjectType, {
    nullable: true,
    description: 'The project it is limited to (null: all audits).',
  })
  project(@Root() webhook: Webhook, @Ctx() ctx: GraphQLContext): Promise<Project | null> | null {
    return webhook.projectId ? ctx.services.projects.findVisible(ctx, webhook.projectId) : null;
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'The delivery log, newest first.' })
  deliveries(@Root() webhook: Webhook, @Ctx() ctx: GraphQLContext, @Args() args: ConnectionArgs) {
    return ctx.services.webhooks.deliveries(ctx, webhook, args);
  }
}

@Resolver(() => WorkspaceType)
export class WorkspaceWebhooksResolver {
  @Auth()
  @FieldResolver(() => [WebhookType], {
    nullable: true,
    description: "The workspace's webhooks: for its OWNERs and ADMINs (FORBIDDEN for other members).",
  })
  webhooks(@Root() workspace: Workspace, @Ctx() ctx: GraphQLContext): Promise<Webhook[]> {
    return ctx.services.webhooks.listForWorkspace(ctx, workspace.id);
  }
}
