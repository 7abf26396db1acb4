import { Migration } from '@mikro-orm/migrations';

/**
 * A weekly rollup (ISO weeks, Monday first, in the tenant's time zone): a year of weekly figures summed
 * from daily rows read ~365 × (groups) rows and missed the one-second target at a million complaints;
 * from weekly rows it reads 52 × (groups). Kept current with the days and months by the same refresh.
 * The measure list is this migration's own frozen copy (see Migration20261126000000_analytics_knowledge).
 */
const SLA_STAGES = ['intake', 'investigation', 'handling', 'review', 'feedback', 'followup'];
const BUCKETS = 24;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const MEASURES = [
  'created', 'first_responded', 'first_response_met', 'closed', 'resolution_met', 'reopened', 'second_round', 'repeated',
  'open_now', 'waiting_now', 'sat_count', 'sat_sum', 'sat_1', 'sat_2', 'sat_3', 'sat_4', 'sat_5',
  ...range(BUCKETS).map((i) => `fr_h${i}`), ...range(BUCKETS).map((i) => `res_h${i}`),
  ...SLA_STAGES.flatMap((s) => [`sla_${s}_met`, `sla_${s}_breached`]),
  'fr_minutes_sum', 'res_minutes_sum',
];
const DIMENSIONS = ['category_code', 'channel', 'severity', 'team_code', 'assignee_id'];

const sumIntoWeeks = (where: string) => `
  insert into analytics_weekly (tenant_id, grain, week, ${DIMENSIONS.join(', ')}, ${MEASURES.join(', ')})
  select tenant_id, grain, date_trunc('week', day::timestamp)::date, ${DIMENSIONS.join(', ')}, ${MEASURES.map((m) => `sum(${m})`).join(', ')}
    from analytics_daily
   where ${where}
   group by tenant_id, grain, date_trunc('week', day::timestamp)::date, ${DIMENSIONS.join(', ')}`;

export class Migration20261129100000_analytics_weekly extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table analytics_weekly (like analytics_monthly including defaults including constraints including indexes);`);
    this.addSql(`alter table analytics_weekly rename column month to week;`);
    this.addSql(`alter table analytics_weekly add foreign key (tenant_id) references tenants(id) deferrable initially deferred;`);
    this.addSql(`alter table analytics_weekly enable row level security;`);
    this.addSql(`alter table analytics_weekly force row level security;`);
    this.addSql(`create policy tenant_isolation on analytics_weekly using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());`);
    this.addSql(`grant select, insert, update, delete on analytics_weekly to complaints_app;`);

    this.addSql(`
      create function analytics_refresh_weeks(p_tenant uuid, p_from date, p_to date) returns void
      language plpgsql as $fn$
      declare
        v_first date := date_trunc('week', p_from::timestamp)::date;
        v_last date := date_trunc('week', p_to::timestamp)::date;
      begin
        delete from analytics_weekly where tenant_id = p_tenant and week between v_first and v_last;
        ${sumIntoWeeks('tenant_id = p_tenant and day >= v_first and day < v_last + 7')};
      end $fn$;`);
    this.addSql(`
      create or replace function analytics_refresh_pending(p_tenant uuid) returns int
      language plpgsql as $fn$
      declare
        v_tz text;
        v_days date[];
        v_day date;
        v_period date;
      begin
        -- One refresher per tenant at a time; a second one then finds the queue drained.
        perform pg_advisory_xact_lock(hashtextextended('analytics:' || p_tenant::text, 0));
        select time_zone into v_tz from analytics_settings where tenant_id = p_tenant;
        if v_tz is null then return 0; end if;
        with gone as (delete from analytics_dirty where tenant_id = p_tenant returning created_at)
        select array_agg(distinct (created_at at time zone v_tz)::date) into v_days from gone;
        if v_days is null then return 0; end if;
        foreach v_day in array v_days loop
          perform analytics_refresh_days(p_tenant, v_day, v_day);
        end loop;
        for v_period in select distinct date_trunc('month', d::timestamp)::date from unnest(v_days) d loop
          perform analytics_refresh_months(p_tenant, v_period, v_period);
        end loop;
        for v_period in select distinct date_trunc('week', d::timestamp)::date from unnest(v_days) d loop
          perform analytics_refresh_weeks(p_tenant, v_period, v_period);
        end loop;
        return cardinality(v_days);
      end $fn$;`);
    this.addSql(`grant execute on function analytics_refresh_weeks(uuid, date, date) to complaints_app;`);
    // Rollups that exist already get their weeks (the migration runs as the owner, past row-level security).
    this.addSql(`${sumIntoWeeks('true')};`);
  }
}
