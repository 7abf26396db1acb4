import type { IANAZone } from 'luxon';
import type { BusinessCalendar, OpeningInterval } from '../schema/business-calendar';
import { WEEKDAYS, type Weekday, epochDayAt, parseIsoDate, weekdayOf } from './civil-date';
import { minuteOfDay } from './time-of-day';
import { localTimeToInstant, zoneNamed } from './zoned-time';

/** A stretch of business time as epoch milliseconds, half-open: [start, end). */
interface Opening {
  start: number;
  end: number;
}

type MinuteRange = readonly [startMinute: number, endMinute: number];

/** The calendar reshaped for repeated day lookups: parsed times, date sets, a resolved zone. */
export interface CompiledCalendar {
  zone: IANAZone;
  weekly: Record<Weekday, MinuteRange[]>;
  holidays: ReadonlySet<number>;
  workdays: ReadonlySet<number>;
  workdayHours: MinuteRange[];
}

function toMinuteRanges(intervals: readonly OpeningInterval[]): MinuteRange[] {
  return intervals.map((interval): MinuteRange => [minuteOfDay(interval.start), minuteOfDay(interval.end)]).sort((a, b) => a[0] - b[0]);
}

function epochDays(dates: readonly string[]): Set<number> {
  const days = new Set<number>();
  for (const date of dates) {
    const day = parseIsoDate(date);
    if (day !== undefined) days.add(day);
  }
  return days;
}

/**
 * Compiled calendars by calendar object: configurations are immutable once loaded and the API reuses one
 * object per (tenant, version), so each deadline after the first skips parsing its holidays and hours.
 */
const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();

export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  let compiled = compiledCalendars.get(calendar);
  if (!compiled) compiledCalendars.set(calendar, (compiled = compile(calendar)));
  return compiled;
}

function compile(calendar: BusinessCalendar): CompiledCalendar {
  const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, toMinuteRanges(calendar.weeklyHours[day])])) as Record<Weekday, MinuteRange[]>;
  return {
    zone: zoneNamed(calendar.timeZone),
    weekly,
    holidays: epochDays(calendar.holidays),
    workdays: epochDays(calendar.workdays),
    workdayHours: calendar.workdayHours ? toMinuteRanges(calendar.workdayHours) : weekly.mon,
  };
}

/** The business hours of one local date, as instants in ascending order; empty intervals (inside a DST gap) are dropped. */
export function openingsOn(calendar: CompiledCalendar, epochDay: number): Opening[] {
  const ranges = calendar.holidays.has(epochDay) ? [] : calendar.workdays.has(epochDay) ? calendar.workdayHours : calendar.weekly[weekdayOf(epochDay)];
  return ranges
    .map(([startMinute, endMinute]) => ({
      start: localTimeToInstant(calendar.zone, epochDay, startMinute),
      end: localTimeToInstant(calendar.zone, epochDay, endMinute),
    }))
    .filter((opening) => opening.end > opening.start);
}

/**
 * The local date to start scanning from for `epochMs`. One day early, because in zones that fall back
 * across midnight an instant can belong to the previous local date's repeated hour.
 */
export function firstDayToScan(calendar: CompiledCalendar, epochMs: number): number {
  return epochDayAt(epochMs, calendar.zone.offset(epochMs)) - 1;
}
