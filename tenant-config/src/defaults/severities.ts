import type { Severity } from '../schema/severity';

/** The seeds' three grades: general (reply within 24 h), urgent (4 h), major (1 h and the supervisor is paged). */
export function defaultSeverities(): Severity[] {
  return [
    {
      code: 'general',
      name: { 'zh-CN': '一般', en: 'General' },
      firstResponseMinutes: 24 * 60,
      resolutionMinutes: 5 * 24 * 60,
      pagesSupervisor: false,
    },
    {
      code: 'urgent',
      name: { 'zh-CN': '紧急', en: 'Urgent' },
      firstResponseMinutes: 4 * 60,
      resolutionMinutes: 2 * 24 * 60,
      pagesSupervisor: false,
    },
    {
      code: 'major',
      name: { 'zh-CN': '重大', en: 'Major' },
      firstResponseMinutes: 60,
      resolutionMinutes: 24 * 60,
      pagesSupervisor: true,
    },
  ];
}
