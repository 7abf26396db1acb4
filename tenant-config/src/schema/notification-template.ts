import { z } from 'zod';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_EVENTS,
  TEMPLATE_PLACEHOLDERS,
  type NotificationChannel,
  type NotificationEvent,
  type TemplatePlaceholder,
} from '../config-closed-sets';
import { localeSchema } from './localized-text';

export { NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, TEMPLATE_PLACEHOLDERS, type NotificationChannel, type NotificationEvent, type TemplatePlaceholder };

export const notificationTemplateSchema = z.strictObject({
  event: z.enum(NOTIFICATION_EVENTS),
  channel: z.enum(NOTIFICATION_CHANNELS),
  locale: localeSchema,
  /** Required for email; used as the title of a push message; SMS has none. */
  subject: z.string().min(1).optional(),
  body: z.string().min(1),
});
export type NotificationTemplate = z.infer<typeof notificationTemplateSchema>;
