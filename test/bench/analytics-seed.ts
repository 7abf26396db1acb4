import { defaultTenantConfig, flattenCategories } from '@complaints/tenant-config';
import type { Client } from 'pg';

const DAYS = 730;
const AGENTS = 40;
const EVENTS_PER_COMPLAINT = 10;
const TEAMS = ['frontline', 'quality', 'escalation'];
const CHANNELS = ['phone', 'web', 'app', 'chat', 'email', 'social', 'store', 'api'];

/** Subjects recur with small variations (order numbers, wording), as real recurring issues do. */
const SUBJECTS = [
  'Product stopped working after a week',
  'Product stopped working after two weeks',
  'Parcel arrived damaged',
  'Parcel arrived badly damaged',
  'Charged twice for one order',
  'Charged twice for order',
  'Refund still not received',
  'Refund not received yet',
  'Rude staff at the store',
  'No reply to my email',
  'Wrong item delivered',
  'Screen has scratches out of the box',
  'Missing accessories in the box',
  'Warranty claim rejected',
  '产品使用一周后无法开机',
  '产品使用两周后无法开机',
  '退款迟迟未到账',
  '退款一直没有到账',
  '客服态度恶劣',
  '重复扣费',
  '配送严重延误',
  '收到的商品与描述不符',
];

export interface AnalyticsBenchShape {
  complaints: number;
  events: number;
}

/** Counts the seeded rows (complaints filed by an earlier run's incremental step are dropped first). */
export async function seededShape(db: Client, tenantId: string): Promise<AnalyticsBenchShape> {
  await db.query(`select set_config('app.tenant_id', $1, false)`, [tenantId]);
  await db.query(`delete from complaints where tenant_id = $1 and number like 'AB-NEW-%'`, [tenantId]);
  const {
    rows: [c],
  } = await db.query<{ n: string }>('select count(*) as n from complaints where tenant_id = $1', [tenantId]);
  const {
    rows: [e],
  } = await db.query<{ n: string }>('select count(*) as n from complaint_events where tenant_id = $1', [tenantId]);
  return { complaints: Number(c.n), events: Number(e.n) };
}

/**
 * Bulk-loads `complaints` complaints over the last two years and ten timeline events each, as the owner in
 * one transaction with triggers off (session_replication_role = replica: the rollups are built afterwards in
 * one pass) and the secondary indexes dropped and rebuilt around the load.
 */
export async function seedAnalyticsTenant(db: Client, tenantId: string, complaints: number, log: (line: string) => void): Promise<void> {
  const config = defaultTenantConfig();
  const flat = flattenCategories(config.categories);
  const parents = new Set(flat.map((c) => c.parentCode).filter(Boolean));
  const leaves = flat.filter((c) => !parents.has(c.code)).map((c) => c.code);
  await db.query('begin');
  try {
    await db.query(`set local synchronous_commit = off`);
    await db.query(`set local maintenance_work_mem = '1GB'`);
    await db.query(`set local work_mem = '256MB'`);
    await db.query(`set local session_replication_role = replica`);
    await db.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    for (const table of [
      'complaint_links',
      'complaint_events',
      'complaints',
      'customers',
      'analytics_dirty',
      'analytics_daily',
      'analytics_monthly',
      'analytics_subject_daily',
      'analytics_settings',
    ]) {
      await db.query(`delete from ${table} where tenant_id = $1`, [tenantId]);
    }
    await db.query(`delete from users where tenant_id = $1 and email like 'agent%@bench.test'`, [tenantId]);
    const indexes = await dropSecondaryIndexes(db, ['complaints', 'complaint_events']);
    let t = Date.now();
    await db.query(
      `insert into users (id, tenant_id, email, display_name, password_hash, roles, teams)
       select md5($1::text || ':agent:' || g)::uuid, $1::uuid, 'agent' || g || '@bench.test', 'Agent ' || g, 'x', '{handler}', array[($2::text[])[1 + g % 3]]
         from generate_series(0, ${AGENTS - 1}) g`,
      [tenantId, TEAMS],
    );
    const customers = Math.round(complaints / 10);
    await db.query(
      `insert into customers (id, tenant_id, name, external_id)
       select md5($1::text || ':customer:' || g)::uuid, $1::uuid, 'Customer ' || g, 'ab-' || g from generate_series(0, $2::int - 1) g`,
      [tenantId, customers],
    );
    await db.query(
      `with b as (
         select i, now() - make_interval(secs => (${DAYS} * 86400.0) * (1 - i::float8 / $2)) as created_at,
                random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7
           from generate_series(0, $2::int - 1) i
       ), s as (
         select b.*, extract(epoch from now() - b.created_at) / 86400 as age,
                case when b.r3 < 0.75 then 'general' when b.r3 < 0.95 then 'urgent' else 'major' end as severity,
                floor(b.r5 * ${AGENTS})::int as agent
           from b
       ), st as (
         select s.*, case when s.age > 30 then (case when s.r4 < 0.9 then 'CLOSED' when s.r4 < 0.97 then 'RESOLVED' when s.r4 < 0.99 then 'WAITING_ON_CUSTOMER' else 'OPEN' end)
                          else (case when s.r4 < 0.45 then 'OPEN' when s.r4 < 0.6 then 'WAITING_ON_CUSTOMER' when s.r4 < 0.8 then 'RESOLVED' else 'CLOSED' end) end as status
           from s
       )
       insert into complaints (id, tenant_id, number, channel, category_code, severity, priority, stage, status, customer_id, anonymous, subject, description,
                               team_code, assignee_id, round, satisfaction, config_version, first_response_due_at, first_responded_at, resolution_due_at, closed_at,
                               created_at, updated_at)
       select md5($1::text || ':complaint:' || st.i)::uuid, $1::uuid, 'AB-' || lpad(st.i::text, 8, '0'),
              ($3::text[])[1 + floor(st.r1 * cardinality($3::text[]))::int], ($4::text[])[1 + floor(st.r2 * cardinality($4::text[]))::int],
              st.severity, 0, case when st.status in ('CLOSED', 'RESOLVED') then 'archive' else 'handling' end, st.status,
              case when st.r6 < 0.85 then md5($1::text || ':customer:' || floor(st.r6 / 0.85 * $6)::int)::uuid end, st.r6 >= 0.85,
              ($5::text[])[1 + floor(st.r7 * cardinality($5::text[]))::int] || case when st.i % 3 = 0 then ' (order ' || st.i || ')' else '' end,
              'Seeded for the analytics benchmark', ($7::text[])[1 + st.agent % 3],
              case when st.r5 < 0.9 then md5($1::text || ':agent:' || st.agent)::uuid end,
              case when random() < 0.1 then 2 else 1 end,
              case when st.status = 'CLOSED' and random() < 0.7 then 1 + floor(random() * 5)::int end, 1,
              st.created_at + case st.severity when 'general' then interval '24 hours' when 'urgent' then interval '4 hours' else interval '1 hour' end,
              case when st.status <> 'OPEN' or st.r4 < 0.3 then st.created_at + make_interval(secs => 300 + floor(st.r7 * 28800)) end,
              st.created_at + case st.severity when 'general' then interval '5 days' when 'urgent' then interval '2 days' else interval '1 day' end,
              case when st.status in ('CLOSED', 'RESOLVED') then least(st.created_at + make_interval(secs => 3600 + floor(st.r6 * 10 * 86400)), now()) end,
              st.created_at, st.created_at
         from st`,
      [tenantId, complaints, CHANNELS, leaves, SUBJECTS, customers, TEAMS],
    );
    log(`complaints inserted in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    t = Date.now();
    // Ten events each, in time order; stage entries carry their due time, some stages breach, a few reopen.
    await db.query(
      `insert into complaint_events (id, tenant_id, complaint_id, kind, actor_type, to_value, data, created_at)
       select gen_random_uuid(), $1::uuid, c.id,
              case n when 1 then 'complaint.created' when 2 then 'complaint.routed' when 3 then 'lifecycle.started' when 4 then 'stage.entered'
                     when 5 then 'complaint.acknowledged' when 6 then 'stage.entered'
                     when 7 then case when h % 5 = 0 then 'sla.breached' else 'sla.reminder' end
                     when 8 then 'stage.entered' when 9 then 'note.internal'
                     else case when h % 50 = 0 then 'complaint.reopened' else 'message.customer' end end,
              'system',
              case n when 4 then 'intake' when 6 then 'investigation' when 8 then 'handling' end,
              case when n in (4, 6, 8) then jsonb_build_object('round', 1, 'dueAt', c.created_at + make_interval(hours => n * 4))
                   when n = 7 then jsonb_build_object('stage', 'investigation', 'round', 1) end,
              c.created_at + make_interval(mins => n * 20)
         from (select id, created_at, abs(hashtext(id::text)) as h from complaints where tenant_id = $1::uuid) c
        cross join generate_series(1, ${EVENTS_PER_COMPLAINT}) n
        order by c.created_at, n`,
      [tenantId],
    );
    log(`events inserted in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    t = Date.now();
    for (const definition of indexes) await db.query(definition);
    log(`rebuilt ${indexes.length} indexes in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    await db.query('commit');
  } catch (error) {
    await db.query('rollback');
    throw error;
  }
  await db.query('vacuum analyze complaints, complaint_events, customers, users');
}

async function dropSecondaryIndexes(db: Client, tables: string[]): Promise<string[]> {
  const { rows } = await db.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
      where i.indrelid = any($1::regclass[]) and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const row of rows) await db.query(`drop index ${row.name}`);
  return rows.map((r) => r.definition);
}

/**
 * Files `count` complaints as intake would leave them (owner connection, triggers on), for timing the
 * incremental path without a Temporal server: the rollups only look at the rows.
 */
export async function fileFreshComplaints(db: Client, tenantId: string, count: number): Promise<void> {
  await db.query(
    `insert into complaints (id, tenant_id, number, channel, category_code, severity, stage, status, customer_id, subject, description, team_code, config_version, created_at, updated_at)
     select gen_random_uuid(), $1::uuid, 'AB-NEW-' || md5(random()::text), 'web', 'refund_delay', 'general', 'intake', 'OPEN',
            md5($1::text || ':customer:' || g)::uuid, 'Refund still not received', 'bench', 'frontline', 1, now(), now()
       from generate_series(1, $2::int) g`,
    [tenantId, count],
  );
}
