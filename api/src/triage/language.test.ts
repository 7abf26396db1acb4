import { detectLanguage } from './language';

describe('detectLanguage', () => {
  it('reads Chinese, including Chinese with a brand name in it', () => {
    expect(detectLanguage('快递三天了还没到')).toBe('zh');
    expect(detectLanguage('我的iPhone屏幕坏了')).toBe('zh');
  });

  it('reads English, including English with one Chinese word', () => {
    expect(detectLanguage('The parcel never arrived and nobody answers')).toBe('en');
    expect(detectLanguage('The 快递 never arrived at my home')).toBe('en');
  });

  it('declines text without letters: empty, digits, only emoji', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('12315 !!!')).toBeNull();
    expect(detectLanguage('😡😡😡🔥')).toBeNull();
  });

  it('answers for a 100 KB text without throwing', () => {
    expect(detectLanguage('退款没到账'.repeat(20_000))).toBe('zh');
  });
});
