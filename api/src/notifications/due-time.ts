import type { Locale } from '@complaints/tenant-config';

interface CivilParts {
  year: number;
  month: number;
  day: number;
  time: string;
}

function civilParts(instant: Date, timeZone: string): CivilParts {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), time: `${get('hour')}:${get('minute')}` };
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/** Whole civil days from `now` to `due`, both read in the tenant's zone. */
function civilDaysBetween(now: CivilParts, due: CivilParts): number {
  return Math.round((Date.UTC(due.year, due.month - 1, due.day) - Date.UTC(now.year, now.month - 1, now.day)) / DAY_MS);
}

/**
 * A deadline as a customer reads it, in the tenant's time zone (not the server's): "今日 18:00",
 * "明日 09:30", "11月25日 18:00"; "today 18:00", "tomorrow 09:30", "25 Nov 18:00". The year appears
 * only when it differs from the current one.
 */
export function formatDueTime(due: Date, now: Date, timeZone: string, locale: Locale): string {
  const d = civilParts(due, timeZone);
  const n = civilParts(now, timeZone);
  const days = civilDaysBetween(n, d);
  if (locale === 'zh-CN') {
    if (days === 0) return `今日 ${d.time}`;
    if (days === 1) return `明日 ${d.time}`;
    return `${d.year === n.year ? '' : `${d.year}年`}${d.month}月${d.day}日 ${d.time}`;
  }
  if (days === 0) return `today ${d.time}`;
  if (days === 1) return `tomorrow ${d.time}`;
  return `${d.day} ${MONTHS_EN[d.month - 1]}${d.year === n.year ? '' : ` ${d.year}`} ${d.time}`;
}
