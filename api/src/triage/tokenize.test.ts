import { textFeatures } from './tokenize';

describe('textFeatures', () => {
  it('splits Chinese into character bigrams and English into lowercased words', () => {
    expect(textFeatures('退款没到账')).toEqual(['退款', '款没', '没到', '到账']);
    expect(textFeatures('Refund NOT received')).toEqual(['refund', 'not', 'received']);
  });

  it('keeps a lone Chinese character, drops one-letter words, punctuation and emoji', () => {
    expect(textFeatures('差！a 😡 ok')).toEqual(['差', 'ok']);
    expect(textFeatures('😡😡')).toEqual([]);
  });

  it('treats mixed scripts as separate runs', () => {
    expect(textFeatures('iPhone屏幕坏了')).toEqual(['iphone', '屏幕', '幕坏', '坏了']);
  });

  it('drops underscores, so no feature can be the key __proto__', () => {
    expect(textFeatures('constructor __proto__')).toEqual(['constructor', 'proto']);
  });
});
