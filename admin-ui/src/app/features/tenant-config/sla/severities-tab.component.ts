import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import type { Locale } from '../../../core/i18n/i18n.service';
import { LocalizedPipe, TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { StageCode } from '@complaints/tenant-config';
import { STAGES_WITH_SLA } from '@complaints/tenant-config/closed-sets';
import { TenantConfigStore } from '../tenant-config.store';
import { formatMinutes, parseMinutes } from './business-duration';
import { type SlaCellChange, SlaMatrixComponent } from './sla-matrix.component';

@Component({
  selector: 'app-severities-tab',
  imports: [MatButtonModule, MatCheckboxModule, MatIconModule, TranslatePipe, LocalizedPipe, SlaMatrixComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './severities-tab.component.html',
  styleUrl: '../config-tab.scss',
  styles: `
    .severities {
      min-width: 760px;
    }
    .severities td {
      vertical-align: middle;
    }
    .duration {
      max-width: 120px;
    }
    .stages {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      margin-bottom: 12px;
    }
  `,
})
export class SeveritiesTabComponent {
  protected readonly store = inject(TenantConfigStore);
  protected readonly config = computed(() => this.store.draft()!);
  /** Disabled optional stages (no approval step, no follow-up) have no deadline to set. */
  protected readonly slaStages = computed(() => this.config().stages.filter((stage) => stage.enabled && STAGES_WITH_SLA.includes(stage.code)));
  protected readonly optionalStages = computed(() => this.config().stages.filter((stage) => stage.optional));
  protected readonly format = formatMinutes;
  /** Cells whose text is not a duration: flagged beside the cell, nothing written to the draft. */
  protected readonly invalid = signal<Record<string, true>>({});

  protected setMinutes({ stage, severity, minutes }: SlaCellChange): void {
    this.store.update((config) => {
      const code = stage as StageCode;
      config.sla[code] = { ...config.sla[code], [severity]: minutes };
    });
  }

  protected setStageEnabled(code: StageCode, enabled: boolean): void {
    this.store.update((config) => {
      const stage = config.stages.find((s) => s.code === code);
      if (stage) stage.enabled = enabled;
    });
  }

  protected rename(index: number, locale: Locale, value: string): void {
    this.store.update((config) => (config.severities[index].name[locale] = value.trim()));
  }

  protected setDuration(index: number, field: 'firstResponseMinutes' | 'resolutionMinutes', text: string): void {
    const path = `severities.${index}.${field}`;
    const minutes = parseMinutes(text);
    const { [path]: _, ...others } = this.invalid();
    this.invalid.set(minutes === null || minutes <= 0 ? { ...others, [path]: true } : others);
    if (minutes === null || minutes <= 0) return;
    this.store.update((config) => (config.severities[index][field] = minutes));
  }

  protected setPages(index: number, pages: boolean): void {
    this.store.update((config) => (config.severities[index].pagesSupervisor = pages));
  }

  protected add(code: string): boolean {
    const clean = code.trim();
    if (!/^[a-z][a-z0-9_-]{0,63}$/.test(clean) || this.config().severities.some((s) => s.code === clean)) return false;
    this.store.update((config) => {
      config.severities.push({
        code: clean,
        name: { 'zh-CN': clean, en: clean },
        firstResponseMinutes: 24 * 60,
        resolutionMinutes: 5 * 24 * 60,
        pagesSupervisor: false,
      });
    });
    return true;
  }

  protected remove(index: number): void {
    this.store.update((config) => {
      const [removed] = config.severities.splice(index, 1);
      for (const row of Object.values(config.sla)) if (row) delete row[removed.code];
    });
  }
}
