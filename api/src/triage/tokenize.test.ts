import { readableTerm, textFeatures } from './tokenize';

describe('textFeatures', () => {
  it('segments Chinese into jieba words and adds the marked character bigrams', () => {
    expect(textFeatures('退款没到账')).toEqual(['退款', '没到', '账', '~退款', '~款没', '~没到', '~到账']);
  });

  it('keeps a typo sharing bigrams with the correct spelling', () => {
    const typo = new Set(textFeatures('退歀没到帐'));
    const right = textFeatures('退款没到帐');
    expect(right.filter((feature) => typo.has(feature))).toEqual(expect.arrayContaining(['~没到', '~到帐']));
  });

  it('lowercases and stems English words, keeping words with digits as written', () => {
    expect(textFeatures('Refunds NOT received')).toEqual(['refund', 'not', 'receiv']);
    expect(textFeatures('REFUNDED refunding')).toEqual(['refund', 'refund']);
    expect(textFeatures('called 12315 about order A1023')).toEqual(['call', '12315', 'about', 'order', 'a1023']);
  });

  it('keeps a lone Chinese character, drops one-letter words, punctuation and emoji', () => {
    expect(textFeatures('差！a 😡 ok')).toEqual(['差', 'ok']);
    expect(textFeatures('😡😡')).toEqual([]);
    expect(textFeatures('')).toEqual([]);
  });

  it('treats mixed scripts as separate runs', () => {
    expect(textFeatures('iPhone屏幕坏了')).toEqual(['iphon', '屏幕', '坏', '~屏幕', '~幕坏', '~坏了']);
  });

  it('drops function words as words but keeps them inside Chinese bigrams', () => {
    expect(textFeatures('where is my order')).toEqual(['where', 'order']);
    expect(textFeatures('我的退款')).toEqual(['退款', '~我的', '~的退', '~退款']);
    expect(textFeatures('了')).toEqual([]);
  });

  it('reads full-width text as its ASCII form', () => {
    expect(textFeatures('ＲＥＦＵＮＤ')).toEqual(['refund']);
  });

  it('drops underscores, so no feature can be the key __proto__', () => {
    expect(textFeatures('constructor __proto__')).toEqual(['constructor', 'proto']);
  });

  it('reads only the first 2,000 characters of a 100 KB text', () => {
    const long = '快递太慢。'.repeat(20_000) + '退款';
    expect(long.length).toBeGreaterThan(100_000);
    expect(textFeatures(long)).toEqual(textFeatures(long.slice(0, 2_000)));
    expect(textFeatures(long)).not.toContain('退款');
    expect(textFeatures('快递太慢。'.repeat(399) + '退款')).toContain('退款');
  });
});

describe('readableTerm', () => {
  it('shows a bigram without its mark and a word as it is', () => {
    expect(readableTerm('~到账')).toBe('到账');
    expect(readableTerm('退款')).toBe('退款');
  });
});
