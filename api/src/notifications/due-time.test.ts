import { formatDueTime } from './due-time';

describe('formatDueTime', () => {
  // 2026-11-22 09:00 in Shanghai is 01:00 UTC.
  const now = new Date('2026-11-22T01:00:00Z');

  it('says today with the time in the tenant zone, not the server zone', () => {
    expect(formatDueTime(new Date('2026-11-22T10:00:00Z'), now, 'Asia/Shanghai', 'zh-CN')).toBe('今日 18:00');
    expect(formatDueTime(new Date('2026-11-22T10:00:00Z'), now, 'Asia/Shanghai', 'en')).toBe('today 18:00');
  });

  it('says tomorrow when the deadline falls on the next civil day there', () => {
    // 17:00 UTC on the 22nd is 01:00 on the 23rd in Shanghai.
    expect(formatDueTime(new Date('2026-11-22T17:00:00Z'), now, 'Asia/Shanghai', 'zh-CN')).toBe('明日 01:00');
    expect(formatDueTime(new Date('2026-11-22T17:00:00Z'), now, 'Asia/Shanghai', 'en')).toBe('tomorrow 01:00');
  });

  it('gives the date further out, and the year only when it changes', () => {
    expect(formatDueTime(new Date('2026-11-25T10:00:00Z'), now, 'Asia/Shanghai', 'zh-CN')).toBe('11月25日 18:00');
    expect(formatDueTime(new Date('2026-11-25T10:00:00Z'), now, 'Asia/Shanghai', 'en')).toBe('25 Nov 18:00');
    expect(formatDueTime(new Date('2027-01-04T02:00:00Z'), now, 'Asia/Shanghai', 'zh-CN')).toBe('2027年1月4日 10:00');
  });
});
