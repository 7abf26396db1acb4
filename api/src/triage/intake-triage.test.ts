import { defaultTenantConfig, type TenantConfig } from '@complaints/tenant-config';
import { detectedLocale, raiseByRiskRules } from './intake-triage';

describe('raiseByRiskRules', () => {
  const config = defaultTenantConfig();

  it('raises a general complaint mentioning a lawyer to major and explains why', () => {
    const raise = raiseByRiskRules(config, 'general', '退款问题', '再不退款我就找律师');
    expect(raise.severity).toBe('major');
    expect(raise.event).toMatchObject({
      kind: 'triage.risk_matched',
      actor: { type: 'system' },
      from: 'general',
      to: 'major',
      data: { terms: ['律师'], rules: [{ ruleId: 'legal-action', terms: ['律师'] }] },
    });
  });

  it('leaves a complaint without risk terms as it was, with no event', () => {
    expect(raiseByRiskRules(config, 'urgent', 'Late parcel', 'It is a week late')).toEqual({ severity: 'urgent', event: null });
  });

  it('never lowers a severity: a rule to urgent keeps a major complaint major, but still records the match', () => {
    const lenient: TenantConfig = { ...config, triage: { ...config.triage, riskRules: [{ id: 'press', patterns: ['press'], severity: 'urgent' }] } };
    const raise = raiseByRiskRules(lenient, 'major', 'Going to the press', '');
    expect(raise.severity).toBe('major');
    expect(raise.event).toMatchObject({ from: 'major', to: 'major', data: { terms: ['press'] } });
  });

  it('applies the default rules to a configuration version stored before triage existed', () => {
    const stored: Partial<TenantConfig> = defaultTenantConfig();
    delete stored.triage;
    expect(raiseByRiskRules(stored as TenantConfig, 'general', 'Injury', 'My child got an injury').severity).toBe('major');
  });
});

describe('detectedLocale', () => {
  it('maps the detected language to a locale, and declines text without letters', () => {
    expect(detectedLocale('快递丢失', '包裹显示已签收但我没有收到。')).toBe('zh-CN');
    expect(detectedLocale('Lost parcel', 'It says delivered but I never got it')).toBe('en');
    expect(detectedLocale('😡', '123')).toBeNull();
  });
});
