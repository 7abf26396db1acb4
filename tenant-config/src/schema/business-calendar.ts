import { z } from 'zod';
import { isIsoDate } from '../calendar/civil-date';
import { CLOSING_TIME_PATTERN, OPENING_TIME_PATTERN } from '../calendar/time-of-day';
import { isValidTimeZone } from '../calendar/zoned-time';

export const openingIntervalSchema = z.strictObject({
  start: z.string().regex(OPENING_TIME_PATTERN, { error: "Use a 24-hour time 'HH:mm', for example '09:00'" }),
  end: z.string().regex(CLOSING_TIME_PATTERN, { error: "Use a 24-hour time 'HH:mm', for example '18:00' ('24:00' means midnight)" }),
});
export type OpeningInterval = z.infer<typeof openingIntervalSchema>;

const daySchema = z.array(openingIntervalSchema);

/** Several intervals per day model a lunch break; an empty list is a closed day. */
export const weeklyHoursSchema = z.strictObject({
  mon: daySchema,
  tue: daySchema,
  wed: daySchema,
  thu: daySchema,
  fri: daySchema,
  sat: daySchema,
  sun: daySchema,
});
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

const isoDateSchema = z.string().refine(isIsoDate, { error: "Use a real calendar date written 'YYYY-MM-DD', for example '2026-10-01'" });

export const businessCalendarSchema = z.strictObject({
  timeZone: z.string().refine(isValidTimeZone, {
    error: (issue) => `'${String(issue.input)}' is not a known time zone; use an IANA name such as 'Asia/Shanghai'`,
  }),
  weeklyHours: weeklyHoursSchema,
  /** Whole days off; a holiday wins over the weekly hours. */
  holidays: z.array(isoDateSchema).default([]),
  /**
   * Extra working days on what is normally a day off, such as China's make-up workdays (调休) that
   * shift a weekend day into a long holiday.
   */
  workdays: z.array(isoDateSchema).default([]),
  /** Hours on an extra working day; when absent the Monday hours apply, as a make-up day is a normal office day. */
  workdayHours: z.array(openingIntervalSchema).optional(),
});
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;
export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>;
