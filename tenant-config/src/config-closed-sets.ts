/**
 * The tenant configuration's own fixed vocabularies (the lifecycle's are in lifecycle-contract/closed-sets.ts).
 * Plain arrays beside the zod schemas that check against them, so a client can import them without zod.
 */
import { DEFAULT_STAGE_ORDER, type StageCode } from './lifecycle-contract/closed-sets';

/**
 * Only approval and the follow-up visit may be switched off tenant-wide: without the others a complaint
 * cannot be recorded, investigated, answered or closed.
 */
export const OPTIONAL_STAGES: readonly StageCode[] = ['review', 'followup'];

/** Archive ends the lifecycle; nothing is due after it, so it carries no SLA. */
export const STAGES_WITH_SLA: readonly StageCode[] = DEFAULT_STAGE_ORDER.filter((code) => code !== 'archive');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

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

export const ROUTING_STRATEGIES = ['round_robin', 'least_loaded'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** off: no prediction; suggest: staff see ranked suggestions and confirm; auto: applied above the threshold. */
export const TRIAGE_MODES = ['off', 'suggest', 'auto'] as const;
export type TriageMode = (typeof TRIAGE_MODES)[number];
