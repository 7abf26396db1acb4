import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audited';
import { webhookChanged, webhookCreated, webhookDeleted } from '../audit/audit-subjects';
import { tenantPrincipal, type RequestContext } from '../app/context';
import { CreatedWebhookSubscription, CreateWebhookInput, UpdateWebhookInput, WebhookDelivery, WebhookSubscription } from './webhook.types';

/** Webhook subscriptions and their deliveries: tenant configuration, so `tenant.configure` throughout. */
@Resolver()
export class WebhookResolver {
  @Authorized('tenant.configure')
  @Query(() => [WebhookSubscription])
  webhookSubscriptions(@Ctx() ctx: RequestContext): Promise<WebhookSubscription[]> {
    return ctx.services.webhooks.list(ctx.em);
  }

  @Authorized('tenant.configure')
  @Mutation(() => CreatedWebhookSubscription, { description: 'The signing secret is in the answer and nowhere else' })
  @Audited('webhook_created', webhookCreated)
  createWebhookSubscription(
    @Arg('input', () => CreateWebhookInput) input: CreateWebhookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatedWebhookSubscription> {
    const principal = tenantPrincipal(ctx);
    return ctx.services.webhooks.create(ctx.tenant(), principal.kind === 'user' ? principal.userId : null, input);
  }

  @Authorized('tenant.configure')
  @Mutation(() => WebhookSubscription)
  @Audited('webhook_updated', webhookChanged<WebhookSubscription>())
  updateWebhookSubscription(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookInput) input: UpdateWebhookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookSubscription> {
    return ctx.services.webhooks.update(ctx.em, id, input);
  }

  @Authorized('tenant.configure')
  @Mutation(() => CreatedWebhookSubscription, { description: 'A new signing secret, shown once' })
  @Audited('webhook_secret_rotated', webhookChanged<CreatedWebhookSubscription>())
  rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CreatedWebhookSubscription> {
    return ctx.services.webhooks.rotateSecret(ctx.em, id);
  }

  @Authorized('tenant.configure')
  @Mutation(() => Boolean)
  @Audited('webhook_deleted', webhookDeleted)
  deleteWebhookSubscription(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.webhooks.remove(ctx.em, id);
  }

  @Authorized('tenant.configure')
  @Query(() => [WebhookDelivery], { description: 'Newest first, with every attempt' })
  webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Arg('subscriptionId', () => ID, { nullable: true }) subscriptionId?: string,
    @Arg('status', () => String, { nullable: true }) status?: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<WebhookDelivery[]> {
    return ctx.services.webhooks.deliveries(ctx.em, { subscriptionId, status, first });
  }

  @Authorized('tenant.configure')
  @Mutation(() => WebhookDelivery, { description: 'Sends the delivery again on the next sweep (same delivery id, marked as a replay)' })
  replayWebhookDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WebhookDelivery> {
    return ctx.services.webhooks.replay(ctx.em, id);
  }
}
