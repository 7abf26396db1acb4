import type { ChannelReceipt, NotificationChannelAdapter, OutgoingMessage } from './notification-channel';

/**
 * For a development worker without SMTP or a provider: prints the message and records it as `logged`,
 * never as `sent`, so the delivery log does not claim that anyone received it.
 */
export class LogOnlyChannel implements NotificationChannelAdapter {
  constructor(private readonly log: (line: string) => void) {}

  send(message: OutgoingMessage): Promise<ChannelReceipt> {
    this.log(
      `[notify:${message.channel}] NOT SENT (no provider configured) to ${message.to}: ${message.subject ? `${message.subject} | ` : ''}${message.body.replace(/\s+/g, ' ')}`,
    );
    return Promise.resolve({ status: 'logged', providerResponse: 'log-only: no provider configured' });
  }
}
