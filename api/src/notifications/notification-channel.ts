import type { Locale, NotificationChannel } from '@complaints/tenant-config';

/** One rendered message to one address on one channel. */
export interface OutgoingMessage {
  channel: NotificationChannel;
  /** An email address, a phone number, or the app's id for a push target. */
  to: string;
  subject?: string;
  body: string;
  locale: Locale;
  /**
   * Stable across retries: the outbox row's dedupe key plus channel (and recipient when a notification
   * fans out to several people). Providers and mail clients drop a second copy with the same id.
   */
  messageId: string;
  tenantId: string;
  kind: string;
}

export interface ChannelReceipt {
  /** `sent`: a provider accepted it; `logged`: no provider is configured and the message was only logged. */
  status: 'sent' | 'logged';
  providerResponse: string;
}

/** Email, SMS and push all look the same to delivery: send or throw. */
export interface NotificationChannelAdapter {
  send(message: OutgoingMessage): Promise<ChannelReceipt>;
  close?(): Promise<void> | void;
}

export type ChannelAdapters = Record<NotificationChannel, NotificationChannelAdapter>;

/** Thrown for failures not worth retrying (e.g. a 4xx from the provider other than 408/429). */
export class PermanentDeliveryError extends Error {}
