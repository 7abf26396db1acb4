import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { parse, stringify } from 'yaml';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TenantConfigStore } from '../tenant-config.store';

/**
 * The configuration as YAML, for review and for copying a setup between tenants. Import only
 * replaces the draft; the server validates it on save and the messages land next to the fields.
 */
@Component({
  selector: 'app-yaml-tab',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="section-title">{{ 'yaml.title' | t }}</h2>
    <p class="muted">{{ 'yaml.hint' | t }}</p>
    <label class="visually-hidden" for="yaml-text">{{ 'yaml.title' | t }}</label>
    <textarea
      id="yaml-text"
      class="plain-input yaml"
      spellcheck="false"
      [value]="text()"
      (input)="edited.set($any($event.target).value)"
      [attr.aria-invalid]="parseError() ? 'true' : null"
      aria-describedby="yaml-error"
    ></textarea>
    @if (parseError(); as message) {
      <div id="yaml-error" class="field-error" role="alert">{{ 'yaml.parseError' | t }} {{ message }}</div>
    }
    <div class="add-row">
      <button mat-flat-button type="button" (click)="apply()" [disabled]="edited() === null"><mat-icon>upload</mat-icon>{{ 'yaml.apply' | t }}</button>
      <button mat-button type="button" (click)="edited.set(null); parseError.set(null)" [disabled]="edited() === null">{{ 'yaml.revert' | t }}</button>
      <button mat-stroked-button type="button" (click)="download()"><mat-icon>download</mat-icon>{{ 'yaml.download' | t }}</button>
      <label class="file">
        <mat-icon>folder_open</mat-icon>{{ 'yaml.openFile' | t }}
        <input type="file" accept=".yaml,.yml,text/yaml" (change)="openFile($event)" />
      </label>
    </div>
  `,
  styleUrl: '../config-tab.scss',
  styles: `
    .yaml {
      min-height: 420px;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace;
      font-size: 13px;
      line-height: 1.5;
      resize: vertical;
    }
    .file {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      cursor: pointer;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
      padding: 0 12px;
    }
    .file input {
      position: absolute;
      opacity: 0;
      width: 1px;
      height: 1px;
    }
    .file:focus-within {
      outline: 2px solid var(--mat-sys-primary);
      border-radius: 8px;
    }
  `,
})
export class YamlTabComponent {
  protected readonly store = inject(TenantConfigStore);
  /** Text the admin typed or loaded; null while it simply mirrors the draft. */
  protected readonly edited = signal<string | null>(null);
  protected readonly parseError = signal<string | null>(null);
  private readonly exported = computed(() => stringify(this.store.draft(), { lineWidth: 0 }));
  protected readonly text = computed(() => this.edited() ?? this.exported());

  protected apply(): void {
    const text = this.edited();
    if (text === null) return;
    try {
      const value: unknown = parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('top level must be a mapping');
      this.store.replace(value as Record<string, unknown>);
      this.edited.set(null);
      this.parseError.set(null);
    } catch (error) {
      this.parseError.set(error instanceof Error ? error.message : String(error));
    }
  }

  protected download(): void {
    const blob = new Blob([this.text()], { type: 'text/yaml' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `tenant-config-v${this.store.version() ?? 'draft'}.yaml`;
    link.click();
    URL.revokeObjectURL(url);
  }

  protected async openFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.edited.set(await file.text());
    input.value = '';
  }
}
