import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { LocalizedPipe, TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { LifecyclePolicy } from '@complaints/tenant-config';
import { TenantConfigStore } from '../tenant-config.store';

type LifecycleDays = 'autoCloseDays' | 'reopenWindowDays' | 'followUpAfterDays';
type RoundField = keyof LifecyclePolicy['rounds'];

/** Approval threshold, reminders, auto-close and second rounds: the tenant's lifecycle knobs. */
@Component({
  selector: 'app-policies-tab',
  imports: [TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './policies-tab.component.html',
  styleUrl: '../config-tab.scss',
  styles: `
    .policy {
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .policy .section-title {
      margin-top: 0;
    }
    label,
    .group-label {
      display: block;
      font: var(--mat-sys-label-large);
      margin: 12px 0 6px;
    }
    .inline {
      display: flex;
      gap: 8px;
    }
    .currency {
      max-width: 90px;
    }
    .checks {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
    }
    .checks label {
      display: inline-flex;
      gap: 6px;
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class PoliciesTabComponent {
  protected readonly store = inject(TenantConfigStore);
  protected readonly config = computed(() => this.store.draft()!);
  protected readonly reminderText = computed(() => (this.config().reminders?.fractions ?? []).map((f) => `${Math.round(f * 100)}%`).join(', '));
  protected readonly reminderInvalid = signal(false);

  protected setThreshold(amount: number): void {
    if (Number.isNaN(amount)) return;
    this.store.update((config) => (config.approval.compensationThreshold = amount));
  }

  protected setCurrency(currency: string): void {
    this.store.update((config) => (config.approval.currency = currency.trim().toUpperCase()));
  }

  protected toggleAlwaysApprove(severity: string, on: boolean): void {
    this.store.update((config) => {
      const list = config.approval.alwaysRequireForSeverities ?? [];
      config.approval.alwaysRequireForSeverities = on ? [...new Set([...list, severity])] : list.filter((s) => s !== severity);
    });
  }

  /** Admins think in "remind at 50% and 80% of the time"; the model stores fractions. */
  protected setReminders(text: string): void {
    const parts = text
      .split(/[,，;\s]+/)
      .filter(Boolean)
      .map((part) => Number(part.replace('%', '')));
    if (parts.some((p) => !Number.isFinite(p) || p <= 0 || p >= 100)) {
      this.reminderInvalid.set(true);
      return;
    }
    this.reminderInvalid.set(false);
    const fractions = [...new Set(parts)].sort((a, b) => a - b).map((p) => p / 100);
    this.store.update((config) => (config.reminders = { ...config.reminders, fractions }));
  }

  protected setDays(field: LifecycleDays, days: number): void {
    if (Number.isNaN(days)) return;
    this.store.update((config) => (config.lifecycle = { ...config.lifecycle, [field]: days }));
  }

  protected setRound(field: RoundField, value: number): void {
    if (Number.isNaN(value)) return;
    this.store.update((config) => (config.lifecycle.rounds = { ...config.lifecycle.rounds, [field]: value }));
  }

  protected setEscalationTeam(code: string): void {
    this.store.update((config) => {
      if (code) config.lifecycle.escalationTeam = code;
      else delete config.lifecycle.escalationTeam;
    });
  }
}
