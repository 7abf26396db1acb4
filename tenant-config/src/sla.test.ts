import { defaultTenantConfig } from './defaults/default-config';
import { enabledStages, requiresApproval } from './lifecycle';
import type { TenantConfig } from './schema/tenant-config';
import { slaMinutesFor, stageDeadline, stageReminders } from './sla';

describe('slaMinutesFor', () => {
  const config = defaultTenantConfig();

  it('returns the configured minutes in round one', () => {
    expect(slaMinutesFor(config, 'investigation', 'general', 1)).toBe(24 * 60);
    expect(slaMinutesFor(config, 'intake', 'general', 1)).toBe(10);
  });

  it('tightens later rounds by slaFactor^(round-1)', () => {
    expect(slaMinutesFor(config, 'investigation', 'general', 2)).toBe(720);
    expect(slaMinutesFor(config, 'investigation', 'general', 3)).toBe(360);
  });

  it('rounds up to a whole minute without inflating exact products, and never below one minute', () => {
    const seventy: TenantConfig = {
      ...config,
      lifecycle: { ...config.lifecycle, rounds: { ...config.lifecycle.rounds, slaFactor: 0.7 } },
    };
    expect(slaMinutesFor({ ...seventy, sla: { ...config.sla, intake: { general: 100, urgent: 10, major: 5 } } }, 'intake', 'general', 2)).toBe(70);
    expect(slaMinutesFor(config, 'intake', 'general', 3)).toBe(3); // 10 x 0.25 = 2.5
    expect(slaMinutesFor(config, 'intake', 'major', 10)).toBe(1);
  });

  it('has no deadline for the archive stage or an unknown severity', () => {
    expect(slaMinutesFor(config, 'archive', 'general', 1)).toBeUndefined();
    expect(slaMinutesFor(config, 'handling', 'nope', 1)).toBeUndefined();
  });

  it('rejects a round below one', () => {
    expect(() => slaMinutesFor(config, 'intake', 'general', 0)).toThrow(RangeError);
  });
});

describe('stageDeadline and stageReminders', () => {
  const config = defaultTenantConfig();

  it('counts the SLA in the tenant business calendar', () => {
    // Shanghai, Friday 2026-03-06 17:00 (09:00Z); investigation of an urgent complaint = 240 business minutes:
    // 60 on Friday, 180 on Monday 09:00-12:00 -> Monday 12:00 local.
    expect(stageDeadline(config, 'investigation', 'urgent', 1, new Date('2026-03-06T09:00:00Z'))).toEqual(new Date('2026-03-09T04:00:00Z'));
  });

  it('puts reminders at the configured fractions of the SLA', () => {
    // Monday 2026-03-02 09:00 local; review of a general complaint = 240 min; reminders at 120 and 192 min.
    expect(stageReminders(config, 'review', 'general', 1, new Date('2026-03-02T01:00:00Z'))).toEqual([
      new Date('2026-03-02T03:00:00Z'),
      new Date('2026-03-02T05:12:00Z'), // 192 min = 180 before lunch + 12 after 13:00
    ]);
  });

  it('has no deadline and no reminders for the archive stage', () => {
    const start = new Date('2026-03-02T01:00:00Z');
    expect(stageDeadline(config, 'archive', 'general', 1, start)).toBeUndefined();
    expect(stageReminders(config, 'archive', 'general', 1, start)).toEqual([]);
  });
});

describe('requiresApproval', () => {
  const config = defaultTenantConfig(); // threshold CNY 500, always for major

  it('lets frontline staff settle compensation up to the threshold', () => {
    expect(requiresApproval(config, { severity: 'general', compensationAmount: 500 })).toBe(false);
    expect(requiresApproval(config, { severity: 'general', compensationAmount: 500.01 })).toBe(true);
  });

  it('always requires approval for the listed severities', () => {
    expect(requiresApproval(config, { severity: 'major', compensationAmount: 0 })).toBe(true);
  });

  it('never requires approval when the tenant switched the review stage off', () => {
    const noReview: TenantConfig = {
      ...config,
      stages: config.stages.map((stage) => (stage.code === 'review' ? { ...stage, enabled: false } : stage)),
    };
    expect(enabledStages(noReview)).not.toContain('review');
    expect(requiresApproval(noReview, { severity: 'major', compensationAmount: 10_000 })).toBe(false);
  });
});
