/**
 * @complaints/tenant-config: the tenant's configuration model and the pure business-calendar / SLA math.
 * Nothing here performs I/O or reads the clock, so it is safe to import from Temporal workflow code.
 */
export * from './schema/localized-text';
export { CODE_PATTERN, codeSchema, businessMinutesSchema } from './schema/code';
export * from './schema/severity';
export * from './schema/category';
export * from './schema/stage';
export * from './schema/permission';
export * from './schema/team';
export * from './schema/channel';
export * from './schema/routing-rule';
export * from './schema/business-calendar';
export * from './schema/approval';
export * from './schema/reminders';
export * from './schema/lifecycle';
export * from './schema/notification-template';
export * from './schema/sla';
export * from './schema/triage';
export * from './schema/tenant-config';

export {
  ACTOR_TYPES,
  COMPENSATION_TYPES,
  COMPLAINT_STATUSES,
  type ActorType,
  type CompensationType,
  type ComplaintStatusCode,
} from './lifecycle-contract/closed-sets';
export type { Actor } from './lifecycle-contract/actor';

export { flattenCategories, categorySubtreeCodes, categoryLineage, type FlatCategory } from './category-tree';
export { matchRoutingRule, type RoutingFacts } from './routing';
export { enabledStages, requiresApproval, type ApprovalFacts } from './lifecycle';
export { slaMinutesFor, stageDeadline, stageReminders } from './sla';
export { renderTemplate, placeholdersIn, type RenderedNotification, type TemplateValues } from './notifications/render-template';
export { findNotificationTemplate } from './notifications/find-template';

export {
  addBusinessMinutes,
  businessMinutesBetween,
  isBusinessTime,
  nextBusinessInstant,
  NoBusinessHoursError,
  MAX_CLOSED_DAYS_SCANNED,
} from './calendar/business-time';
export { WEEKDAYS, type Weekday } from './calendar/civil-date';
export { isValidTimeZone } from './calendar/zoned-time';
export { compileCalendar, openingsOn } from './calendar/openings';

export { validateTenantConfig, type ConfigError, type ValidationResult } from './validate';
export { toYaml, fromYaml } from './yaml';

export { defaultTenantConfig } from './defaults/default-config';
export { CHINA_2026_HOLIDAYS, CHINA_2026_MAKEUP_WORKDAYS, chinaOfficeCalendar } from './defaults/china-calendar';
export { ecommerceTemplate } from './templates/ecommerce';
export { financialServicesTemplate } from './templates/financial-services';
export { INDUSTRY_TEMPLATES, type IndustryTemplate, type IndustryTemplateCode } from './templates/industry-templates';
