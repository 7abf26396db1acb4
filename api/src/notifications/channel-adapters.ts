import type { AppConfig } from '../platform/config';
import { LogOnlyChannel } from './log-only.channel';
import type { ChannelAdapters } from './notification-channel';
import { ProviderWebhookChannel } from './provider-webhook.channel';
import { SmtpEmailChannel } from './smtp-email.channel';

/**
 * The adapters the configuration provides. A channel without a provider gets the log-only adapter, and
 * `warnings` says so plainly, so an operator sees at start that nothing leaves the machine on it.
 */
export function createChannelAdapters(
  config: AppConfig['notifications'],
  log: (line: string) => void,
): { adapters: ChannelAdapters; warnings: string[] } {
  const logOnly = new LogOnlyChannel(log);
  const warnings: string[] = [];
  if (!config.smtpUrl) warnings.push('SMTP_URL is not set: email notifications are only logged, not sent');
  if (!config.providerWebhookUrl) warnings.push('NOTIFY_WEBHOOK_URL is not set: SMS and push notifications are only logged, not sent');
  const provider = config.providerWebhookUrl ? new ProviderWebhookChannel(config.providerWebhookUrl) : logOnly;
  return {
    adapters: {
      email: config.smtpUrl ? new SmtpEmailChannel(config.smtpUrl, config.from) : logOnly,
      sms: provider,
      push: provider,
    },
    warnings,
  };
}
