import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantConfig } from '@complaints/tenant-config';
import type { AnalyticsFilter, FollowUpSurvey } from './analytics.types';
import { dimensionClauses } from './rollup-query';

/** The seeds' 回访满意度 target: the share of follow-up answers rated satisfied or better. */
export const FOLLOW_UP_SATISFACTION_TARGET = 0.85;
const SATISFIED_FROM = 4;

/**
 * Follow-up answers (the customer's survey on the portal, or the agent's call) recorded in the period, in the
 * tenant's time zone, over the filter's complaints. Read from the timeline: answers are few next to intakes,
 * and they are kept apart from the rating given when a solution is accepted.
 */
export async function followUpSurvey(em: EntityManager, tenantId: string, config: TenantConfig, filter: AnalyticsFilter): Promise<FollowUpSurvey> {
  const dimensions = dimensionClauses(config, filter);
  const rows = await em.execute<{ rating: number; n: string }[]>(
    `select (e.data->>'rating')::int as rating, count(*) as n
       from complaint_events e
       join complaints c on c.id = e.complaint_id
       join analytics_settings s on s.tenant_id = e.tenant_id
      where e.tenant_id = ? and e.kind = 'followup.recorded' and jsonb_typeof(e.data->'rating') = 'number'
        and (e.created_at at time zone s.time_zone)::date between ?::date and ?::date
        ${dimensions.where.map((w) => `and c.${w}`).join(' ')}
      group by 1`,
    [tenantId, filter.from, filter.to, ...dimensions.params],
  );
  const distribution = [1, 2, 3, 4, 5].map((r) => Number(rows.find((row) => Number(row.rating) === r)?.n ?? 0));
  const answered = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((total, n, i) => total + n * (i + 1), 0);
  const satisfied = distribution.slice(SATISFIED_FROM - 1).reduce((a, b) => a + b, 0);
  return {
    answered,
    average: answered ? sum / answered : null,
    satisfiedRate: answered ? satisfied / answered : null,
    distribution,
    target: FOLLOW_UP_SATISFACTION_TARGET,
  };
}
