import type { EntityManager } from '@mikro-orm/postgresql';
import { createChannelAdapters, OutboundGuard, SecretBox, TenantConfigService, type AppConfig, type ChannelAdapters } from '@complaints/api';
import { createNotificationDelivery } from './notification-delivery';
import { createWebhookDelivery } from './webhook-delivery';
import { runDeliveryRelay } from './delivery-relay';

/**
 * Notification and webhook delivery for a worker process: channel adapters from the configuration (the
 * log-only adapter where no provider is configured, announced in the log) and the relay loop.
 */
export function startDelivery(
  root: EntityManager,
  config: Pick<AppConfig, 'notifications' | 'delivery' | 'outbound' | 'secrets'>,
  opts: { log: (message: string, error?: unknown) => void; channels?: ChannelAdapters; tenantId?: string },
): { stop(): Promise<void>; sweep: () => Promise<number> } {
  const guard = OutboundGuard.fromConfig(config);
  let channels = opts.channels;
  let close: () => void = () => {};
  if (!channels) {
    const built = createChannelAdapters(config.notifications, (line) => opts.log(line), guard);
    for (const warning of built.warnings) opts.log(warning);
    channels = built.adapters;
    close = () => {
      for (const adapter of Object.values(built.adapters)) void adapter.close?.();
    };
  }
  const retry = config.delivery.retry;
  const relay = runDeliveryRelay(
    {
      ...createNotificationDelivery({ root, tenantConfig: new TenantConfigService(), channels, retry, portalUrl: config.notifications.portalUrl }),
      ...createWebhookDelivery({ root, retry, guard, secrets: SecretBox.fromConfig(config) }),
    },
    { intervalMs: config.delivery.intervalMs, log: opts.log, tenantId: opts.tenantId },
  );
  return {
    sweep: relay.sweep,
    async stop() {
      await relay.stop();
      close();
    },
  };
}
