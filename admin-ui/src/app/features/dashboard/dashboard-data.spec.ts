import { daysBefore, periodsBetween, todayIn, formatMinutes, formatRate, suggestedGranularity } from './dashboard-data';

describe('dashboard figures', () => {
  const unit = { h: 'h', min: 'min', d: 'd' };

  it('shows business minutes in the unit that reads best', () => {
    expect(formatMinutes(45, unit)).toBe('45 min');
    expect(formatMinutes(210, unit)).toBe('3.5 h');
    expect(formatMinutes(4320, unit)).toBe('3.0 d');
    expect(formatMinutes(null, unit)).toBe('—');
  });

  it('shows rates as percentages and a missing rate as a dash', () => {
    expect(formatRate(0.876)).toBe('87.6%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(null)).toBe('—');
  });

  it('picks days for a month, weeks for a quarter-plus and months for years', () => {
    expect(suggestedGranularity('2026-01-01', '2026-01-31')).toBe('DAY');
    expect(suggestedGranularity('2026-01-01', '2026-06-30')).toBe('WEEK');
    expect(suggestedGranularity('2024-01-01', '2026-01-01')).toBe('MONTH');
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
  });

  it('takes today from the tenant’s time zone, not the browser’s', () => {
    const lateUtc = new Date('2026-11-23T18:37:00Z');
    expect(todayIn('Asia/Shanghai', lateUtc)).toBe('2026-11-24');
    expect(todayIn('Europe/London', lateUtc)).toBe('2026-11-23');
  });

  it('lists every day, ISO week and month of a period so quiet ones chart as zero', () => {
    expect(periodsBetween('2026-11-28', '2026-12-01', 'DAY')).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
    expect(periodsBetween('2026-11-25', '2026-12-08', 'WEEK')).toEqual(['2026-11-23', '2026-11-30', '2026-12-07']);
    expect(periodsBetween('2026-11-25', '2027-01-02', 'MONTH')).toEqual(['2026-11-01', '2026-12-01', '2027-01-01']);
  });
});
