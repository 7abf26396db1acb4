import type { CategoryNode } from '../schema/category';
import type { TenantConfig } from '../schema/tenant-config';
import { chinaOfficeCalendar } from './china-calendar';
import { standardNotificationTemplates } from './notification-templates';
import { defaultRoles } from './roles';
import { defaultSeverities } from './severities';
import { defaultSla } from './sla';
import { defaultStages } from './stages';
import { defaultCustomerTiers, defaultTeams } from './teams';
import { defaultTriagePolicy } from '../schema/triage';

function genericCategories(): CategoryNode[] {
  return [
    {
      code: 'product_quality',
      name: { 'zh-CN': '产品质量', en: 'Product quality' },
      defaultTeam: 'quality',
      children: [
        { code: 'functional_defect', name: { 'zh-CN': '功能缺陷', en: 'Functional defect' }, defaultSeverity: 'urgent' },
        { code: 'cosmetic_flaw', name: { 'zh-CN': '外观瑕疵', en: 'Cosmetic flaw' } },
      ],
    },
    {
      code: 'service',
      name: { 'zh-CN': '服务问题', en: 'Service' },
      children: [
        { code: 'staff_attitude', name: { 'zh-CN': '服务态度', en: 'Staff attitude' } },
        { code: 'slow_response', name: { 'zh-CN': '响应不及时', en: 'Slow response' } },
      ],
    },
    {
      code: 'billing',
      name: { 'zh-CN': '费用问题', en: 'Billing' },
      children: [
        { code: 'overcharge', name: { 'zh-CN': '多收费', en: 'Overcharge' } },
        { code: 'refund_delay', name: { 'zh-CN': '退款延迟', en: 'Refund delay' } },
      ],
    },
    { code: 'other', name: { 'zh-CN': '其他', en: 'Other' } },
  ];
}

/**
 * A complete, valid configuration for a new tenant: the seeds' severities, stages and SLAs, the five roles,
 * a Chinese office calendar and bilingual messages. Returns a fresh object each call, so callers may edit it.
 */
export function defaultTenantConfig(): TenantConfig {
  return {
    defaultLocale: 'zh-CN',
    severities: defaultSeverities(),
    categories: genericCategories(),
    stages: defaultStages(),
    sla: defaultSla(),
    roles: defaultRoles(),
    teams: defaultTeams(),
    customerTiers: defaultCustomerTiers(),
    routingRules: [
      {
        id: 'major-to-escalation',
        priority: 10,
        match: { severities: ['major'] },
        target: { team: 'escalation' },
        strategy: 'least_loaded',
      },
      {
        id: 'quality-issues',
        priority: 50,
        match: { categories: ['product_quality'] },
        target: { team: 'quality' },
        strategy: 'round_robin',
      },
      { id: 'everything-else', priority: 1000, match: {}, target: { team: 'frontline' }, strategy: 'round_robin' },
    ],
    businessCalendar: chinaOfficeCalendar(),
    approval: { compensationThreshold: 500, currency: 'CNY', alwaysRequireForSeverities: ['major'] },
    reminders: { fractions: [0.5, 0.8] },
    lifecycle: {
      autoCloseDays: 7,
      reopenWindowDays: 15,
      followUpAfterDays: 1,
      mergeInvestigationAndHandling: false,
      escalationTeam: 'escalation',
      rounds: { max: 3, slaFactor: 0.5, unhappyRatingThreshold: 2 },
    },
    notificationTemplates: standardNotificationTemplates({ 'zh-CN': '客户服务中心', en: 'Customer Care' }),
    triage: defaultTriagePolicy(),
  };
}
