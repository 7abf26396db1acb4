import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService } from './i18n.service';

/**
 * `{{ 'nav.users' | t }}`. Impure so it is re-run on every check; the locale is a signal read
 * inside the template, so switching language marks OnPush views dirty by itself.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: string, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }
}

/** `{{ category.name | localized }}` for tenant-defined text in both locales. */
@Pipe({ name: 'localized', pure: false })
export class LocalizedPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(text: Partial<Record<'zh-CN' | 'en', string>> | null | undefined): string {
    return this.i18n.pick(text);
  }
}
