import type { AppConfig } from '../platform/config';
import { OutboundGuard } from '../platform/net/outbound-guard';
import { LogOnlyChannel } from './log-only.channel';
import type { ChannelAdapters } from './notification-channel';
import { ProviderWebhookChannel } from './provider-webhook.channel';
import { SmtpEmailChannel } from './smtp-email.channel';

/**
 * The adapters the configuration provides. A channel without a provider gets the log-only adapter, and
 * `warnings` says so plainly, so an operator sees at start that nothing leaves the machine on it. The
 * provider gateway is called through `guard` (no allow-list by default: a private gateway must be listed
 * in OUTBOUND_ALLOWED_HOSTS), and a gateway URL the guard refuses outright stops the start.
 */
export function createChannelAdapters(
  config: AppConfig['notifications'],
  log: (line: string) => void,
  guard = new OutboundGuard(),
): { adapters: ChannelAdapters; warnings: string[] } {
  const logOnly = new LogOnlyChannel(log);
  const warnings: string[] = [];
  if (!config.smtpUrl) warnings.push('SMTP_URL is not set: email notifications are only logged, not sent');
  if (!config.providerWebhookUrl) warnings.push('NOTIFY_WEBHOOK_URL is not set: SMS and push notifications are only logged, not sent');
  const refused = config.providerWebhookUrl ? guard.shapeProblem(config.providerWebhookUrl) : null;
  if (refused) throw new Error(`NOTIFY_WEBHOOK_URL: ${refused} (list it in OUTBOUND_ALLOWED_HOSTS if it is meant)`);
  const provider = config.providerWebhookUrl ? new ProviderWebhookChannel(config.providerWebhookUrl, guard) : logOnly;
  return {
    adapters: {
      email: config.smtpUrl ? new SmtpEmailChannel(config.smtpUrl, config.from) : logOnly,
      sms: provider,
      push: provider,
    },
    warnings,
  };
}
