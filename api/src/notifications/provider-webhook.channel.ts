import type { ChannelReceipt, NotificationChannelAdapter, OutgoingMessage } from './notification-channel';
import { PermanentDeliveryError } from './notification-channel';

const RESPONSE_EXCERPT = 2_000;

/**
 * SMS and app push through the tenant's provider gateway: one JSON POST per message. The message id is
 * also sent as `Idempotency-Key`, the header SMS gateways use to drop a repeated request.
 */
export class ProviderWebhookChannel implements NotificationChannelAdapter {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: OutgoingMessage): Promise<ChannelReceipt> {
    const res = await fetch(this.url, {
      method: 'POST',
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
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = (await res.text()).slice(0, RESPONSE_EXCERPT);
    if (res.ok) return { status: 'sent', providerResponse: `${res.status} ${text}`.trim() };
    const error = `provider answered ${res.status}: ${text}`;
    // A request the provider will never accept is not retried; overload and timeouts are.
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentDeliveryError(error);
    throw new Error(error);
  }
}
