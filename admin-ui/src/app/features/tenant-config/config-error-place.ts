import type { CONFIG_TABS } from './tenant-config-page.component';

export type ConfigTab = (typeof CONFIG_TABS)[number];
type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Which tab edits each top-level section of the configuration. */
const TAB_OF_SECTION: Record<string, ConfigTab> = {
  categories: 'categories',
  severities: 'sla',
  sla: 'sla',
  stages: 'sla',
  customerTiers: 'sla',
  roles: 'roles',
  teams: 'routing',
  routingRules: 'routing',
  businessCalendar: 'calendar',
  approval: 'policies',
  reminders: 'policies',
  lifecycle: 'policies',
  notificationTemplates: 'templates',
};

/** Where a server validation error belongs, in words: the tab that edits it and a readable place inside it. */
export function placeOfError(path: string, t: Translate): { tab: ConfigTab; label: string } {
  const [section = '', ...rest] = path.split('.');
  const tab = TAB_OF_SECTION[section] ?? 'yaml';
  const tabLabel = t(`config.tab.${tab}`);
  if (section === 'businessCalendar' && rest[0] === 'weeklyHours' && rest[1]) {
    const period = rest[2] === undefined ? '' : `, ${t('config.error.period', { n: Number(rest[2]) + 1 })}`;
    return { tab, label: `${tabLabel} › ${t(`weekday.${rest[1]}`)}${period}` };
  }
  if (section === 'sla' && rest.length >= 2) {
    return { tab, label: `${tabLabel} › ${t(`stage.${rest[0]}`)} · ${rest[1]}` };
  }
  const inside = rest.map((segment) => (/^\d+$/.test(segment) ? `#${Number(segment) + 1}` : segment));
  return { tab, label: [tabLabel, ...inside].join(' › ') };
}
