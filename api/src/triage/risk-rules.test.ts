import { defaultRiskRules } from '@complaints/tenant-config';
import { matchRiskRules } from './risk-rules';

describe('matchRiskRules', () => {
  const rules = defaultRiskRules();

  it('finds a Chinese keyword inside a sentence and names the rule and the term', () => {
    expect(matchRiskRules(rules, '退款一直不到账', '再不处理我就找律师起诉你们')).toEqual([
      { ruleId: 'legal-action', severity: 'major', terms: ['律师', '起诉'] },
    ]);
  });

  it('matches English keywords case-insensitively and full-width digits as ASCII', () => {
    const matches = matchRiskRules(rules, 'My LAWYER will call', '已经打了１２３１５');
    expect(matches.map((match) => [match.ruleId, match.terms])).toEqual([
      ['public-exposure', ['12315']],
      ['legal-action', ['lawyer']],
    ]);
  });

  it('matches nothing in an ordinary complaint, and ignores absent or empty texts', () => {
    expect(matchRiskRules(rules, '快递太慢了', 'The parcel is late')).toEqual([]);
    expect(matchRiskRules(rules, '', null, undefined)).toEqual([]);
    expect(matchRiskRules([], '律师')).toEqual([]);
  });

  it('searches the whole of a very long text, past what the classifier reads', () => {
    expect(matchRiskRules(rules, `${'很长的描述。'.repeat(20_000)}孩子受伤了`)).toEqual([{ ruleId: 'harm', severity: 'major', terms: ['受伤'] }]);
  });
});
