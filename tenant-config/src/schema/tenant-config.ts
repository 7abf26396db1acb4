import { z } from 'zod';
import { findConfigProblems } from '../validation/config-problems';
import { approvalSchema } from './approval';
import { businessCalendarSchema } from './business-calendar';
import { categoryNodeSchema } from './category';
import { customerTierSchema } from './channel';
import { lifecycleSchema } from './lifecycle';
import { localeSchema } from './localized-text';
import { notificationTemplateSchema } from './notification-template';
import { roleSchema } from './permission';
import { remindersSchema } from './reminders';
import { routingRuleSchema } from './routing-rule';
import { severitySchema } from './severity';
import { slaSchema } from './sla';
import { stageSchema } from './stage';
import { teamSchema } from './team';
import { triageSchema } from './triage';

/** The shape alone: types, formats and ranges of every field, without cross-references. */
const tenantConfigShapeSchema = z.strictObject({
  /** Used for customer messages when the complainant's own locale is unknown. */
  defaultLocale: localeSchema.default('zh-CN'),
  severities: z.array(severitySchema).min(1),
  categories: z.array(categoryNodeSchema).min(1),
  stages: z.array(stageSchema),
  sla: slaSchema,
  roles: z.array(roleSchema).min(1),
  teams: z.array(teamSchema).min(1),
  customerTiers: z.array(customerTierSchema).min(1),
  routingRules: z.array(routingRuleSchema),
  businessCalendar: businessCalendarSchema,
  approval: approvalSchema,
  reminders: remindersSchema,
  lifecycle: lifecycleSchema,
  notificationTemplates: z.array(notificationTemplateSchema),
  triage: triageSchema,
});

/**
 * The complete model: shape plus cross-field rules (references exist, codes are unique, SLAs cover every
 * enabled stage and severity, the calendar has hours). The cross-field pass only runs once the shape is
 * valid, because a reference can only be judged against well-formed definitions.
 */
export const tenantConfigSchema = tenantConfigShapeSchema.superRefine(
  (config, ctx) => {
    for (const problem of findConfigProblems(config)) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  },
  { when: (payload) => payload.issues.length === 0 },
);

export type TenantConfig = z.output<typeof tenantConfigSchema>;
/** What a tenant may write: fields with defaults (reminders, lifecycle, holidays…) can be left out. */
export type TenantConfigInput = z.input<typeof tenantConfigSchema>;
