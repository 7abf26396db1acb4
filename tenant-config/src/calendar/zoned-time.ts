import { IANAZone } from 'luxon';
import { startOfEpochDayMs } from './civil-date';

const MS_PER_MINUTE = 60_000;
/** No zone is more than 14 hours from UTC, so a local time's instant lies within this window of its naive value. */
const MAX_OFFSET_MS = 14 * 60 * MS_PER_MINUTE;

export function isValidTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

export function zoneNamed(name: string): IANAZone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw new RangeError(`Unknown time zone '${name}'; use an IANA name such as 'Asia/Shanghai'`);
  return zone;
}

/**
 * Resolved local times by zone, date and minute. Each resolution asks the zone for its offset two or more
 * times (an Intl formatting each), and every deadline computation resolves the same few opening times of
 * the same few days again; the answer is a pure function of its key. Cleared when full, so it stays small.
 */
const resolvedLocalTimes = new Map<string, number>();
const MAX_RESOLVED_LOCAL_TIMES = 20_000;

/**
 * The instant at which the clocks in `zone` show `minuteOfDay` on local date `epochDay`
 * (minute 1440 is the next midnight, so '24:00' needs no special case).
 *
 * Daylight-saving transitions make wall time ambiguous, and business hours are wall time:
 * - a time skipped by spring-forward (02:30 when 02:00 jumps to 03:00) resolves to the instant the clock
 *   jumps past it, because that is the first moment the clock reads later than the requested time;
 * - a time repeated by fall-back resolves to its first occurrence, for opening and closing alike, so that
 *   back-to-back intervals (…–01:30, 01:30–…) meet exactly and the repeated hour is counted once per
 *   interval that spans it.
 */
export function localTimeToInstant(zone: IANAZone, epochDay: number, minuteOfDay: number): number {
  const key = `${zone.name}|${epochDay}|${minuteOfDay}`;
  let instant = resolvedLocalTimes.get(key);
  if (instant === undefined) {
    if (resolvedLocalTimes.size >= MAX_RESOLVED_LOCAL_TIMES) resolvedLocalTimes.clear();
    resolvedLocalTimes.set(key, (instant = resolveLocalTime(zone, epochDay, minuteOfDay)));
  }
  return instant;
}

function resolveLocalTime(zone: IANAZone, epochDay: number, minuteOfDay: number): number {
  const naive = startOfEpochDayMs(epochDay) + minuteOfDay * MS_PER_MINUTE;
  const offsetBefore = zone.offset(naive - MAX_OFFSET_MS);
  const offsetAfter = zone.offset(naive + MAX_OFFSET_MS);
  // The common case: no transition near this local time (zones never change offset twice within a day).
  if (offsetBefore === offsetAfter) return naive - offsetBefore * MS_PER_MINUTE;
  const matching = [offsetBefore, zone.offset(naive), offsetAfter]
    .map((offset) => naive - offset * MS_PER_MINUTE)
    .filter((instant) => naive - zone.offset(instant) * MS_PER_MINUTE === instant);
  if (matching.length > 0) return Math.min(...matching);
  return endOfGap(zone, naive - offsetAfter * MS_PER_MINUTE, naive - offsetBefore * MS_PER_MINUTE);
}

/**
 * The first instant on the new offset, searched between an instant still on the old offset (`lo`) and one
 * already on the new offset (`hi`). Transitions fall on whole minutes, so a minute-wise bisection is exact.
 */
function endOfGap(zone: IANAZone, lo: number, hi: number): number {
  const oldOffset = zone.offset(lo);
  let [low, high] = [lo, hi];
  while (high - low > MS_PER_MINUTE) {
    const mid = low + Math.floor((high - low) / MS_PER_MINUTE / 2) * MS_PER_MINUTE;
    if (zone.offset(mid) === oldOffset) low = mid;
    else high = mid;
  }
  return high;
}
