import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { Locale } from '../../../core/i18n/i18n.service';
import type { NotificationTemplate } from '@complaints/tenant-config';
import { NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, TEMPLATE_PLACEHOLDERS } from '@complaints/tenant-config/closed-sets';
import { TenantConfigStore } from '../tenant-config.store';
import { SAMPLE_VALUES, renderPreview } from './template-preview';

type EventCode = NotificationTemplate['event'];
type ChannelCode = NotificationTemplate['channel'];
const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

@Component({
  selector: 'app-templates-tab',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './templates-tab.component.html',
  styleUrl: '../config-tab.scss',
  styles: `
    .pickers {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin-bottom: 16px;
    }
    .pickers label {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font: var(--mat-sys-label-medium);
      min-width: 160px;
    }
    .editor {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
      gap: 16px;
    }
    .editor label {
      display: block;
      font: var(--mat-sys-label-large);
      margin: 8px 0 4px;
    }
    textarea.plain-input {
      min-height: 160px;
      resize: vertical;
      font-family: inherit;
    }
    .preview {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 16px;
      background: var(--mat-sys-surface-container-low);
    }
    .preview h3 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
    }
    .preview .bubble {
      white-space: pre-wrap;
      padding: 12px;
      border-radius: 12px;
      background: var(--mat-sys-surface);
      box-shadow: var(--mat-sys-level1);
    }
    .preview .subject {
      font-weight: 600;
      margin-bottom: 8px;
    }
    .variables code {
      margin-right: 6px;
    }
    .coverage td.missing {
      color: var(--mat-sys-error);
    }
  `,
})
export class TemplatesTabComponent {
  protected readonly store = inject(TenantConfigStore);
  protected readonly templates = computed(() => this.store.draft()!.notificationTemplates);
  protected readonly events = NOTIFICATION_EVENTS;
  protected readonly channels = NOTIFICATION_CHANNELS;
  protected readonly locales = LOCALES;
  protected readonly variables = TEMPLATE_PLACEHOLDERS;

  protected readonly event = signal<EventCode>(NOTIFICATION_EVENTS[0]);
  protected readonly channel = signal<ChannelCode>('sms');
  protected readonly locale = signal<Locale>('zh-CN');

  protected readonly index = computed(() =>
    this.templates().findIndex((t) => t.event === this.event() && t.channel === this.channel() && t.locale === this.locale()),
  );
  protected readonly current = computed<NotificationTemplate | null>(() => this.templates()[this.index()] ?? null);
  protected readonly preview = computed(() => {
    const template = this.current();
    if (!template) return null;
    const values = SAMPLE_VALUES[this.locale()];
    const subject = renderPreview(template.subject ?? '', values);
    const body = renderPreview(template.body, values);
    return { subject: subject.text, body: body.text, unknown: [...new Set([...subject.unknown, ...body.unknown])] };
  });

  protected has(event: EventCode, channel: ChannelCode, locale: Locale): boolean {
    return this.templates().some((t) => t.event === event && t.channel === channel && t.locale === locale);
  }

  protected create(): void {
    this.store.update((config) => config.notificationTemplates.push({ event: this.event(), channel: this.channel(), locale: this.locale(), body: '' }));
  }

  protected edit(field: 'subject' | 'body', value: string): void {
    const index = this.index();
    if (index < 0) return;
    this.store.update((config) => {
      const template = config.notificationTemplates[index];
      // An empty subject is "no subject" (SMS has none); the schema rejects an empty string.
      if (field === 'subject' && value === '') delete template.subject;
      else template[field] = value;
    });
  }

  protected remove(): void {
    const index = this.index();
    if (index >= 0) this.store.update((config) => config.notificationTemplates.splice(index, 1));
  }
}
