import type { EntityManager } from '@mikro-orm/postgresql';
import { categorySubtreeCodes, type TenantConfig } from '@complaints/tenant-config';
import { withTenant } from '../platform/db/tenant-scope';
import { badInput } from '../platform/errors';
import { ensureAnalyticsSettings, updateAnalyticsSettings, type AnalyticsSettings } from './analytics-settings';
import {
  AnalyticsDimension,
  AnalyticsGranularity,
  type AnalyticsFilter,
  type Backlog,
  type ComplaintMetrics,
  type FollowUpSurvey,
  type MetricsPoint,
  type RecurringIssues,
} from './analytics.types';
import { followUpSurvey } from './follow-up-survey';
import { metricsOf } from './metrics-of';
import { recurringByText } from './recurring-issues';
import { openByDay, scopeOf, sumRollups } from './rollup-query';
import type { TenantScope } from '../platform/db/tenant-scope';

const AGING: [label: string, minDays: number, maxDays: number | null][] = [
  ['under 1 day', 0, 0],
  ['1–2 days', 1, 2],
  ['3–6 days', 3, 6],
  ['7–29 days', 7, 29],
  ['30 days or more', 30, null],
];
const MAX_DAILY_POINTS = 400;

/** Metrics over the rollups; every read first folds in what changed since the last one. */
export class AnalyticsService {
  /** `root` refreshes in its own short transaction, so a refresh commits even if the reading request fails. */
  constructor(private readonly root: EntityManager) {}

  /** Brings the tenant's rollups up to date: calendar, then the intake days dirtied since the last refresh. */
  async refresh(tenantId: string, config: TenantConfig): Promise<{ settings: AnalyticsSettings; daysRefreshed: number }> {
    return withTenant(this.root, tenantId, async (tenant) => {
      const settings = await ensureAnalyticsSettings(tenant, config.businessCalendar);
      const [row] = await tenant.em.execute<{ n: number }[]>('select analytics_refresh_pending(?) as n', [tenantId]);
      return { settings, daysRefreshed: Number(row?.n ?? 0) };
    });
  }

  async metrics(tenant: TenantScope, config: TenantConfig, filter: AnalyticsFilter, groupBy: AnalyticsDimension): Promise<ComplaintMetrics[]> {
    const { em, tenantId } = tenant;
    const scope = scopeOf(tenantId, config, filter, groupBy);
    await this.refresh(tenantId, config);
    const rows = await sumRollups(em, scope, groupBy);
    const total = rows.reduce((sum, r) => sum + (r.sums.created ?? 0), 0);
    return rows.map((r) => metricsOf(r.key, r.sums, total)).sort((a, b) => b.volume - a.volume || a.key.localeCompare(b.key));
  }

  async timeSeries(
    tenant: TenantScope,
    config: TenantConfig,
    filter: AnalyticsFilter,
    granularity: AnalyticsGranularity,
    groupBy: AnalyticsDimension,
  ): Promise<MetricsPoint[]> {
    const { em, tenantId } = tenant;
    const scope = scopeOf(tenantId, config, filter, groupBy);
    if (granularity === AnalyticsGranularity.DAY && (Date.parse(scope.to) - Date.parse(scope.from)) / 86_400_000 >= MAX_DAILY_POINTS) {
      throw badInput([{ path: 'granularity', message: `A daily series covers at most ${MAX_DAILY_POINTS} days; use WEEK or MONTH` }]);
    }
    await this.refresh(tenantId, config);
    const rows = await sumRollups(em, scope, groupBy, granularity);
    const points = new Map<string, typeof rows>();
    for (const row of rows) (points.get(row.period) ?? points.set(row.period, []).get(row.period)!).push(row);
    return [...points].map(([period, group]) => {
      const total = group.reduce((sum, r) => sum + (r.sums.created ?? 0), 0);
      return { period, groups: group.map((r) => metricsOf(r.key, r.sums, total)) };
    });
  }

  async backlog(tenant: TenantScope, config: TenantConfig, filter: AnalyticsFilter): Promise<Backlog> {
    const { em, tenantId } = tenant;
    const scope = scopeOf(tenantId, config, filter, AnalyticsDimension.NONE);
    await this.refresh(tenantId, config);
    const days = await openByDay(em, scope);
    const sum = (pick: (d: (typeof days)[number]) => number, inRange: (age: number) => boolean = () => true) =>
      days.filter((d) => inRange(d.age)).reduce((total, d) => total + pick(d), 0);
    return {
      open: sum((d) => d.open),
      waitingOnCustomer: sum((d) => d.waiting),
      aging: AGING.map(([label, minDays, maxDays]) => ({
        label,
        minDays,
        maxDays,
        open: sum(
          (d) => d.open,
          (age) => age >= minDays && (maxDays === null || age <= maxDays),
        ),
      })),
    };
  }

  async followUpSurvey(tenant: TenantScope, config: TenantConfig, filter: AnalyticsFilter): Promise<FollowUpSurvey> {
    // The same checks as every analytics read (dates, period length, agent with category): BAD_USER_INPUT by path.
    scopeOf(tenant.tenantId, config, filter, AnalyticsDimension.NONE);
    await this.refresh(tenant.tenantId, config);
    return followUpSurvey(tenant.em, tenant.tenantId, config, filter);
  }

  async recurringIssues(tenant: TenantScope, config: TenantConfig, filter: AnalyticsFilter, limit: number): Promise<RecurringIssues> {
    const { em, tenantId } = tenant;
    const byCategory = await this.metrics(tenant, config, filter, AnalyticsDimension.CATEGORY);
    const scope = scopeOf(tenantId, config, filter, AnalyticsDimension.NONE);
    const codes = filter.categoryCode ? categorySubtreeCodes(config.categories, filter.categoryCode) : null;
    return {
      byCategory: byCategory.slice(0, limit).map((m) => ({ categoryCode: m.key, volume: m.volume, repeated: m.repeated, share: m.share })),
      bySimilarText: await recurringByText(em, scope, codes, limit),
    };
  }

  async settings(tenantId: string, config: TenantConfig): Promise<AnalyticsSettings> {
    return (await this.refresh(tenantId, config)).settings;
  }

  async updateSettings(
    tenantId: string,
    config: TenantConfig,
    change: { repeatWindowDays?: number | null; exportAsyncRows?: number | null },
  ): Promise<AnalyticsSettings> {
    await this.refresh(tenantId, config);
    await withTenant(this.root, tenantId, (tenant) => updateAnalyticsSettings(tenant, change));
    return (await this.refresh(tenantId, config)).settings;
  }
}
