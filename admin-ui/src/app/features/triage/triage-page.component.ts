import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { extractFieldErrors } from '../../core/graphql/graphql-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { RollbackTriageModelDocument, TrainTriageModelDocument, TriageModelsDocument, type TriageModelsQuery } from '../../graphql/generated';
import { percent, triageMetrics } from './triage-metrics';

type Model = TriageModelsQuery['triageModels'][number];

/**
 * The tenant admin's view of triage: each trained model version with its held-out figures (what to look at
 * before switching intake to auto), training on demand, the nightly run, and rollback to the previous version.
 */
@Component({
  selector: 'app-triage-page',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './triage-page.component.html',
  styles: `
    .triage-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      margin-bottom: 16px;
    }
    .triage-figures {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
      gap: 12px;
      dt {
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 4px 0 0;
        font: var(--mat-sys-title-large);
      }
    }
  `,
})
export class TriagePageComponent {
  private readonly apollo = inject(Apollo);
  private readonly i18n = inject(I18nService);

  protected readonly models = signal<Model[]>([]);
  protected readonly nextTraining = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly training = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly percent = percent;
  protected readonly metricsOf = (model: Model) => triageMetrics(model.metrics);
  protected readonly active = computed(() => this.models().find((m) => m.active) ?? null);
  protected readonly activeMetrics = computed(() => {
    const model = this.active();
    return model ? triageMetrics(model.metrics) : null;
  });

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const result = await firstValueFrom(this.apollo.query({ query: TriageModelsDocument, fetchPolicy: 'network-only' }));
      this.models.set(result.data?.triageModels ?? []);
      this.nextTraining.set(result.data?.triageNextTraining ?? null);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    } finally {
      this.loading.set(false);
    }
  }

  protected async train(): Promise<void> {
    this.training.set(true);
    this.error.set(null);
    this.notice.set(null);
    try {
      const result = await firstValueFrom(this.apollo.mutate({ mutation: TrainTriageModelDocument }));
      const run = result.data!.trainTriageModel;
      this.notice.set(
        run.running
          ? this.i18n.t('triage.stillTraining')
          : run.version === null
            ? this.i18n.t('triage.nothingTrained', { labelled: run.labelledComplaints ?? 0 })
            : this.i18n.t('triage.trained', { version: run.version, f1: percent(run.macroF1 ?? 0) }),
      );
      await this.load();
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    } finally {
      this.training.set(false);
    }
  }

  protected async rollback(): Promise<void> {
    this.error.set(null);
    try {
      const result = await firstValueFrom(this.apollo.mutate({ mutation: RollbackTriageModelDocument }));
      const version = result.data!.rollbackTriageModel;
      this.notice.set(version === null ? this.i18n.t('triage.rolledBackToNone') : this.i18n.t('triage.rolledBack', { version }));
      await this.load();
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }
}
