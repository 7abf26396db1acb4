import { z } from 'zod';
import { localeSchema } from './localized-text';

export const NOTIFICATION_EVENTS = [
  'complaint.accepted',
  'complaint.assigned',
  'complaint.escalated',
  'solution.proposed',
  'complaint.closed',
  'complaint.reopened',
  'sla.reminder',
  'sla.breached',
  'followup.survey',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_CHANNELS = ['email', 'sms', 'push'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** The values the platform supplies when rendering; a template may use only these. */
export const TEMPLATE_PLACEHOLDERS = [
  'number',
  'customerName',
  'dueAt',
  'stage',
  'severity',
  'category',
  'assigneeName',
  'teamName',
  'solution',
  'round',
  'portalUrl',
  'surveyUrl',
  'tenantName',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

export const notificationTemplateSchema = z.strictObject({
  event: z.enum(NOTIFICATION_EVENTS),
  channel: z.enum(NOTIFICATION_CHANNELS),
  locale: localeSchema,
  /** Required for email; used as the title of a push message; SMS has none. */
  subject: z.string().min(1).optional(),
  body: z.string().min(1),
});
export type NotificationTemplate = z.infer<typeof notificationTemplateSchema>;
