import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { tenantIdOf, type RequestContext } from '../app/context';
import { badInput } from '../platform/errors';
import {
  AnalyticsDimension,
  AnalyticsFilter,
  AnalyticsGranularity,
  AnalyticsSettingsType,
  Backlog,
  ComplaintMetrics,
  FollowUpSurvey,
  MetricsPoint,
  RecurringIssues,
} from './analytics.types';

@Resolver()
export class AnalyticsResolver {
  @Authorized('analytics.read')
  @Query(() => [ComplaintMetrics], { description: 'Figures for the period, one entry per group (one in all without grouping)' })
  async complaintMetrics(
    @Arg('filter', () => AnalyticsFilter) filter: AnalyticsFilter,
    @Ctx() ctx: RequestContext,
    @Arg('groupBy', () => AnalyticsDimension, { defaultValue: AnalyticsDimension.NONE }) groupBy: AnalyticsDimension,
  ): Promise<ComplaintMetrics[]> {
    const { config } = await ctx.tenantConfig();
    return ctx.services.analytics.metrics(ctx.tenant(), config, filter, groupBy);
  }

  @Authorized('analytics.read')
  @Query(() => [MetricsPoint], { description: 'The same figures per day, ISO week or month of the tenant’s time zone' })
  async complaintMetricsSeries(
    @Arg('filter', () => AnalyticsFilter) filter: AnalyticsFilter,
    @Arg('granularity', () => AnalyticsGranularity) granularity: AnalyticsGranularity,
    @Ctx() ctx: RequestContext,
    @Arg('groupBy', () => AnalyticsDimension, { defaultValue: AnalyticsDimension.NONE }) groupBy: AnalyticsDimension,
  ): Promise<MetricsPoint[]> {
    const { config } = await ctx.tenantConfig();
    return ctx.services.analytics.timeSeries(ctx.tenant(), config, filter, granularity, groupBy);
  }

  @Authorized('analytics.read')
  @Query(() => Backlog, { description: 'Complaints open now (filed in the period), by age since intake' })
  async complaintBacklog(@Arg('filter', () => AnalyticsFilter) filter: AnalyticsFilter, @Ctx() ctx: RequestContext): Promise<Backlog> {
    const { config } = await ctx.tenantConfig();
    return ctx.services.analytics.backlog(ctx.tenant(), config, filter);
  }

  @Authorized('analytics.read')
  @Query(() => FollowUpSurvey, { description: 'Follow-up satisfaction (回访满意度) of the answers recorded in the period' })
  async followUpSurvey(@Arg('filter', () => AnalyticsFilter) filter: AnalyticsFilter, @Ctx() ctx: RequestContext): Promise<FollowUpSurvey> {
    const { config } = await ctx.tenantConfig();
    return ctx.services.analytics.followUpSurvey(ctx.tenant(), config, filter);
  }

  @Authorized('analytics.read')
  @Query(() => RecurringIssues)
  async recurringIssues(
    @Arg('filter', () => AnalyticsFilter) filter: AnalyticsFilter,
    @Ctx() ctx: RequestContext,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
  ): Promise<RecurringIssues> {
    if (limit < 1 || limit > 100) throw badInput([{ path: 'limit', message: 'limit must be 1 to 100' }]);
    const { config } = await ctx.tenantConfig();
    return ctx.services.analytics.recurringIssues(ctx.tenant(), config, filter, limit);
  }

  @Authorized('analytics.read')
  @Query(() => AnalyticsSettingsType)
  async analyticsSettings(@Ctx() ctx: RequestContext): Promise<AnalyticsSettingsType> {
    const { config } = await ctx.tenantConfig();
    return ctx.services.analytics.settings(tenantIdOf(ctx), config);
  }

  @Authorized('tenant.configure')
  @Mutation(() => AnalyticsSettingsType, { description: 'A new repeat window recounts repeats over all history' })
  async updateAnalyticsSettings(
    @Ctx() ctx: RequestContext,
    @Arg('repeatWindowDays', () => Int, { nullable: true }) repeatWindowDays?: number,
    @Arg('exportAsyncRows', () => Int, { nullable: true }) exportAsyncRows?: number,
  ): Promise<AnalyticsSettingsType> {
    const errors = [];
    if (repeatWindowDays != null && (repeatWindowDays < 1 || repeatWindowDays > 365))
      errors.push({ path: 'repeatWindowDays', message: 'The repeat window is 1 to 365 days' });
    if (exportAsyncRows != null && exportAsyncRows < 0) errors.push({ path: 'exportAsyncRows', message: 'The export threshold cannot be negative' });
    if (errors.length) throw badInput(errors);
    const { config } = await ctx.tenantConfig();
    return ctx.services.analytics.updateSettings(tenantIdOf(ctx), config, { repeatWindowDays, exportAsyncRows });
  }
}
