import { classifyText, trainNaiveBayes, type LabelledText, type NaiveBayesModel } from './naive-bayes';

const TRAINING: LabelledText[] = [
  { label: 'refund_delay', text: '退款申请一周了还没到账' },
  { label: 'refund_delay', text: '退款迟迟不到账，客服不理' },
  { label: 'refund_delay', text: 'refund still not received after two weeks' },
  { label: 'refund_delay', text: 'where is my refund' },
  { label: 'late_delivery', text: '快递三天了还没送到' },
  { label: 'late_delivery', text: '物流一直不更新，快递太慢' },
  { label: 'late_delivery', text: 'the parcel delivery is late again' },
  { label: 'late_delivery', text: 'courier delivery delayed for a week' },
  { label: 'staff_attitude', text: '客服态度恶劣，挂我电话' },
  { label: 'staff_attitude', text: 'the agent was rude and hung up on me' },
];

describe('multinomial naive Bayes over bigrams and words', () => {
  const model = trainNaiveBayes(TRAINING);

  it('ranks the right category first for Chinese and English, with confidences summing to 1', () => {
    const zh = classifyText(model, '我的退款怎么还没到账');
    const en = classifyText(model, 'My delivery is so late');
    expect(zh?.ranked[0]?.label).toBe('refund_delay');
    expect(en?.ranked[0]?.label).toBe('late_delivery');
    for (const result of [zh, en]) {
      expect(result?.ranked).toHaveLength(3);
      expect(result?.ranked.reduce((sum, r) => sum + r.confidence, 0)).toBeCloseTo(1, 10);
      expect(result?.ranked[0]?.confidence).toBeGreaterThan(result?.ranked[1]?.confidence ?? 1);
    }
  });

  it('names the terms that weighed most for the winner', () => {
    const result = classifyText(model, '退款没到账');
    expect(result?.topTerms).toEqual(expect.arrayContaining(['退款', '到账']));
    expect(result?.topTerms.length).toBeLessThanOrEqual(5);
  });

  it('survives a JSON round trip with the same predictions', () => {
    const restored = JSON.parse(JSON.stringify(model)) as NaiveBayesModel;
    expect(classifyText(restored, '客服态度太差')).toEqual(classifyText(model, '客服态度太差'));
    expect(classifyText(restored, '客服态度太差')?.ranked[0]?.label).toBe('staff_attitude');
  });

  it('declines texts it has no evidence for: empty, only emoji, unknown words', () => {
    expect(classifyText(model, '')).toBeNull();
    expect(classifyText(model, '😡😡😡🔥')).toBeNull();
    expect(classifyText(model, 'zzz qqq')).toBeNull();
    expect(classifyText(trainNaiveBayes([]), '退款')).toBeNull();
  });

  it('declines with a model trained on another feature set, whose terms would not match', () => {
    expect(classifyText({ ...model, features: 'han-bigrams' }, '退款没到账')).toBeNull();
  });

  it('classifies mixed Chinese and English, and shows each top term once without the bigram mark', () => {
    const result = classifyText(model, 'refund 退款 still 没到账');
    expect(result?.ranked[0]?.label).toBe('refund_delay');
    expect(result?.topTerms.every((term) => !term.startsWith('~'))).toBe(true);
    expect(new Set(result?.topTerms).size).toBe(result?.topTerms.length);
  });

  it('classifies a 100 KB text without throwing or producing NaN', () => {
    const result = classifyText(model, '快递太慢还没送到。'.repeat(12_000));
    expect(result?.ranked[0]).toEqual({ label: 'late_delivery', confidence: 1 });
    expect(result?.ranked.every((r) => Number.isFinite(r.confidence))).toBe(true);
  });

  it('is not confused by words that are object keys, and a one-label model is certain', () => {
    const single = trainNaiveBayes([{ label: 'other', text: 'constructor toString hasOwnProperty' }]);
    expect(classifyText(single, 'constructor')).toEqual({ ranked: [{ label: 'other', confidence: 1 }], topTerms: ['constructor'] });
    expect(classifyText(model, 'constructor')).toBeNull();
  });
});
