import type { BusinessCalendar } from '../schema/business-calendar';
import { type CompiledCalendar, compileCalendar, firstDayToScan, openingsOn } from './openings';

const MS_PER_MINUTE = 60_000;

/**
 * How many consecutive local days without any business hours a forward search tolerates before it gives
 * up. Validation already rejects a calendar with no weekly hours; this bound turns a calendar that is
 * closed for years by holidays into a clear error instead of an endless loop inside a workflow.
 */
export const MAX_CLOSED_DAYS_SCANNED = 3 * 366;

export class NoBusinessHoursError extends Error {
  constructor(timeZone: string, from: Date) {
    super(
      `The business calendar (${timeZone}) has no working hours within ${MAX_CLOSED_DAYS_SCANNED} days after ` +
        `${from.toISOString()}; add weekly hours or remove holidays`,
    );
    this.name = 'NoBusinessHoursError';
  }
}

function instantMs(instant: Date, name: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid Date`);
  return ms;
}

/**
 * Walks the calendar's openings forward from `fromMs`, clipped to start no earlier than `fromMs`, and hands
 * each to `visit` until it returns a result. Iterates per local day, never per minute, so a 30-day SLA
 * costs about 30 day lookups.
 */
function scanForward<T>(calendar: CompiledCalendar, timeZone: string, fromMs: number, visit: (start: number, end: number) => T | undefined): T {
  let closedDays = 0;
  for (let day = firstDayToScan(calendar, fromMs); ; day++) {
    const openings = openingsOn(calendar, day);
    closedDays = openings.length === 0 ? closedDays + 1 : 0;
    if (closedDays > MAX_CLOSED_DAYS_SCANNED) throw new NoBusinessHoursError(timeZone, new Date(fromMs));
    for (const opening of openings) {
      if (opening.end <= fromMs) continue;
      const result = visit(Math.max(opening.start, fromMs), opening.end);
      if (result !== undefined) return result;
    }
  }
}

/**
 * The instant `minutes` business minutes after `start`. Time before the next opening does not count, so a
 * start outside business hours effectively snaps to the next opening. When the budget runs out exactly at
 * a closing time the result is that closing time ("due by 18:00 today"), not the next morning's opening.
 * Zero minutes returns `start` unchanged. Fractional minutes are honoured to the millisecond.
 *
 * @throws RangeError for a negative or non-finite `minutes` or an invalid Date
 * @throws NoBusinessHoursError when the calendar stays closed for MAX_CLOSED_DAYS_SCANNED days
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Business minutes to add must be a finite number >= 0, got ${minutes}`);
  }
  const startMs = instantMs(start, 'start');
  let remaining = Math.round(minutes * MS_PER_MINUTE);
  if (remaining === 0) return new Date(startMs);
  const compiled = compileCalendar(calendar);
  return scanForward(compiled, calendar.timeZone, startMs, (from, end) => {
    if (remaining <= end - from) return new Date(from + remaining);
    remaining -= end - from;
    return undefined;
  });
}

/**
 * Business minutes elapsed between two instants (fractional when the instants are not on whole minutes).
 * Antisymmetric: when `to` is before `from` the result is the negated count, so
 * `businessMinutesBetween(cal, deadline, now)` is positive when overdue and negative while time remains.
 */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs < fromMs) return -businessMinutesBetween(calendar, to, from);
  if (toMs === fromMs) return 0;
  const compiled = compileCalendar(calendar);
  // The last local date `to` can fall on, one day late for the same fall-back-at-midnight reason as the start.
  const lastDay = firstDayToScan(compiled, toMs) + 2;
  let total = 0;
  for (let day = firstDayToScan(compiled, fromMs); day <= lastDay; day++) {
    for (const opening of openingsOn(compiled, day)) {
      const overlap = Math.min(opening.end, toMs) - Math.max(opening.start, fromMs);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MS_PER_MINUTE;
}

export function isBusinessTime(calendar: BusinessCalendar, instant: Date): boolean {
  const ms = instantMs(instant, 'instant');
  const compiled = compileCalendar(calendar);
  const first = firstDayToScan(compiled, ms);
  return [first, first + 1].some((day) => openingsOn(compiled, day).some((opening) => opening.start <= ms && ms < opening.end));
}

/**
 * `instant` itself when it is business time, otherwise the start of the next opening.
 *
 * @throws NoBusinessHoursError when the calendar stays closed for MAX_CLOSED_DAYS_SCANNED days
 */
export function nextBusinessInstant(calendar: BusinessCalendar, instant: Date): Date {
  const ms = instantMs(instant, 'instant');
  return scanForward(compileCalendar(calendar), calendar.timeZone, ms, (from) => new Date(from));
}
