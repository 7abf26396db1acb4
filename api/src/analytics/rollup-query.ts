import type { EntityManager } from '@mikro-orm/postgresql';
import { categorySubtreeCodes, type TenantConfig } from '@complaints/tenant-config';
import { badInput } from '../platform/errors';
import { AnalyticsDimension, AnalyticsGranularity, type AnalyticsFilter } from './analytics.types';
import { MEASURE_COLUMNS, RollupGrain, type MeasureSums } from './rollup-columns';

const DIMENSION_COLUMN: Record<AnalyticsDimension, string> = {
  [AnalyticsDimension.NONE]: `''`,
  [AnalyticsDimension.CATEGORY]: 'category_code',
  [AnalyticsDimension.CHANNEL]: 'channel',
  [AnalyticsDimension.SEVERITY]: 'severity',
  [AnalyticsDimension.TEAM]: 'team_code',
  [AnalyticsDimension.AGENT]: 'assignee_id',
};
const MAX_DAYS = 3 * 366;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface SummedRow {
  key: string;
  period: string;
  sums: MeasureSums;
}

/** A checked filter: where-clauses over either rollup table and their parameters. */
export interface RollupScope {
  grain: RollupGrain;
  from: string;
  to: string;
  where: string[];
  params: unknown[];
}

const jsonArray = (column: string) => `${column} = any(array(select jsonb_array_elements_text(?::jsonb)))`;

export function scopeOf(tenantId: string, config: TenantConfig, filter: AnalyticsFilter, groupBy: AnalyticsDimension): RollupScope {
  const errors: { path: string; message: string }[] = [];
  for (const key of ['from', 'to'] as const) {
    if (!ISO_DATE.test(filter[key]) || Number.isNaN(Date.parse(filter[key]))) errors.push({ path: key, message: `${key} must be a date written YYYY-MM-DD` });
  }
  if (!errors.length) {
    const days = (Date.parse(filter.to) - Date.parse(filter.from)) / 86_400_000;
    if (days < 0) errors.push({ path: 'to', message: 'to must not be before from' });
    if (days > MAX_DAYS) errors.push({ path: 'to', message: `A period spans at most ${MAX_DAYS} days` });
  }
  const agentGrain = groupBy === AnalyticsDimension.AGENT || !!filter.assigneeId;
  if (
    agentGrain &&
    (filter.categoryCode ||
      filter.channels?.length ||
      filter.severities?.length ||
      [AnalyticsDimension.CATEGORY, AnalyticsDimension.CHANNEL, AnalyticsDimension.SEVERITY].includes(groupBy))
  ) {
    errors.push({ path: 'assigneeId', message: 'Agent figures combine with teams only, not with category, channel or severity' });
  }
  if (errors.length) throw badInput(errors);

  const dimensions = dimensionClauses(config, filter);
  return {
    grain: agentGrain ? RollupGrain.AGENT : RollupGrain.CUBE,
    from: filter.from,
    to: filter.to,
    where: ['tenant_id = ?', 'grain = ?', ...dimensions.where],
    params: [tenantId, agentGrain ? RollupGrain.AGENT : RollupGrain.CUBE, ...dimensions.params],
  };
}

/**
 * The filter's category (with its subtree), channels, severities, teams and agent as clauses over columns
 * that the rollups and `complaints` name alike.
 */
export function dimensionClauses(config: TenantConfig, filter: AnalyticsFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.categoryCode) {
    where.push(jsonArray('category_code'));
    params.push(JSON.stringify(categorySubtreeCodes(config.categories, filter.categoryCode)));
  }
  for (const [values, column] of [
    [filter.channels, 'channel'],
    [filter.severities, 'severity'],
    [filter.teamCodes, 'team_code'],
  ] as const) {
    if (values?.length) {
      where.push(jsonArray(column));
      params.push(JSON.stringify(values));
    }
  }
  if (filter.assigneeId) {
    where.push('assignee_id = ?');
    params.push(filter.assigneeId);
  }
  return { where, params };
}

const DAY_MS = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * DAY_MS).toISOString().slice(0, 10);
const monthStart = (iso: string) => `${iso.slice(0, 7)}-01`;
const nextMonth = (iso: string) => {
  const d = new Date(Date.parse(monthStart(iso)));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};
/** Monday of the ISO week holding the date. */
const weekStart = (iso: string) => addDays(iso, -((new Date(Date.parse(iso)).getUTCDay() + 6) % 7));

interface Unit {
  table: 'analytics_monthly' | 'analytics_weekly';
  column: 'month' | 'week';
  start: (iso: string) => string;
  next: (iso: string) => string;
}
const MONTHS: Unit = { table: 'analytics_monthly', column: 'month', start: monthStart, next: nextMonth };
const WEEKS: Unit = { table: 'analytics_weekly', column: 'week', start: weekStart, next: (iso) => addDays(weekStart(iso), 7) };

/** The whole units inside [from, to] as [first, end) plus the ragged ends, or null when no unit fits. */
function wholeUnits(from: string, to: string, unit: Unit): { first: string; end: string; head: [string, string] | null; tail: [string, string] | null } | null {
  const first = unit.start(from) === from ? from : unit.next(from);
  const end = unit.start(addDays(to, 1));
  if (first >= end) return null;
  return { first, end, head: first > from ? [from, addDays(first, -1)] : null, tail: end <= to ? [end, to] : null };
}

interface Part {
  sql: string;
  params: unknown[];
}

/**
 * The rows of the period from the coarsest rollup that fits: whole months, then whole weeks, then days, so
 * a year costs about twelve months of rows (plus a few weeks and days at the ends) rather than 365 days.
 * A granularity keeps only the levels whose rows fall inside one of its buckets.
 */
function source(scope: RollupScope, granularity: AnalyticsGranularity | null): Part {
  const columns = `category_code, channel, severity, team_code, assignee_id, ${MEASURE_COLUMNS.join(', ')}`;
  const where = scope.where.join(' and ');
  const bucket = (column: string) =>
    granularity === AnalyticsGranularity.DAY
      ? column
      : granularity === AnalyticsGranularity.WEEK
        ? `date_trunc('week', ${column}::timestamp)::date`
        : granularity === AnalyticsGranularity.MONTH
          ? `date_trunc('month', ${column}::timestamp)::date`
          : 'null::date';
  const parts: Part[] = [];
  const days = (from: string, to: string): void => {
    parts.push({
      sql: `select ${bucket('day')} as period, ${columns} from analytics_daily where ${where} and day >= ?::date and day <= ?::date`,
      params: [...scope.params, from, to],
    });
  };
  const cover = (from: string, to: string, units: Unit[]): void => {
    const [unit, ...finer] = units;
    const whole = unit ? wholeUnits(from, to, unit) : null;
    if (!unit || !whole) {
      if (finer.length) cover(from, to, finer);
      else days(from, to);
      return;
    }
    parts.push({
      sql: `select ${bucket(unit.column)} as period, ${columns} from ${unit.table} where ${where} and ${unit.column} >= ?::date and ${unit.column} < ?::date`,
      params: [...scope.params, whole.first, whole.end],
    });
    for (const edge of [whole.head, whole.tail]) {
      if (edge && finer.length) cover(edge[0], edge[1], finer);
      else if (edge) days(edge[0], edge[1]);
    }
  };
  const levels =
    granularity === AnalyticsGranularity.DAY
      ? []
      : granularity === AnalyticsGranularity.WEEK
        ? [WEEKS]
        : granularity === AnalyticsGranularity.MONTH
          ? [MONTHS]
          : [MONTHS, WEEKS];
  if (levels.length) cover(scope.from, scope.to, levels);
  else days(scope.from, scope.to);
  return { sql: parts.map((p) => p.sql).join(' union all '), params: parts.flatMap((p) => p.params) };
}

/** Sums every measure per group (and per period when a granularity is given). */
export async function sumRollups(
  em: EntityManager,
  scope: RollupScope,
  groupBy: AnalyticsDimension,
  granularity: AnalyticsGranularity | null = null,
): Promise<SummedRow[]> {
  const src = source(scope, granularity);
  const key = DIMENSION_COLUMN[groupBy];
  const rows = await em.execute<Record<string, string | number | null>[]>(
    `select ${key} as key, coalesce(to_char(period, 'YYYY-MM-DD'), '') as period, ${MEASURE_COLUMNS.map((m) => `sum(${m}) as ${m}`).join(', ')}
       from (${src.sql}) s group by 1, 2 order by 2, 1`,
    src.params,
  );
  return rows.map((row) => ({
    key: String(row.key ?? ''),
    period: String(row.period ?? ''),
    sums: Object.fromEntries(MEASURE_COLUMNS.map((m) => [m, Number(row[m] ?? 0)])),
  }));
}

/** Open complaints by intake day: the backlog, and its age from the day filed. */
export async function openByDay(em: EntityManager, scope: RollupScope): Promise<{ age: number; open: number; waiting: number }[]> {
  const rows = await em.execute<{ age: number; open: string; waiting: string }[]>(
    `select ((now() at time zone s.time_zone)::date - d.day) as age, sum(d.open_now) as open, sum(d.waiting_now) as waiting
       from analytics_daily d join analytics_settings s on s.tenant_id = d.tenant_id
      where ${scope.where.map((w) => `d.${w}`).join(' and ')} and d.open_now > 0
      group by 1`,
    scope.params,
  );
  return rows.map((r) => ({ age: Number(r.age), open: Number(r.open), waiting: Number(r.waiting) }));
}
