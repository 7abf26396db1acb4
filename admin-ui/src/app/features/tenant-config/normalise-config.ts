import type { TenantConfig } from '@complaints/tenant-config';

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
