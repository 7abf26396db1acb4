import type { BusinessCalendar, OpeningInterval } from '../schema/business-calendar';

/**
 * Public holidays and make-up workdays (调休上班) of 2026 from the State Council notice of 2025-11-04
 * (国务院办公厅关于2026年部分节假日安排的通知). Tenants must add each new year's notice themselves.
 */
export const CHINA_2026_HOLIDAYS: readonly string[] = [
  '2026-01-01',
  '2026-01-02',
  '2026-01-03',
  '2026-02-15',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-21',
  '2026-02-22',
  '2026-02-23',
  '2026-04-04',
  '2026-04-05',
  '2026-04-06',
  '2026-05-01',
  '2026-05-02',
  '2026-05-03',
  '2026-05-04',
  '2026-05-05',
  '2026-06-19',
  '2026-06-20',
  '2026-06-21',
  '2026-09-25',
  '2026-09-26',
  '2026-09-27',
  '2026-10-01',
  '2026-10-02',
  '2026-10-03',
  '2026-10-04',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
];

export const CHINA_2026_MAKEUP_WORKDAYS: readonly string[] = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

/** A Chinese office day with the customary lunch break. */
function officeDay(): OpeningInterval[] {
  return [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ];
}

export function chinaOfficeCalendar(): BusinessCalendar {
  return {
    timeZone: 'Asia/Shanghai',
    weeklyHours: {
      mon: officeDay(),
      tue: officeDay(),
      wed: officeDay(),
      thu: officeDay(),
      fri: officeDay(),
      sat: [],
      sun: [],
    },
    holidays: [...CHINA_2026_HOLIDAYS],
    workdays: [...CHINA_2026_MAKEUP_WORKDAYS],
  };
}
