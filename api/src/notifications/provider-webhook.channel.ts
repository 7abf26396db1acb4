import { guardedPost, outboundFailure } from '../platform/net/guarded-post';
import { isOutboundRefusal, type OutboundGuard } from '../platform/net/outbound-guard';
import type { ChannelReceipt, NotificationChannelAdapter, OutgoingMessage } from './notification-channel';
import { PermanentDeliveryError } from './notification-channel';

/**
 * SMS and app push through the tenant's provider gateway: one JSON POST per message, through the outbound
 * guard like tenant webhooks. The message id is also sent as `Idempotency-Key`, the header SMS gateways use
 * to drop a repeated request.
 */
export class ProviderWebhookChannel implements NotificationChannelAdapter {
  constructor(
    private readonly url: string,
    private readonly guard: OutboundGuard,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: OutgoingMessage): Promise<ChannelReceipt> {
    const res = await guardedPost(this.guard, {
      url: this.url,
      headers: { 'content-type': 'application/json', 'idempotency-key': message.messageId },
      body: JSON.stringify({
        messageId: message.messageId,
        channel: message.channel,
        to: message.to,
        subject: message.subject ?? null,
        body: message.body,
        locale: message.locale,
        kind: message.kind,
      }),
      timeoutMs: this.timeoutMs,
    }).catch((error: unknown) => {
      // A refused address stays refused; a network failure may not.
      throw isOutboundRefusal(error) ? new PermanentDeliveryError(error.message) : new Error(outboundFailure(error));
    });
    if (res.status >= 200 && res.status < 300) return { status: 'sent', providerResponse: `${res.status} ${res.excerpt}`.trim() };
    const error = `provider answered ${res.status}: ${res.excerpt}`;
    // A request the provider will never accept is not retried; overload and timeouts are.
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentDeliveryError(error);
    throw new Error(error);
  }
}
