import type { Locale } from '../schema/localized-text';
import type { NotificationChannel, NotificationEvent, NotificationTemplate } from '../schema/notification-template';
import type { TenantConfig } from '../schema/tenant-config';

/**
 * The template for an event, channel and locale, falling back to the tenant's default locale so a customer
 * with an unsupported locale still hears from us; undefined when the tenant sends nothing for that event.
 */
export function findNotificationTemplate(
  config: TenantConfig,
  event: NotificationEvent,
  channel: NotificationChannel,
  locale: Locale,
): NotificationTemplate | undefined {
  const candidates = config.notificationTemplates.filter((t) => t.event === event && t.channel === channel);
  return candidates.find((t) => t.locale === locale) ?? candidates.find((t) => t.locale === config.defaultLocale);
}
