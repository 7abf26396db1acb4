import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { extractFieldErrors } from '../../../core/graphql/graphql-errors';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TenantConfigHistoryDocument, type TenantConfigHistoryQuery, TenantConfigVersionDocument } from '../../../graphql/generated';
import { TenantConfigStore } from '../tenant-config.store';
import { type ConfigChange, diffConfigs } from './config-diff';

type VersionRow = TenantConfigHistoryQuery['tenantConfigHistory'][number];

@Component({
  selector: 'app-history-tab',
  imports: [DatePipe, MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './history-tab.component.html',
  styleUrl: '../config-tab.scss',
  styles: `
    .pick {
      text-align: center;
    }
    .diff {
      margin-top: 16px;
    }
    .diff td {
      font-family: ui-monospace, monospace;
      font-size: 13px;
      word-break: break-all;
    }
    .added {
      background: color-mix(in srgb, #2e7d32 10%, transparent);
    }
    .removed {
      background: color-mix(in srgb, var(--mat-sys-error) 10%, transparent);
    }
    .changed {
      background: color-mix(in srgb, #f9a825 12%, transparent);
    }
    .current {
      font-weight: 600;
    }
  `,
})
export class HistoryTabComponent {
  private readonly apollo = inject(Apollo);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  protected readonly store = inject(TenantConfigStore);

  protected readonly versions = signal<VersionRow[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly from = signal<number | null>(null);
  protected readonly to = signal<number | null>(null);
  /** The last comparison with the versions it compared: the table and its heading always describe the same pair. */
  protected readonly changes = signal<{ from: number; to: number; changes: ConfigChange[] } | null>(null);
  protected readonly busy = signal(false);
  protected readonly canCompare = computed(() => this.from() !== null && this.to() !== null && this.from() !== this.to());

  constructor() {
    void this.loadHistory();
  }

  protected async loadHistory(): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.query({ query: TenantConfigHistoryDocument, variables: { first: 50 }, fetchPolicy: 'network-only' }));
      const versions = result.data?.tenantConfigHistory ?? [];
      this.versions.set(versions);
      if (versions.length >= 2) {
        this.to.set(versions[0].version);
        this.from.set(versions[1].version);
      }
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }

  private async configOf(version: number): Promise<Record<string, unknown>> {
    const result = await firstValueFrom(this.apollo.query({ query: TenantConfigVersionDocument, variables: { version } }));
    const config = result.data?.tenantConfigVersion.config;
    if (!config) throw new Error(`Version ${version} not found`);
    return config;
  }

  protected async compare(): Promise<void> {
    const from = this.from();
    const to = this.to();
    if (from === null || to === null) return;
    this.busy.set(true);
    try {
      const [before, after] = await Promise.all([this.configOf(from), this.configOf(to)]);
      this.changes.set({ from, to, changes: diffConfigs(before, after) });
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    } finally {
      this.busy.set(false);
    }
  }

  /** Rollback never rewrites history: the old configuration is saved again as a new version. */
  protected async rollback(version: number): Promise<void> {
    if (!confirm(this.i18n.t('history.confirmRollback', { version }))) return;
    this.busy.set(true);
    try {
      this.store.replace(await this.configOf(version));
      const outcome = await this.store.save(this.i18n.t('history.rollbackNote', { version }));
      this.snackBar.open(outcome.ok ? this.i18n.t('config.saved', { version: outcome.version }) : outcome.message, undefined, { duration: 4000 });
      if (outcome.ok) {
        // Show what the restore changed: the newest version against the one before it.
        await this.loadHistory();
        await this.compare();
      }
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
