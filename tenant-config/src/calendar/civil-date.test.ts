import { epochDayAt, parseIsoDate, weekdayOf } from './civil-date';

describe('civil dates', () => {
  it('parses real dates and rejects impossible ones', () => {
    expect(parseIsoDate('1970-01-02')).toBe(1);
    expect(parseIsoDate('2026-02-30')).toBeUndefined();
    expect(parseIsoDate('2026-2-3')).toBeUndefined();
    expect(parseIsoDate('2028-02-29')).toBe(parseIsoDate('2028-03-01')! - 1);
  });

  it('knows the weekday of a date, before and after 1970', () => {
    expect(weekdayOf(parseIsoDate('2026-10-10') as number)).toBe('sat');
    expect(weekdayOf(parseIsoDate('2026-03-08') as number)).toBe('sun');
    expect(weekdayOf(parseIsoDate('1969-12-31') as number)).toBe('wed');
  });

  it('finds the local date of an instant from its offset', () => {
    // 2026-03-01T20:00Z is already March 2 in Shanghai (+8) but still March 1 in New York (-5).
    const instant = Date.UTC(2026, 2, 1, 20);
    expect(epochDayAt(instant, 480)).toBe(parseIsoDate('2026-03-02'));
    expect(epochDayAt(instant, -300)).toBe(parseIsoDate('2026-03-01'));
  });
});
