/**
 * Calendar dates without a time zone, held as whole days since 1970-01-01 ("epoch days") so that
 * stepping through days is integer arithmetic and never touches a zone.
 */
import { WEEKDAYS, type Weekday } from '../config-closed-sets';

const MS_PER_DAY = 86_400_000;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export { WEEKDAYS, type Weekday };

/** Epoch day of an ISO 'YYYY-MM-DD' date, or undefined when it is malformed or not a real date (2026-02-30). */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC silently rolls 2026-02-30 over to March; a round trip exposes that.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

export function weekdayOf(epochDay: number): Weekday {
  // 1970-01-01 was a Thursday, index 3 in WEEKDAYS; the double modulo keeps pre-1970 days positive.
  return WEEKDAYS[(((epochDay + 3) % 7) + 7) % 7];
}

/** Epoch day of the calendar date shown by a clock whose UTC offset is `offsetMinutes` at `epochMs`. */
export function epochDayAt(epochMs: number, offsetMinutes: number): number {
  return Math.floor((epochMs + offsetMinutes * 60_000) / MS_PER_DAY);
}

export function startOfEpochDayMs(epochDay: number): number {
  return epochDay * MS_PER_DAY;
}
