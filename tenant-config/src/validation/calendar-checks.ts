import { WEEKDAYS } from '../calendar/civil-date';
import { minuteOfDay } from '../calendar/time-of-day';
import type { OpeningInterval } from '../schema/business-calendar';
import type { TenantConfig } from '../schema/tenant-config';
import type { ConfigProblem } from './config-problem';

type Path = (string | number)[];

function intervalProblems(intervals: readonly OpeningInterval[], path: Path): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  intervals.forEach((interval, index) => {
    if (minuteOfDay(interval.end) <= minuteOfDay(interval.start)) {
      problems.push({
        path: [...path, index, 'end'],
        message:
          `Closing time ${interval.end} must be after opening time ${interval.start}; ` +
          "for hours past midnight, end this day at '24:00' and continue the next day from '00:00'",
      });
    }
  });
  // Overlaps are judged on the valid intervals only, so one typo does not also show up as an overlap.
  const valid = intervals
    .map((interval, index) => ({ interval, index }))
    .filter(({ interval }) => minuteOfDay(interval.end) > minuteOfDay(interval.start))
    .sort((a, b) => minuteOfDay(a.interval.start) - minuteOfDay(b.interval.start));
  valid.forEach(({ interval, index }, position) => {
    const previous = valid[position - 1];
    if (previous && minuteOfDay(interval.start) < minuteOfDay(previous.interval.end)) {
      problems.push({
        path: [...path, index],
        message: `${interval.start}–${interval.end} overlaps ${previous.interval.start}–${previous.interval.end} on the same day`,
      });
    }
  });
  return problems;
}

/**
 * Deadlines are computed by walking the calendar forward, so a calendar that is never open would make
 * every deadline unreachable; that is rejected here rather than discovered inside a running workflow.
 */
export function calendarProblems(config: TenantConfig): ConfigProblem[] {
  const calendar = config.businessCalendar;
  const base: Path = ['businessCalendar'];
  const problems = WEEKDAYS.flatMap((day) => intervalProblems(calendar.weeklyHours[day], [...base, 'weeklyHours', day]));
  if (calendar.workdayHours) problems.push(...intervalProblems(calendar.workdayHours, [...base, 'workdayHours']));

  if (WEEKDAYS.every((day) => calendar.weeklyHours[day].length === 0)) {
    problems.push({
      path: [...base, 'weeklyHours'],
      message: 'The business calendar has no working hours on any weekday, so no deadline could ever be reached',
    });
  }
  const workdayHours = calendar.workdayHours ?? calendar.weeklyHours.mon;
  if (calendar.workdays.length > 0 && workdayHours.length === 0) {
    problems.push({
      path: [...base, calendar.workdayHours ? 'workdayHours' : 'workdays'],
      message: 'Extra working days need hours: set workdayHours, or give Monday opening hours to copy',
    });
  }
  const holidays = new Set(calendar.holidays);
  calendar.workdays.forEach((date, index) => {
    if (holidays.has(date)) {
      problems.push({
        path: [...base, 'workdays', index],
        message: `${date} is listed both as a holiday and as an extra working day; keep only one`,
      });
    }
  });
  return problems;
}
