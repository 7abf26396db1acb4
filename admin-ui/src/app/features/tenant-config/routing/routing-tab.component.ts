import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { extractFieldErrors } from '../../../core/graphql/graphql-errors';
import { I18nService } from '../../../core/i18n/i18n.service';
import { LocalizedPipe, TranslatePipe } from '../../../core/i18n/translate.pipe';
import { RoutingPreviewDocument, type RoutingPreviewQuery } from '../../../graphql/generated';
import { flattenCategories } from '../categories/category-tree';
import type { Channel, RoutingRule } from '@complaints/tenant-config';
import { CHANNELS, ROUTING_STRATEGIES } from '@complaints/tenant-config/closed-sets';
import { TenantConfigStore } from '../tenant-config.store';

type Criterion = keyof RoutingRule['match'];
type Preview = RoutingPreviewQuery['routingPreview'];

/**
 * Routing rules, tried by ascending priority (ties keep list order), plus a "who would get this
 * complaint?" preview that asks the API to route a sample under the unsaved draft.
 */
@Component({
  selector: 'app-routing-tab',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatSelectModule, TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './routing-tab.component.html',
  styleUrls: ['../config-tab.scss', './routing-tab.component.scss'],
})
export class RoutingTabComponent {
  protected readonly store = inject(TenantConfigStore);
  private readonly apollo = inject(Apollo);
  private readonly i18n = inject(I18nService);

  protected readonly config = computed(() => this.store.draft()!);
  protected readonly rules = computed(() => this.config().routingRules);
  protected readonly categories = computed(() => flattenCategories(this.config().categories));
  protected readonly activeCategories = computed(() => this.categories().filter((row) => !row.category.retired));
  protected readonly channels = CHANNELS;
  protected readonly strategies = ROUTING_STRATEGIES;

  protected readonly sample = signal<{ categoryCode: string; severity: string; channel: Channel; customerTier: string }>({
    categoryCode: '',
    severity: '',
    channel: 'phone',
    customerTier: '',
  });
  protected readonly preview = signal<Preview | null>(null);
  protected readonly previewError = signal<string | null>(null);
  protected readonly previewing = signal(false);

  protected errorAt(index: number, field: string): string | undefined {
    return this.store.errorAt(`routingRules.${index}.${field}`);
  }

  protected ruleErrors(index: number) {
    return this.store.errorsUnder(`routingRules.${index}`);
  }

  protected setId(index: number, value: string): void {
    this.store.update((config) => (config.routingRules[index].id = value.trim()));
  }

  protected setPriority(index: number, value: string): void {
    const number = Number.parseInt(value, 10);
    if (Number.isFinite(number)) this.store.update((config) => (config.routingRules[index].priority = number));
  }

  /** An empty selection removes the criterion: "anything" rather than the invalid empty list. */
  protected setCriterion(index: number, criterion: Criterion, values: string[]): void {
    this.store.update((config) => {
      const match = config.routingRules[index].match as Record<string, string[] | undefined>;
      if (values.length) match[criterion] = values;
      else delete match[criterion];
    });
  }

  protected setTarget(index: number, kind: 'team' | 'user', value: string): void {
    this.store.update((config) => {
      const target = config.routingRules[index].target;
      const clean = value.trim();
      if (clean) target[kind] = clean;
      else delete target[kind];
    });
  }

  protected setStrategy(index: number, value: RoutingRule['strategy']): void {
    this.store.update((config) => (config.routingRules[index].strategy = value));
  }

  protected move(index: number, delta: number): void {
    const to = index + delta;
    if (to < 0 || to >= this.rules().length) return;
    this.store.update((config) => {
      const [rule] = config.routingRules.splice(index, 1);
      config.routingRules.splice(to, 0, rule);
    });
  }

  protected remove(index: number): void {
    this.store.update((config) => config.routingRules.splice(index, 1));
  }

  protected add(): void {
    const ids = new Set(this.rules().map((rule) => rule.id));
    let n = this.rules().length + 1;
    while (ids.has(`rule-${n}`)) n++;
    const priority = Math.max(0, ...this.rules().map((rule) => rule.priority)) + 10;
    const team = this.config().teams[0]?.code;
    this.store.update((config) => config.routingRules.push({ id: `rule-${n}`, priority, match: {}, target: team ? { team } : {}, strategy: 'round_robin' }));
  }

  protected setSample(key: 'categoryCode' | 'severity' | 'channel' | 'customerTier', value: string): void {
    this.sample.update((sample) => ({ ...sample, [key]: value }));
  }

  protected async runPreview(): Promise<void> {
    const sample = this.sample();
    const severity = sample.severity || this.config().severities[0]?.code || 'general';
    this.previewing.set(true);
    this.previewError.set(null);
    try {
      const result = await firstValueFrom(
        this.apollo.query({
          query: RoutingPreviewDocument,
          variables: {
            sample: {
              channel: sample.channel,
              severity,
              categoryCode: sample.categoryCode || null,
              customerTier: sample.customerTier || null,
            },
            draft: this.store.draft(),
          },
          fetchPolicy: 'network-only',
        }),
      );
      this.preview.set(result.data?.routingPreview ?? null);
    } catch (error) {
      this.preview.set(null);
      this.previewError.set(extractFieldErrors(error).message);
    } finally {
      this.previewing.set(false);
    }
  }

  protected teamName(code: string | null | undefined): string {
    const team = this.config().teams.find((t) => t.code === code);
    return team ? this.i18n.pick(team.name) : (code ?? '');
  }
}
