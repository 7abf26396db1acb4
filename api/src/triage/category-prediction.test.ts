import { defaultTenantConfig, type TenantConfig, type TriageMode } from '@complaints/tenant-config';
import { predictCategory } from './category-prediction';
import { trainNaiveBayes } from './naive-bayes';
import type { StoredTriageModel } from './triage-model.store';

const stored: StoredTriageModel = {
  version: 4,
  model: trainNaiveBayes([
    { label: 'refund_delay', text: '退款一周了还没到账' },
    { label: 'refund_delay', text: '退款迟迟不到账' },
    { label: 'staff_attitude', text: '客服态度恶劣，挂我电话' },
    { label: 'retired_category', text: '积分兑换失败' },
  ]),
  suggestOnly: false,
};

function configIn(mode: TriageMode, threshold = 0.8): TenantConfig {
  const config = defaultTenantConfig();
  return { ...config, triage: { ...config.triage, mode, threshold } };
}

describe('predictCategory', () => {
  it('applies the category in auto mode at or above the threshold and records confidence, model version and top terms', () => {
    const prediction = predictCategory(configIn('auto', 0.5), stored, '退款', '我的退款还没到账');
    expect(prediction?.applied).toBe('refund_delay');
    expect(prediction?.event).toMatchObject({
      kind: 'triage.predicted',
      actor: { type: 'system' },
      to: 'refund_delay',
      data: { field: 'category', applied: true, modelVersion: 4, topTerms: expect.arrayContaining(['退款', '到账']) },
    });
    expect((prediction?.event.data as { confidence: number }).confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('only suggests in suggest mode, and in auto mode below the threshold', () => {
    expect(predictCategory(configIn('suggest'), stored, '退款', '我的退款还没到账')).toMatchObject({ applied: null, event: { data: { applied: false } } });
    const unsure = predictCategory(configIn('auto', 1), stored, '退款', '客服说退款');
    expect(unsure?.applied).toBeNull();
    expect(unsure?.event.note).toContain('(suggestion)');
  });

  it('only suggests in auto mode with a model trained while some category had too few labelled complaints', () => {
    const prediction = predictCategory(configIn('auto', 0.5), { ...stored, suggestOnly: true }, '退款', '我的退款还没到账');
    expect(prediction).toMatchObject({ applied: null, event: { to: 'refund_delay', data: { applied: false } } });
  });

  it('predicts nothing when triage is off, the text has no known term, or only a retired category fits', () => {
    expect(predictCategory(configIn('off'), stored, '退款', '退款没到账')).toBeNull();
    expect(predictCategory(configIn('auto'), stored, '😡', '')).toBeNull();
    expect(predictCategory(configIn('auto'), stored, '积分', '兑换')?.event.to).not.toBe('retired_category');
    expect(
      predictCategory(configIn('auto'), { version: 1, model: trainNaiveBayes([{ label: 'gone', text: '积分兑换' }]), suggestOnly: false }, '积分兑换', ''),
    ).toBeNull();
  });
});
