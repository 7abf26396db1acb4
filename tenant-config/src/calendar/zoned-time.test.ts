import { parseIsoDate } from './civil-date';
import { isValidTimeZone, localTimeToInstant, zoneNamed } from './zoned-time';

const day = (iso: string) => parseIsoDate(iso) as number;
const at = (zone: string, date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(localTimeToInstant(zoneNamed(zone), day(date), (h ?? 0) * 60 + (m ?? 0))).toISOString();
};

describe('localTimeToInstant', () => {
  it('converts ordinary local times with the zone offset', () => {
    expect(at('Asia/Shanghai', '2026-03-02', '09:00')).toBe('2026-03-02T01:00:00.000Z');
    expect(at('Europe/Berlin', '2026-07-01', '09:00')).toBe('2026-07-01T07:00:00.000Z');
  });

  it("treats '24:00' as the next local midnight", () => {
    expect(at('America/New_York', '2026-03-07', '24:00')).toBe('2026-03-08T05:00:00.000Z');
  });

  it('maps a time skipped by spring-forward to the instant the clock jumps', () => {
    expect(at('America/New_York', '2026-03-08', '02:30')).toBe('2026-03-08T07:00:00.000Z');
    expect(at('Europe/Berlin', '2026-03-29', '02:15')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('maps a time repeated by fall-back to its first occurrence', () => {
    expect(at('America/New_York', '2026-11-01', '01:30')).toBe('2026-11-01T05:30:00.000Z');
    expect(at('Europe/Berlin', '2026-10-25', '02:30')).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects misspellings', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Asia/Shangai')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
