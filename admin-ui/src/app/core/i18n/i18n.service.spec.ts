import { TestBed } from '@angular/core/testing';
import { en } from './en';
import { I18nService } from './i18n.service';
import { zhCN } from './zh-CN';
import { NOTIFICATION_EVENTS } from '@complaints/tenant-config/closed-sets';

describe('I18nService', () => {
  beforeEach(() => localStorage.clear());

  function create(): I18nService {
    return TestBed.inject(I18nService);
  }

  it('names every notification event in both languages instead of showing its code', () => {
    const missing = NOTIFICATION_EVENTS.flatMap((event) =>
      [en, zhCN].filter((dictionary) => !(dictionary as Record<string, string>)[`event.${event}`]).map((d) => `${d === en ? 'en' : 'zh-CN'}: ${event}`),
    );
    expect(missing).toEqual([]);
  });

  it('starts in the locale stored from the last visit', () => {
    localStorage.setItem('complaints.locale', 'en');
    expect(create().locale()).toBe('en');
  });

  it('switches language at run time and remembers the choice', () => {
    const i18n = create();
    i18n.setLocale('zh-CN');
    expect(i18n.t('login.submit')).toBe('登录');
    i18n.setLocale('en');
    expect(i18n.t('login.submit')).toBe('Sign in');
    expect(localStorage.getItem('complaints.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('fills named placeholders and leaves unknown ones visible', () => {
    const i18n = create();
    i18n.setLocale('en');
    expect(i18n.t('config.saved', { version: 7 })).toBe('Saved as version 7');
    expect(i18n.t('config.saved')).toBe('Saved as version {version}');
  });

  it('shows an unknown key as itself so a missing text is noticed', () => {
    expect(create().t('no.such.key')).toBe('no.such.key');
  });

  it('picks the current locale of tenant-defined text, falling back to the other one', () => {
    const i18n = create();
    i18n.setLocale('en');
    expect(i18n.pick({ 'zh-CN': '产品质量', en: 'Product quality' })).toBe('Product quality');
    expect(i18n.pick({ 'zh-CN': '产品质量', en: '' })).toBe('产品质量');
    expect(i18n.pick(null)).toBe('');
  });

  it('has a Chinese text for every English key and no empty texts', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(zhCN)) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });
});
