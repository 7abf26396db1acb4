import { Migration } from '@mikro-orm/migrations';

/**
 * Analytics rollups, the knowledge base, complaint links (repeats, duplicates, merges) and export jobs.
 *
 * Rollups are cohorts by intake day in the tenant's time zone: every figure of a complaint (response,
 * closure, SLA, satisfaction, reopen, round, repeat, still open) counts on the day it was filed, so a
 * complaint changing later only ever dirties its own intake day. Triggers append that day (as the intake
 * instant: the time zone is applied at refresh) to `analytics_dirty`; an append-only queue, so intake
 * transactions never wait on each other. `analytics_refresh_pending` drains it and recomputes exactly those
 * days (and their months) from the raw rows, so a refresh is idempotent and always agrees with the source.
 *
 * The constants below are copied, not imported: a committed migration must not change when code does.
 */
const SLA_STAGES = ['intake', 'investigation', 'handling', 'review', 'feedback', 'followup'];
/** Upper bounds (business minutes) of the duration histogram buckets; the last bucket is open. */
const BUCKET_BOUNDS = [15, 30, 60, 90, 120, 180, 240, 360, 480, 720, 960, 1440, 1920, 2880, 4320, 5760, 7200, 10080, 14400, 20160, 28800, 43200, 86400];
const BUCKETS = BUCKET_BOUNDS.length + 1;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const INT_MEASURES = [
  'created', 'first_responded', 'first_response_met', 'closed', 'resolution_met', 'reopened', 'second_round', 'repeated',
  'open_now', 'waiting_now', 'sat_count', 'sat_sum', 'sat_1', 'sat_2', 'sat_3', 'sat_4', 'sat_5',
  ...range(BUCKETS).map((i) => `fr_h${i}`), ...range(BUCKETS).map((i) => `res_h${i}`),
  ...SLA_STAGES.flatMap((s) => [`sla_${s}_met`, `sla_${s}_breached`]),
];
const FLOAT_MEASURES = ['fr_minutes_sum', 'res_minutes_sum'];
const MEASURES = [...INT_MEASURES, ...FLOAT_MEASURES];
const DIMENSIONS = ['category_code', 'channel', 'severity', 'team_code', 'assignee_id'];

/** Per complaint: 1/0 (or minutes) for each measure, summed by the grouping. */
const FACT_EXPRESSIONS: Record<string, string> = {
  created: '1',
  first_responded: '(f.first_responded_at is not null)::int',
  first_response_met: '(f.first_responded_at is not null and f.first_responded_at <= coalesce(f.first_response_due_at, f.first_responded_at))::int',
  closed: '(f.closed_at is not null)::int',
  resolution_met: '(f.closed_at is not null and f.closed_at <= coalesce(f.resolution_due_at, f.closed_at))::int',
  reopened: 'f.reopened::int',
  second_round: '(f.round > 1)::int',
  repeated: 'f.repeated::int',
  open_now: "(f.status in ('OPEN', 'WAITING_ON_CUSTOMER'))::int",
  waiting_now: "(f.status = 'WAITING_ON_CUSTOMER')::int",
  sat_count: '(f.satisfaction is not null)::int',
  sat_sum: 'coalesce(f.satisfaction, 0)',
  ...Object.fromEntries(range(5).map((i) => [`sat_${i + 1}`, `(f.satisfaction = ${i + 1})::int`])),
  ...Object.fromEntries(range(BUCKETS).map((i) => [`fr_h${i}`, `(f.fr_bucket = ${i})::int`])),
  ...Object.fromEntries(range(BUCKETS).map((i) => [`res_h${i}`, `(f.res_bucket = ${i})::int`])),
  ...Object.fromEntries(SLA_STAGES.flatMap((s) => [[`sla_${s}_met`, `coalesce(f.sla_${s}_met, 0)`], [`sla_${s}_breached`, `coalesce(f.sla_${s}_breached, 0)`]])),
  fr_minutes_sum: 'coalesce(f.fr_min, 0)',
  res_minutes_sum: 'coalesce(f.res_min, 0)',
};

function rollupTable(name: string, periodColumn: string): string {
  return `
    create table ${name} (
      tenant_id uuid not null references tenants(id) deferrable initially deferred,
      grain smallint not null,
      ${periodColumn} date not null,
      ${DIMENSIONS.map((d) => `${d} text not null default ''`).join(',\n      ')},
      ${INT_MEASURES.map((m) => `${m} int not null default 0`).join(', ')},
      ${FLOAT_MEASURES.map((m) => `${m} float8 not null default 0`).join(', ')},
      primary key (tenant_id, grain, ${periodColumn}, ${DIMENSIONS.join(', ')})
    );`;
}

const REFRESH_DAYS = `
create function analytics_refresh_days(p_tenant uuid, p_from date, p_to date) returns void
language plpgsql as $fn$
declare
  v_tz text;
  v_window int;
  v_from timestamptz;
  v_to timestamptz;
begin
  select time_zone, repeat_window_days into v_tz, v_window from analytics_settings where tenant_id = p_tenant;
  if v_tz is null then raise exception 'analytics_settings missing for tenant %', p_tenant; end if;
  v_from := p_from::timestamp at time zone v_tz;
  v_to := (p_to + 1)::timestamp at time zone v_tz;
  delete from analytics_daily where tenant_id = p_tenant and day between p_from and p_to;
  delete from analytics_subject_daily where tenant_id = p_tenant and day between p_from and p_to;

  insert into analytics_daily (tenant_id, grain, day, ${DIMENSIONS.join(', ')}, ${MEASURES.join(', ')})
  with base as (
    select c.id, c.customer_id, c.category_code, c.channel, c.severity, c.team_code, c.assignee_id::text as assignee_id,
           c.status, c.round, c.satisfaction, c.created_at, c.first_responded_at, c.first_response_due_at,
           c.closed_at, c.resolution_due_at, (c.created_at at time zone v_tz)::date as day
      from complaints c
     where c.tenant_id = p_tenant and c.created_at >= v_from and c.created_at < v_to
  ), entries as (
    select e.complaint_id, e.to_value as stage, e.seq,
           lead(e.seq) over (partition by e.complaint_id order by e.seq) as next_seq, e.data->>'dueAt' is not null as timed
      from base b join complaint_events e on e.complaint_id = b.id
     where e.kind = 'stage.entered'
  ), outcomes as (
    select n.complaint_id, n.stage, n.next_seq is not null as finished,
           exists (select 1 from complaint_events x
                    where x.complaint_id = n.complaint_id and x.kind = 'sla.breached' and x.seq > n.seq
                      and (n.next_seq is null or x.seq < n.next_seq)) as breached
      from entries n where n.timed
  ), sla as (
    select o.complaint_id,
           ${SLA_STAGES.map((s) => `count(*) filter (where o.stage = '${s}' and o.finished and not o.breached) as sla_${s}_met, count(*) filter (where o.stage = '${s}' and o.breached) as sla_${s}_breached`).join(',\n           ')}
      from outcomes o group by o.complaint_id
  ), f as (
    select b.*, s.*, fm.fr_min, rm.res_min,
           width_bucket(fm.fr_min, array[${BUCKET_BOUNDS.join(',')}]::float8[]) as fr_bucket,
           width_bucket(rm.res_min, array[${BUCKET_BOUNDS.join(',')}]::float8[]) as res_bucket,
           exists (select 1 from complaint_events r where r.complaint_id = b.id and r.kind = 'complaint.reopened') as reopened,
           b.customer_id is not null and exists (
             select 1 from complaints p
              where p.tenant_id = p_tenant and p.customer_id = b.customer_id and p.id <> b.id
                and p.category_code is not distinct from b.category_code
                and p.created_at < b.created_at and p.created_at >= b.created_at - make_interval(days => v_window)) as repeated
      from base b
      left join sla s on s.complaint_id = b.id
      left join lateral (select case when b.first_responded_at is not null
                                     then analytics_business_minutes(p_tenant, b.created_at, b.first_responded_at) end as fr_min) fm on true
      left join lateral (select case when b.closed_at is not null
                                     then analytics_business_minutes(p_tenant, b.created_at, b.closed_at) end as res_min) rm on true
  )
  select p_tenant, case when grouping(f.category_code) = 0 then 1 else 2 end, f.day,
         ${DIMENSIONS.map((d) => `coalesce(f.${d}, '')`).join(', ')},
         ${MEASURES.map((m) => `sum(coalesce(${FACT_EXPRESSIONS[m]}, 0))`).join(', ')}
    from f
   group by grouping sets ((f.day, f.category_code, f.channel, f.severity, f.team_code), (f.day, f.team_code, f.assignee_id));

  insert into analytics_subject_daily (tenant_id, day, category_code, subject_key, complaints)
  select p_tenant, (c.created_at at time zone v_tz)::date, coalesce(c.category_code, ''), analytics_subject_key(c.subject), count(*)
    from complaints c
   where c.tenant_id = p_tenant and c.created_at >= v_from and c.created_at < v_to
   group by 2, 3, 4;
end $fn$;`;

const REFRESH_MONTHS = `
create function analytics_refresh_months(p_tenant uuid, p_from date, p_to date) returns void
language plpgsql as $fn$
declare
  v_first date := date_trunc('month', p_from)::date;
  v_last date := date_trunc('month', p_to)::date;
begin
  delete from analytics_monthly where tenant_id = p_tenant and month between v_first and v_last;
  insert into analytics_monthly (tenant_id, grain, month, ${DIMENSIONS.join(', ')}, ${MEASURES.join(', ')})
  select tenant_id, grain, date_trunc('month', day)::date, ${DIMENSIONS.join(', ')}, ${MEASURES.map((m) => `sum(${m})`).join(', ')}
    from analytics_daily
   where tenant_id = p_tenant and day >= v_first and day < (v_last + interval '1 month')
   group by tenant_id, grain, date_trunc('month', day)::date, ${DIMENSIONS.join(', ')};
end $fn$;`;

const REFRESH_PENDING = `
create function analytics_refresh_pending(p_tenant uuid) returns int
language plpgsql as $fn$
declare
  v_tz text;
  v_days date[];
  v_day date;
  v_month date;
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
  for v_month in select distinct date_trunc('month', d)::date from unnest(v_days) d loop
    perform analytics_refresh_months(p_tenant, v_month, v_month);
  end loop;
  return cardinality(v_days);
end $fn$;`;

const TENANT_TABLES = [
  'analytics_settings', 'analytics_business_hours', 'analytics_dirty', 'analytics_daily', 'analytics_monthly', 'analytics_subject_daily',
  'kb_articles', 'kb_article_versions', 'kb_feedback', 'kb_article_views', 'kb_visitor_submissions', 'complaint_links', 'export_jobs',
];

export class Migration20261126000000_analytics_knowledge extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table analytics_settings (
        tenant_id uuid primary key references tenants(id) deferrable initially deferred,
        time_zone text not null,
        calendar_hash text not null,
        hours_from timestamptz not null,
        hours_to timestamptz not null,
        repeat_window_days int not null default 30 check (repeat_window_days between 1 and 365),
        export_async_rows int not null default 10000 check (export_async_rows >= 0),
        rebuilt_at timestamptz
      );`);
    // Business time as a running clock: minutes_before counts every business minute before opens_at,
    // so business minutes between two instants are two index lookups and a subtraction.
    this.addSql(`
      create table analytics_business_hours (
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        opens_at timestamptz not null,
        closes_at timestamptz not null,
        minutes_before float8 not null,
        primary key (tenant_id, opens_at)
      );`);
    this.addSql(`
      create function analytics_business_clock(p_tenant uuid, p_at timestamptz) returns float8
      language sql stable as $$
        select coalesce((select h.minutes_before + greatest(0, extract(epoch from least(p_at, h.closes_at) - h.opens_at) / 60)
                           from analytics_business_hours h
                          where h.tenant_id = p_tenant and h.opens_at <= p_at
                          order by h.opens_at desc limit 1), 0) $$;`);
    this.addSql(`
      create function analytics_business_minutes(p_tenant uuid, p_from timestamptz, p_to timestamptz) returns float8
      language sql stable as $$ select analytics_business_clock(p_tenant, p_to) - analytics_business_clock(p_tenant, p_from) $$;`);
    // Recurring subjects: case, spacing, digits and order references are noise for "the same issue".
    this.addSql(`
      create function analytics_subject_key(p_subject text) returns text
      language sql immutable as $$
        select left(btrim(regexp_replace(regexp_replace(lower(p_subject), '[0-9#]+', '#', 'g'), '\\s+', ' ', 'g')), 120) $$;`);

    this.addSql(`
      create table analytics_dirty (
        id bigint generated always as identity primary key,
        tenant_id uuid not null,
        created_at timestamptz not null
      );`);
    this.addSql(`create index analytics_dirty_tenant_idx on analytics_dirty (tenant_id);`);
    this.addSql(rollupTable('analytics_daily', 'day'));
    this.addSql(rollupTable('analytics_monthly', 'month'));
    this.addSql(`create index analytics_daily_open_idx on analytics_daily (tenant_id, grain, day) where open_now > 0;`);
    this.addSql(`
      create table analytics_subject_daily (
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        day date not null,
        category_code text not null,
        subject_key text not null,
        complaints int not null,
        primary key (tenant_id, day, category_code, subject_key)
      );`);
    // The refresh reads only these kinds per complaint: a small index instead of the whole timeline.
    this.addSql(`create index complaint_events_analytics_idx on complaint_events (complaint_id, seq) where kind in ('stage.entered', 'sla.breached', 'complaint.reopened');`);

    this.addSql(`
      create function analytics_mark_complaint() returns trigger language plpgsql as $$
      begin
        insert into analytics_dirty (tenant_id, created_at) values (new.tenant_id, new.created_at);
        if tg_op = 'UPDATE' and old.created_at is distinct from new.created_at then
          insert into analytics_dirty (tenant_id, created_at) values (old.tenant_id, old.created_at);
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger analytics_complaint_inserted after insert on complaints for each row execute function analytics_mark_complaint();`);
    this.addSql(`
      create trigger analytics_complaint_changed after update on complaints for each row
      when ((old.status, old.first_responded_at, old.closed_at, old.satisfaction, old.round, old.team_code, old.assignee_id,
             old.category_code, old.channel, old.severity, old.customer_id, old.created_at, old.subject)
            is distinct from
            (new.status, new.first_responded_at, new.closed_at, new.satisfaction, new.round, new.team_code, new.assignee_id,
             new.category_code, new.channel, new.severity, new.customer_id, new.created_at, new.subject))
      execute function analytics_mark_complaint();`);
    this.addSql(`
      create function analytics_mark_event() returns trigger language plpgsql as $$
      begin
        insert into analytics_dirty (tenant_id, created_at) select c.tenant_id, c.created_at from complaints c where c.id = new.complaint_id;
        return null;
      end $$;`);
    this.addSql(`
      create trigger analytics_event_appended after insert on complaint_events for each row
      when (new.kind in ('stage.entered', 'sla.breached', 'complaint.reopened'))
      execute function analytics_mark_event();`);
    this.addSql(REFRESH_DAYS);
    this.addSql(REFRESH_MONTHS);
    this.addSql(REFRESH_PENDING);

    // Knowledge base. Chinese has no spaces: overlapping character bigrams make it searchable with
    // the 'simple' text-search configuration; English goes through the 'english' stemmer.
    this.addSql(`
      create function kb_cjk_bigrams(p_text text) returns text
      language sql immutable parallel safe as $$
        select coalesce(string_agg(case when char_length(r.run) = 1 then r.run else substr(r.run, i, 2) end, ' '), '')
          from (select m[1] as run from regexp_matches(coalesce(p_text, ''), '([\\u3400-\\u9fff\\uf900-\\ufaff]+)', 'g') m) r
          cross join lateral generate_series(1, greatest(char_length(r.run) - 1, 1)) i $$;`);
    this.addSql(`
      create table kb_articles (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        title text not null,
        body text not null,
        locale text not null,
        tags text[] not null default '{}',
        category_codes text[] not null default '{}',
        status text not null check (status in ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        version int not null default 1,
        published_at timestamptz,
        helpful_yes int not null default 0,
        helpful_no int not null default 0,
        views int not null default 0,
        created_by text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        search_doc tsvector generated always as (
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'C') ||
          setweight(to_tsvector('simple', kb_cjk_bigrams(title)), 'A') || setweight(to_tsvector('simple', kb_cjk_bigrams(body)), 'C')
        ) stored
      );`);
    this.addSql(`create index kb_articles_search_idx on kb_articles using gin (search_doc);`);
    this.addSql(`create index kb_articles_title_trgm_idx on kb_articles using gin (title gin_trgm_ops);`);
    this.addSql(`create index kb_articles_tenant_idx on kb_articles (tenant_id, status, updated_at desc);`);
    this.addSql(`
      create table kb_article_versions (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        article_id uuid not null references kb_articles(id) deferrable initially deferred,
        version int not null,
        title text not null,
        body text not null,
        locale text not null,
        tags text[] not null,
        category_codes text[] not null,
        status text not null,
        edited_by text,
        created_at timestamptz not null default now(),
        unique (article_id, version)
      );`);
    this.addSql(`
      create table kb_feedback (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        article_id uuid not null references kb_articles(id) deferrable initially deferred,
        helpful boolean not null,
        visitor_key text,
        comment text,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table kb_article_views (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        article_id uuid not null references kb_articles(id) deferrable initially deferred,
        visitor_key text not null,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`create index kb_article_views_visitor_idx on kb_article_views (tenant_id, created_at, visitor_key);`);
    this.addSql(`
      create table kb_visitor_submissions (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        visitor_key text not null,
        complaint_id uuid references complaints(id) deferrable initially deferred,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`create index kb_visitor_submissions_idx on kb_visitor_submissions (tenant_id, visitor_key, created_at);`);

    this.addSql(`
      create table complaint_links (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        complaint_id uuid not null references complaints(id) deferrable initially deferred,
        related_id uuid not null references complaints(id) deferrable initially deferred,
        kind text not null check (kind in ('REPEAT', 'DUPLICATE', 'MERGED_INTO')),
        similarity real,
        created_by text,
        created_at timestamptz not null default now(),
        unique (tenant_id, complaint_id, related_id, kind)
      );`);
    this.addSql(`create index complaint_links_related_idx on complaint_links (related_id);`);

    this.addSql(`
      create table export_jobs (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        requested_by text,
        format text not null check (format in ('CSV', 'XLSX')),
        filter jsonb not null default '{}',
        status text not null check (status in ('PENDING', 'RUNNING', 'DONE', 'FAILED')),
        row_count int,
        file_name text,
        error text,
        created_at timestamptz not null default now(),
        finished_at timestamptz
      );`);

    for (const table of TENANT_TABLES) {
      this.addSql(`alter table ${table} enable row level security;`);
      this.addSql(`alter table ${table} force row level security;`);
      this.addSql(`create policy tenant_isolation on ${table} using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());`);
    }
    this.addSql(`grant select, insert, update, delete on ${TENANT_TABLES.join(', ')} to complaints_app;`);
    this.addSql(`grant usage on all sequences in schema public to complaints_app;`);
    this.addSql(`
      grant execute on function analytics_business_clock(uuid, timestamptz), analytics_business_minutes(uuid, timestamptz, timestamptz),
        analytics_subject_key(text), analytics_refresh_days(uuid, date, date), analytics_refresh_months(uuid, date, date),
        analytics_refresh_pending(uuid), kb_cjk_bigrams(text) to complaints_app;`);
  }
}
