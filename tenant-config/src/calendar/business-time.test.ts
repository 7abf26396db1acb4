import { chinaOfficeCalendar } from '../defaults/china-calendar';
import type { BusinessCalendar, OpeningInterval, WeeklyHours } from '../schema/business-calendar';
import { NoBusinessHoursError, addBusinessMinutes, businessMinutesBetween, isBusinessTime, nextBusinessInstant } from './business-time';

const utc = (iso: string) => new Date(iso);

function weekly(days: Partial<WeeklyHours>): WeeklyHours {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...days };
}

function calendar(timeZone: string, weeklyHours: WeeklyHours, extra: Partial<BusinessCalendar> = {}): BusinessCalendar {
  return { timeZone, weeklyHours, holidays: [], workdays: [], ...extra };
}

const allDay: OpeningInterval[] = [{ start: '00:00', end: '24:00' }];
const alwaysOpen = (timeZone: string) =>
  calendar(timeZone, weekly({ mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }));
const nineToFive: OpeningInterval[] = [{ start: '09:00', end: '17:00' }];
const officeHours = (timeZone: string) => calendar(timeZone, weekly({ mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive }));

describe('addBusinessMinutes in Asia/Shanghai office hours (09-12, 13-18, 2026 holidays)', () => {
  const shanghai = chinaOfficeCalendar();

  it('counts straight through the morning', () => {
    // 2026-03-02 is a Monday; 10:00 Shanghai = 02:00Z.
    expect(addBusinessMinutes(shanghai, utc('2026-03-02T02:00:00Z'), 90)).toEqual(utc('2026-03-02T03:30:00Z'));
  });

  it('skips the lunch break', () => {
    // 11:30 + 60 min: 30 min until 12:00, resume at 13:00 -> 13:30 local.
    expect(addBusinessMinutes(shanghai, utc('2026-03-02T03:30:00Z'), 60)).toEqual(utc('2026-03-02T05:30:00Z'));
  });

  it('starts counting at the next opening when started before hours', () => {
    // 07:00 local -> 09:10 local.
    expect(addBusinessMinutes(shanghai, utc('2026-03-01T23:00:00Z'), 10)).toEqual(utc('2026-03-02T01:10:00Z'));
  });

  it('returns the closing time when the budget ends exactly at closing', () => {
    // 17:00 + 60 = 18:00 the same day, not 09:00 the next morning.
    expect(addBusinessMinutes(shanghai, utc('2026-03-02T09:00:00Z'), 60)).toEqual(utc('2026-03-02T10:00:00Z'));
  });

  it('carries over the weekend to Monday', () => {
    // Friday 2026-03-06 17:00 + 120: 60 on Friday, 60 on Monday 2026-03-09 -> 10:00 local.
    expect(addBusinessMinutes(shanghai, utc('2026-03-06T09:00:00Z'), 120)).toEqual(utc('2026-03-09T02:00:00Z'));
  });

  it('skips the National Day holiday week', () => {
    // Wednesday 2026-09-30 17:00 + 120: 60 that day, Oct 1-7 are holidays, Thursday Oct 8 10:00.
    expect(addBusinessMinutes(shanghai, utc('2026-09-30T09:00:00Z'), 120)).toEqual(utc('2026-10-08T02:00:00Z'));
  });

  it('works on a make-up Saturday with the Monday hours', () => {
    // Friday 2026-10-09 17:30 + 60: 30 on Friday, then Saturday Oct 10 (调休 workday) 09:00 + 30.
    expect(addBusinessMinutes(shanghai, utc('2026-10-09T09:30:00Z'), 60)).toEqual(utc('2026-10-10T01:30:00Z'));
  });

  it('adds 30 business days across the Qingming holiday', () => {
    // 30 days x 480 min from Monday 2026-03-02 09:00; Apr 6 (Mon) is a holiday, so day 30 is Monday Apr 13.
    const start = utc('2026-03-02T01:00:00Z');
    const due = addBusinessMinutes(shanghai, start, 30 * 480);
    expect(due).toEqual(utc('2026-04-13T10:00:00Z'));
    expect(businessMinutesBetween(shanghai, start, due)).toBe(30 * 480);
  });

  it('returns the start unchanged when adding zero minutes', () => {
    const saturday = utc('2026-03-07T04:00:00Z');
    expect(addBusinessMinutes(shanghai, saturday, 0)).toEqual(saturday);
  });

  it('honours fractional minutes to the second', () => {
    expect(addBusinessMinutes(shanghai, utc('2026-03-02T02:00:00Z'), 2.5)).toEqual(utc('2026-03-02T02:02:30Z'));
  });

  it('rejects negative and non-finite minutes', () => {
    expect(() => addBusinessMinutes(shanghai, utc('2026-03-02T02:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(shanghai, utc('2026-03-02T02:00:00Z'), Number.NaN)).toThrow(RangeError);
  });
});

describe('midnight-spanning hours (a night shift split at 24:00)', () => {
  const nightShift = calendar('Asia/Shanghai', weekly({ mon: [{ start: '22:00', end: '24:00' }], tue: [{ start: '00:00', end: '06:00' }] }));

  it('continues from Monday 24:00 into Tuesday 00:00 without a gap', () => {
    // Monday 23:30 local + 60 -> Tuesday 00:30 local.
    expect(addBusinessMinutes(nightShift, utc('2026-03-02T15:30:00Z'), 60)).toEqual(utc('2026-03-02T16:30:00Z'));
  });

  it('moves to the next week when the shift is used up', () => {
    // 30 min on Monday + 360 on Tuesday = 390 < 400, so 10 more minutes next Monday from 22:00.
    expect(addBusinessMinutes(nightShift, utc('2026-03-02T15:30:00Z'), 400)).toEqual(utc('2026-03-09T14:10:00Z'));
  });

  it('treats local midnight between the two days as business time', () => {
    expect(isBusinessTime(nightShift, utc('2026-03-02T16:00:00Z'))).toBe(true);
  });
});

describe('America/New_York across daylight-saving changes', () => {
  it('keeps office hours on local wall time across the spring-forward weekend', () => {
    // Friday 2026-03-06 16:00 EST + 120: 60 on Friday, then Monday 2026-03-09 09:00 EDT + 60 = 10:00 EDT.
    expect(addBusinessMinutes(officeHours('America/New_York'), utc('2026-03-06T21:00:00Z'), 120)).toEqual(utc('2026-03-09T14:00:00Z'));
  });

  it('adds exactly 60 real minutes across the spring-forward gap on an always-open calendar', () => {
    // 01:30 EST on 2026-03-08 is 06:30Z; 60 real minutes later it is 03:30 EDT.
    expect(addBusinessMinutes(alwaysOpen('America/New_York'), utc('2026-03-08T06:30:00Z'), 60)).toEqual(utc('2026-03-08T07:30:00Z'));
  });

  it('counts 23 business hours on the spring-forward day and 25 on the fall-back day', () => {
    const open = alwaysOpen('America/New_York');
    expect(businessMinutesBetween(open, utc('2026-03-08T05:00:00Z'), utc('2026-03-09T04:00:00Z'))).toBe(23 * 60);
    expect(businessMinutesBetween(open, utc('2026-11-01T04:00:00Z'), utc('2026-11-02T05:00:00Z'))).toBe(25 * 60);
  });

  it('counts the repeated hour once more on fall-back when adding', () => {
    // 01:30 EDT (05:30Z) + 60 real minutes = 01:30 EST (06:30Z).
    expect(addBusinessMinutes(alwaysOpen('America/New_York'), utc('2026-11-01T05:30:00Z'), 60)).toEqual(utc('2026-11-01T06:30:00Z'));
  });

  it('opens an interval that starts inside the spring-forward gap when the clock jumps to 03:00', () => {
    const gapStart = calendar('America/New_York', weekly({ sun: [{ start: '02:30', end: '04:00' }] }));
    // 03:00 EDT = 07:00Z is the first instant the clock reads past 02:30.
    expect(nextBusinessInstant(gapStart, utc('2026-03-07T17:00:00Z'))).toEqual(utc('2026-03-08T07:00:00Z'));
    expect(isBusinessTime(gapStart, utc('2026-03-08T06:59:00Z'))).toBe(false);
    expect(isBusinessTime(gapStart, utc('2026-03-08T07:00:00Z'))).toBe(true);
    expect(businessMinutesBetween(gapStart, utc('2026-03-08T00:00:00Z'), utc('2026-03-09T00:00:00Z'))).toBe(60);
  });

  it('shortens an interval spanning the gap by the skipped hour', () => {
    const spanning = calendar('America/New_York', weekly({ sun: [{ start: '01:00', end: '04:00' }] }));
    // 01:00 EST (06:00Z) to 04:00 EDT (08:00Z).
    expect(businessMinutesBetween(spanning, utc('2026-03-08T00:00:00Z'), utc('2026-03-09T00:00:00Z'))).toBe(120);
  });

  it('lengthens an interval spanning the repeated hour, opening at its first occurrence', () => {
    const spanning = calendar('America/New_York', weekly({ sun: [{ start: '01:00', end: '03:00' }] }));
    // 01:00 EDT (05:00Z) to 03:00 EST (08:00Z).
    expect(businessMinutesBetween(spanning, utc('2026-11-01T00:00:00Z'), utc('2026-11-02T00:00:00Z'))).toBe(180);
    expect(nextBusinessInstant(spanning, utc('2026-10-31T12:00:00Z'))).toEqual(utc('2026-11-01T05:00:00Z'));
  });

  it('lets back-to-back intervals meet inside the repeated hour without double counting', () => {
    const split = calendar(
      'America/New_York',
      weekly({
        sun: [
          { start: '00:00', end: '01:30' },
          { start: '01:30', end: '03:00' },
        ],
      }),
    );
    // Same as one 00:00-03:00 interval: 00:00 EDT (04:00Z) to 03:00 EST (08:00Z).
    expect(businessMinutesBetween(split, utc('2026-11-01T00:00:00Z'), utc('2026-11-02T00:00:00Z'))).toBe(240);
  });
});

describe('Europe/Berlin across daylight-saving changes', () => {
  const open = alwaysOpen('Europe/Berlin');

  it('adds exactly 60 real minutes across the spring-forward gap on 2026-03-29', () => {
    // 01:30 CET = 00:30Z; one real hour later is 03:30 CEST.
    expect(addBusinessMinutes(open, utc('2026-03-29T00:30:00Z'), 60)).toEqual(utc('2026-03-29T01:30:00Z'));
  });

  it('counts 23 hours on 2026-03-29 and 25 hours on 2026-10-25', () => {
    expect(businessMinutesBetween(open, utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z'))).toBe(23 * 60);
    expect(businessMinutesBetween(open, utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z'))).toBe(25 * 60);
  });

  it('keeps 09:00 openings on local time after the autumn change', () => {
    // Friday 2026-10-23 16:30 CEST (14:30Z) + 60: 30 on Friday, then Monday 2026-10-26 09:00 CET (08:00Z) + 30.
    expect(addBusinessMinutes(officeHours('Europe/Berlin'), utc('2026-10-23T14:30:00Z'), 60)).toEqual(utc('2026-10-26T08:30:00Z'));
  });
});

describe('businessMinutesBetween', () => {
  const shanghai = chinaOfficeCalendar();

  it('excludes lunch, nights and weekends', () => {
    // Friday 2026-03-06 11:00 to Monday 2026-03-09 10:00: 60 + 300 on Friday, 60 on Monday.
    expect(businessMinutesBetween(shanghai, utc('2026-03-06T03:00:00Z'), utc('2026-03-09T02:00:00Z'))).toBe(420);
  });

  it('is antisymmetric: a reversed range gives the negated count', () => {
    const [a, b] = [utc('2026-03-06T03:00:00Z'), utc('2026-03-09T02:00:00Z')];
    expect(businessMinutesBetween(shanghai, b, a)).toBe(-420);
    expect(businessMinutesBetween(shanghai, a, a)).toBe(0);
  });

  it('is zero for a range entirely inside a holiday', () => {
    expect(businessMinutesBetween(shanghai, utc('2026-10-01T00:00:00Z'), utc('2026-10-07T12:00:00Z'))).toBe(0);
  });

  it('inverts addBusinessMinutes for many starts, sizes and zones', () => {
    // A fixed pseudo-random sequence keeps this reproducible.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const calendars = [shanghai, officeHours('America/New_York'), alwaysOpen('Europe/Berlin')];
    const yearStart = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 300; i++) {
      const cal = calendars[i % calendars.length];
      const start = new Date(yearStart + Math.floor(next() * 365 * 24 * 60) * 60_000);
      const minutes = Math.floor(next() * 6000);
      const due = addBusinessMinutes(cal, start, minutes);
      expect(businessMinutesBetween(cal, start, due)).toBe(minutes);
    }
  });
});

describe('isBusinessTime and nextBusinessInstant', () => {
  const shanghai = chinaOfficeCalendar();

  it('treats opening times as inclusive and closing times as exclusive', () => {
    expect(isBusinessTime(shanghai, utc('2026-03-02T01:00:00Z'))).toBe(true); // 09:00
    expect(isBusinessTime(shanghai, utc('2026-03-02T03:59:00Z'))).toBe(true); // 11:59
    expect(isBusinessTime(shanghai, utc('2026-03-02T04:00:00Z'))).toBe(false); // 12:00, lunch
    expect(isBusinessTime(shanghai, utc('2026-03-02T10:00:00Z'))).toBe(false); // 18:00
  });

  it('knows holidays and make-up workdays', () => {
    expect(isBusinessTime(shanghai, utc('2026-10-05T02:00:00Z'))).toBe(false); // Monday in the National Day week
    expect(isBusinessTime(shanghai, utc('2026-10-10T02:00:00Z'))).toBe(true); // make-up Saturday
    expect(isBusinessTime(shanghai, utc('2026-10-11T02:00:00Z'))).toBe(false); // ordinary Sunday
  });

  it('returns the instant itself during business hours', () => {
    const during = utc('2026-03-02T02:17:00Z');
    expect(nextBusinessInstant(shanghai, during)).toEqual(during);
  });

  it('returns the afternoon opening during lunch and Monday morning on a Saturday', () => {
    expect(nextBusinessInstant(shanghai, utc('2026-03-02T04:30:00Z'))).toEqual(utc('2026-03-02T05:00:00Z'));
    expect(nextBusinessInstant(shanghai, utc('2026-03-07T07:00:00Z'))).toEqual(utc('2026-03-09T01:00:00Z'));
  });
});

describe('a calendar without working hours', () => {
  const closed = calendar('Asia/Shanghai', weekly({}));

  it('makes addBusinessMinutes and nextBusinessInstant fail with a clear error instead of looping', () => {
    expect(() => addBusinessMinutes(closed, utc('2026-03-02T02:00:00Z'), 10)).toThrow(NoBusinessHoursError);
    expect(() => nextBusinessInstant(closed, utc('2026-03-02T02:00:00Z'))).toThrow(/no working hours within/);
  });

  it('still counts zero business minutes between two instants', () => {
    expect(businessMinutesBetween(closed, utc('2026-01-01T00:00:00Z'), utc('2026-12-31T00:00:00Z'))).toBe(0);
  });

  it('rejects an unknown time zone', () => {
    expect(() => isBusinessTime(calendar('Mars/Olympus', weekly({ mon: nineToFive })), utc('2026-03-02T02:00:00Z'))).toThrow(
      /Unknown time zone 'Mars\/Olympus'/,
    );
  });
});
