import type { LocalizedText, Locale } from '../../core/i18n/i18n.service';

/*
 * The UI's copy of the tenant configuration model owned by `@complaints/tenant-config`
 * (tenant-config/src/schema). Only the type shapes are mirrored: the zod schemas stay on the server,
 * which validates every save and answers with path-addressed messages. Keep in step with that package.
 */

export const STAGE_CODES = ['intake', 'investigation', 'handling', 'review', 'feedback', 'followup', 'archive'] as const;
export type StageCode = (typeof STAGE_CODES)[number];
/** Archive ends the lifecycle and carries no SLA. */
export const STAGES_WITH_SLA: readonly StageCode[] = STAGE_CODES.filter((code) => code !== 'archive');

export interface Severity {
  code: string;
  name: LocalizedText;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  pagesSupervisor: boolean;
}

export interface Category {
  code: string;
  name: LocalizedText;
  defaultSeverity?: string;
  defaultTeam?: string;
  retired?: boolean;
  children?: Category[];
}

export interface Stage {
  code: StageCode;
  name: LocalizedText;
  optional: boolean;
  enabled: boolean;
}

export const PERMISSIONS = [
  'complaint.read',
  'complaint.create',
  'complaint.assign',
  'complaint.handle',
  'complaint.approve',
  'complaint.followup',
  'complaint.archive',
  'complaint.reopen',
  'comment.internal',
  'comment.customer',
  'analytics.read',
  'tenant.configure',
  'user.manage',
  'team.manage',
  'apikey.manage',
  'knowledge.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface Role {
  code: string;
  name: LocalizedText;
  permissions: Permission[];
}

export interface TeamConfig {
  code: string;
  name: LocalizedText;
}

export interface OpeningInterval {
  start: string;
  end: string;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface BusinessCalendar {
  timeZone: string;
  /** Several intervals per day model a lunch break; an empty list is a closed day. */
  weeklyHours: Record<Weekday, OpeningInterval[]>;
  holidays: string[];
  /** Make-up working days (调休) on what is normally a day off. */
  workdays: string[];
  workdayHours?: OpeningInterval[];
}

export interface ApprovalPolicy {
  compensationThreshold: number;
  currency: string;
  alwaysRequireForSeverities: string[];
}

export interface LifecyclePolicy {
  autoCloseDays: number;
  reopenWindowDays: number;
  followUpAfterDays: number;
  escalationTeam?: string;
  rounds: { max: number; slaFactor: number; unhappyRatingThreshold: number };
}

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
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'push'] as const;
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

export interface NotificationTemplate {
  event: (typeof NOTIFICATION_EVENTS)[number];
  channel: (typeof NOTIFICATION_CHANNELS)[number];
  locale: Locale;
  subject?: string;
  body: string;
}

export const CHANNELS = ['phone', 'chat', 'email', 'social', 'store', 'app', 'web', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ROUTING_STRATEGIES = ['round_robin', 'least_loaded'] as const;

/** Lower priorities are tried first; a criterion left out matches anything (an empty list is invalid). */
export interface RoutingRule {
  id: string;
  priority: number;
  match: { categories?: string[]; severities?: string[]; channels?: Channel[]; customerTiers?: string[] };
  target: { team?: string; user?: string };
  strategy: (typeof ROUTING_STRATEGIES)[number];
}

export interface TenantConfig {
  defaultLocale: Locale;
  severities: Severity[];
  categories: Category[];
  stages: Stage[];
  /** Business minutes allowed per stage and severity: `sla[stage][severity]`. */
  sla: Partial<Record<StageCode, Record<string, number>>>;
  roles: Role[];
  teams: TeamConfig[];
  /** Edited elsewhere (routing issue); carried through saves untouched. */
  customerTiers: { code: string; name: LocalizedText }[];
  routingRules: RoutingRule[];
  businessCalendar: BusinessCalendar;
  approval: ApprovalPolicy;
  reminders: { fractions: number[] };
  lifecycle: LifecyclePolicy;
  notificationTemplates: NotificationTemplate[];
}

/**
 * The API returns the configuration as stored (defaults applied). Fill only what an editor iterates
 * over when absent, never invent other keys: the schema is strict and the config is saved whole.
 */
export function normaliseConfig(raw: Record<string, unknown>): TenantConfig {
  const config = structuredClone(raw) as Partial<TenantConfig>;
  const calendar = config.businessCalendar;
  return {
    ...config,
    severities: config.severities ?? [],
    categories: config.categories ?? [],
    stages: config.stages ?? [],
    sla: config.sla ?? {},
    roles: config.roles ?? [],
    teams: config.teams ?? [],
    routingRules: config.routingRules ?? [],
    customerTiers: config.customerTiers ?? [],
    notificationTemplates: config.notificationTemplates ?? [],
    businessCalendar: {
      ...calendar,
      timeZone: calendar?.timeZone ?? 'Asia/Shanghai',
      weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...calendar?.weeklyHours },
      holidays: calendar?.holidays ?? [],
      workdays: calendar?.workdays ?? [],
    },
  } as TenantConfig;
}
