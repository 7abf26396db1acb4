export interface Interval {
  start: string;
  end: string;
}

const LUNCH = { start: '12:00', end: '13:00' };

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A day's hours with a lunch break: the interval spanning 12:00–13:00 is split around it (09:00–22:00 becomes
 * 09:00–12:00 and 13:00–22:00). A day whose hours do not span lunch gets a second interval an hour after the
 * last one ends, never past midnight, so the two never overlap.
 */
export function withLunchBreak(intervals: readonly Interval[]): Interval[] {
  const spanning = intervals.findIndex((i) => i.start < LUNCH.start && i.end > LUNCH.end);
  if (spanning >= 0) {
    const { start, end } = intervals[spanning];
    return [...intervals.slice(0, spanning), { start, end: LUNCH.start }, { start: LUNCH.end, end }, ...intervals.slice(spanning + 1)];
  }
  const lastEnd = Math.max(0, ...intervals.map((i) => toMinutes(i.end)));
  const start = lastEnd + 60;
  if (start >= 23 * 60) return [...intervals];
  return [...intervals, { start: toHhmm(start), end: toHhmm(Math.min(start + 4 * 60, 23 * 60 + 59)) }];
}
