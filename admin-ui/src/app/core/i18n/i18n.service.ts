import { Injectable, computed, signal } from '@angular/core';
import { en, type TranslationKey } from './en';
import { zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Text in both of the platform's locales, as the tenant configuration stores it. */
export type LocalizedText = Record<Locale, string>;

const STORAGE_KEY = 'complaints.locale';
const dictionaries: Record<Locale, Record<TranslationKey, string>> = { en, 'zh-CN': zhCN };

/**
 * Run-time switchable translations. Angular's compile-time i18n builds one bundle per locale; staff
 * switch language mid-session, so the dictionaries live in a signal and every template re-renders.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly current = signal<Locale>(initialLocale());
  readonly locale = this.current.asReadonly();
  private readonly dictionary = computed(() => dictionaries[this.current()]);

  constructor() {
    applyDocumentLang(this.current());
  }

  setLocale(locale: Locale): void {
    this.current.set(locale);
    applyDocumentLang(locale);
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private mode or storage disabled: the choice just lasts for this page.
    }
  }

  /** Translate `key`, replacing `{name}` placeholders; an unknown key shows itself so it gets noticed. */
  t(key: string, params?: Record<string, string | number>): string {
    const text = (this.dictionary() as Record<string, string>)[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }

  /** Units for compact durations ("2h 5m", "2小时 5分钟"). */
  durationUnits(): { d: string; h: string; m: string } {
    return { d: this.t('duration.d'), h: this.t('duration.h'), m: this.t('duration.m') };
  }

  /** Pick the current locale's text of a tenant-defined name, falling back to the other locale. */
  pick(text: Partial<LocalizedText> | null | undefined): string {
    if (!text) return '';
    const locale = this.current();
    return text[locale] || text[locale === 'en' ? 'zh-CN' : 'en'] || '';
  }
}

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // fall through to the browser's preference
  }
  const browser = typeof navigator !== 'undefined' ? navigator.language : 'zh-CN';
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function applyDocumentLang(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
