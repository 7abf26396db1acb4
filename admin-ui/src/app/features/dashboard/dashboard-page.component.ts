import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { TokenStorage } from '../../core/auth/token-storage';
import { extractFieldErrors } from '../../core/graphql/graphql-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import { LocalizedPipe, TranslatePipe } from '../../core/i18n/translate.pipe';
import { type AnalyticsFilter, type Channel, DashboardDocument, type DashboardQuery, TenantConfigDocument } from '../../graphql/generated';
import { flattenCategories } from '../tenant-config/categories/category-tree';
import type { TenantConfig } from '@complaints/tenant-config';
import { CHANNELS } from '@complaints/tenant-config/closed-sets';
import { normaliseConfig } from '../tenant-config/normalise-config';
import { type Granularity, daysBefore, downloadExport, formatMinutes, formatRate, periodsBetween, suggestedGranularity, todayIn } from './dashboard-data';
import { type ChartPoint, TrendChartComponent } from './trend-chart.component';

interface DashboardFilter {
  from: string;
  to: string;
  categoryCode: string;
  channel: Channel | '';
  teamCode: string;
  granularity: Granularity;
}

/** The seeds' metrics for a period, filterable by category, channel and team, and exportable as CSV. */
@Component({
  selector: 'app-dashboard-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, TrendChartComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard-page.component.html',
  styleUrl: './dashboard-page.component.scss',
})
export class DashboardPageComponent {
  private readonly apollo = inject(Apollo);
  private readonly tokens = inject(TokenStorage);
  protected readonly i18n = inject(I18nService);

  protected readonly channels = CHANNELS;
  protected readonly config = signal<TenantConfig | null>(null);
  protected readonly categories = computed(() => flattenCategories(this.config()?.categories ?? []));
  protected readonly filter = signal<DashboardFilter>(this.initialFilter('Asia/Shanghai'));
  protected readonly data = signal<DashboardQuery | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly overall = computed(() => this.data()?.overall[0] ?? null);
  /** The API lists periods that have complaints; the charts show every period of the range. */
  private readonly filledSeries = computed(() => {
    const data = this.data();
    if (!data) return [];
    const byPeriod = new Map(data.series.map((p) => [p.period, p.groups[0]]));
    const { from, to, granularity } = this.loadedFilter() ?? this.filter();
    return periodsBetween(from, to, granularity).map((period) => ({ period, group: byPeriod.get(period) }));
  });
  private readonly loadedFilter = signal<DashboardFilter | null>(null);
  protected readonly volumePoints = computed<ChartPoint[]>(() => this.filledSeries().map((p) => ({ label: p.period, value: p.group?.volume ?? 0 })));
  protected readonly satisfactionPoints = computed<ChartPoint[]>(() =>
    this.filledSeries().map((p) => ({ label: p.period, value: p.group?.satisfactionAverage ?? null })),
  );
  protected readonly slaPoints = computed<ChartPoint[]>(() => this.filledSeries().map((p) => ({ label: p.period, value: p.group?.resolutionSlaRate ?? null })));
  protected readonly resolutionPoints = computed<ChartPoint[]>(() =>
    this.filledSeries().map((p) => ({ label: p.period, value: p.group?.resolutionP50 ?? null })),
  );
  protected readonly maxAging = computed(() => Math.max(1, ...(this.data()?.backlog.aging ?? []).map((a) => a.open)));

  protected readonly rate = formatRate;
  protected readonly minutes = (value: number | null | undefined) =>
    formatMinutes(value, { h: this.i18n.t('dashboard.unit.h'), min: this.i18n.t('dashboard.unit.min'), d: this.i18n.t('dashboard.unit.d') });
  protected readonly rateFormat = (v: number) => formatRate(v);
  protected readonly minutesFormat = (v: number) => this.minutes(v);
  protected readonly ratingFormat = (v: number) => v.toFixed(1);
  protected readonly countFormat = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

  constructor() {
    // The period is in the tenant's time zone, so read the configuration before the first query.
    void this.loadConfig().then(() => this.load());
  }

  private timeZone(): string {
    return this.config()?.businessCalendar.timeZone ?? 'Asia/Shanghai';
  }

  private initialFilter(timeZone: string): DashboardFilter {
    const today = todayIn(timeZone);
    return { from: daysBefore(today, 29), to: today, categoryCode: '', channel: '', teamCode: '', granularity: 'DAY' };
  }

  private async loadConfig(): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.query({ query: TenantConfigDocument }));
      if (result.data) {
        this.config.set(normaliseConfig(result.data.tenant.config));
        this.filter.set(this.initialFilter(this.timeZone()));
      }
    } catch {
      // Names and the time zone fall back to defaults.
    }
  }

  private analyticsFilter(): AnalyticsFilter {
    const f = this.filter();
    return {
      from: f.from,
      to: f.to,
      ...(f.categoryCode ? { categoryCode: f.categoryCode } : {}),
      ...(f.channel ? { channels: [f.channel] } : {}),
      ...(f.teamCode ? { teamCodes: [f.teamCode] } : {}),
    };
  }

  protected set(key: keyof DashboardFilter, value: string): void {
    this.filter.update((f) => {
      const next = { ...f, [key]: value };
      if (key === 'from' || key === 'to') next.granularity = suggestedGranularity(next.from, next.to);
      return next;
    });
    void this.load();
  }

  protected preset(days: number): void {
    const to = todayIn(this.timeZone());
    const from = daysBefore(to, days - 1);
    this.filter.update((f) => ({ ...f, from, to, granularity: suggestedGranularity(from, to) }));
    void this.load();
  }

  async load(): Promise<void> {
    if (this.filter().from > this.filter().to) {
      this.error.set(this.i18n.t('dashboard.badPeriod'));
      return;
    }
    this.loading.set(true);
    this.error.set(null);
    const requested = this.filter();
    try {
      const result = await firstValueFrom(
        this.apollo.query({
          query: DashboardDocument,
          variables: { filter: this.analyticsFilter(), granularity: this.filter().granularity },
          fetchPolicy: 'network-only',
        }),
      );
      this.loadedFilter.set(requested);
      this.data.set(result.data ?? null);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    } finally {
      this.loading.set(false);
    }
  }

  protected categoryName(code: string): string {
    const row = this.categories().find((r) => r.category.code === code);
    return row ? this.i18n.pick(row.category.name) : code || this.i18n.t('dashboard.unset');
  }

  protected teamName(code: string): string {
    const team = this.config()?.teams.find((t) => t.code === code);
    return team ? this.i18n.pick(team.name) : code || this.i18n.t('dashboard.unset');
  }

  protected channelName(code: string): string {
    return code ? this.i18n.t('channel.' + code) : this.i18n.t('dashboard.unset');
  }

  protected stageName(code: string): string {
    return this.i18n.t('stage.' + code);
  }

  protected rating(value: number | null | undefined, outOfFive = true): string {
    if (value === null || value === undefined) return '—';
    return outOfFive ? `${value.toFixed(1)} / 5` : value.toFixed(1);
  }

  /** The API labels buckets in English; build the label from the bounds in the current language. */
  protected agingLabel(a: { minDays: number; maxDays?: number | null }): string {
    if (a.maxDays === null || a.maxDays === undefined) return this.i18n.t('dashboard.aging.over', { min: a.minDays });
    if (a.maxDays === 0) return this.i18n.t('dashboard.aging.underOne');
    return this.i18n.t('dashboard.aging.range', { min: a.minDays, max: a.maxDays });
  }

  protected percent(share: number): string {
    return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
  }

  /** The period's figures per category under the current filters, as the API's metric export writes them (units in the column names). */
  protected async export(format: 'csv' | 'xlsx'): Promise<void> {
    const f = this.filter();
    const query = new URLSearchParams({ filter: JSON.stringify(this.analyticsFilter()), groupBy: 'CATEGORY' });
    try {
      await downloadExport(`/exports/metrics.${format}?${query}`, this.tokens.accessToken(), `complaint-metrics-${f.from}-${f.to}.${format}`);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }
}
