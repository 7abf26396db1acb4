import { categorySubtreeCodes, defaultTenantConfig, flattenCategories } from '@complaints/tenant-config';
import type { Client } from 'pg';
import type { BenchTenant } from './bench-tenants';

const DAYS = 365;

/** Weighted pools: picking a random element of a 100-slot array gives the weights in percent. */
const pool = (weights: Record<string, number>): string[] => Object.entries(weights).flatMap(([code, w]) => Array<string>(w).fill(code));
const CHANNEL_POOL = pool({ phone: 30, web: 20, app: 15, chat: 12, email: 10, social: 6, store: 4, api: 3 });

const SUBJECTS = [
  'Product stopped working after a week',
  'Parcel arrived damaged',
  'Charged twice for one order',
  'Refund still not received',
  'Rude staff at the store',
  'No reply to my email',
  'Wrong item delivered',
  'Screen has scratches out of the box',
  'Missing accessories in the box',
  'Warranty claim rejected',
  '产品使用一周后无法开机',
  '退款迟迟未到账',
  '客服态度恶劣',
  '重复扣费',
  '配送严重延误',
  '收到的商品与描述不符',
];
const DETAILS = [
  'I contacted support twice and nobody followed up.',
  'The item was unusable on arrival and I want a replacement.',
  'My card statement shows two charges for the same order.',
  'I was promised a callback within 24 hours.',
  '已多次联系客服，至今没有处理结果。',
  '希望尽快退款或者换货。',
  'The courier left the parcel in the rain.',
  'The store manager refused to register my complaint.',
];

/** Category codes a complaint can carry (the leaves and childless roots of the default tree), roughly uniform. */
function categoryPool(): { codes: string[]; qualityCodes: string[] } {
  const config = defaultTenantConfig();
  const flat = flattenCategories(config.categories);
  const parents = new Set(flat.map((c) => c.parentCode).filter(Boolean));
  return { codes: flat.filter((c) => !parents.has(c.code)).map((c) => c.code), qualityCodes: categorySubtreeCodes(config.categories, 'product_quality') };
}

/** How many seeded rows the tenant has (submitted ones carry an idempotency key, seeded ones none). */
async function seededRows(db: Client, tenant: BenchTenant): Promise<number> {
  const { rows } = await db.query<{ n: string }>('select count(*) as n from complaints where tenant_id = $1 and idempotency_key is null', [tenant.id]);
  return Number(rows[0].n);
}

/**
 * Seeds each tenant that does not already hold exactly its share, in one transaction: secondary
 * indexes are dropped and rebuilt around the load (a bulk build is several times faster than a
 * million index inserts), and foreign keys are not re-checked row by row (the rows are consistent
 * by construction). Owner connection; the tenant setting is set anyway so a non-superuser owner
 * passes the forced row-level security too. Returns whether anything was seeded.
 */
export async function seedComplaints(db: Client, tenants: BenchTenant[], log: (line: string) => void): Promise<boolean> {
  const pending: BenchTenant[] = [];
  for (const tenant of tenants) if ((await seededRows(db, tenant)) !== tenant.rows) pending.push(tenant);
  if (!pending.length) return false;

  const timeZone = defaultTenantConfig().businessCalendar.timeZone;
  await db.query('begin');
  try {
    await db.query(`set local synchronous_commit = off`);
    await db.query(`set local maintenance_work_mem = '512MB'`);
    await db.query(`set local work_mem = '256MB'`);
    await db.query(`set local session_replication_role = replica`).catch(() => log('not a superuser: foreign keys are checked at commit'));
    const indexes = await dropSecondaryIndexes(db, ['complaints', 'complaint_events']);
    for (const tenant of pending) {
      const started = Date.now();
      await db.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
      await wipeTenant(db, tenant);
      await seedTenant(db, tenant, timeZone);
      log(`seeded ${tenant.rows.toLocaleString('en')} complaints for ${tenant.slug} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const started = Date.now();
    for (const definition of indexes) await db.query(definition);
    log(`rebuilt ${indexes.length} indexes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await db.query('commit');
  } catch (error) {
    await db.query('rollback');
    throw error;
  }
  const started = Date.now();
  await db.query('vacuum analyze complaints, complaint_events, customers, complaint_counters');
  log(`vacuum analyze in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/** Drops the indexes that back no constraint, returning their definitions to recreate them. */
async function dropSecondaryIndexes(db: Client, tables: string[]): Promise<string[]> {
  const { rows } = await db.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
      where i.indrelid = any($1::regclass[])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const row of rows) await db.query(`drop index ${row.name}`);
  return rows.map((r) => r.definition);
}

async function wipeTenant(db: Client, tenant: BenchTenant): Promise<void> {
  for (const table of ['complaint_events', 'comments', 'attachments', 'complaints', 'complaint_counters', 'customers']) {
    await db.query(`delete from ${table} where tenant_id = $1`, [tenant.id]);
  }
}

async function seedTenant(db: Client, tenant: BenchTenant, timeZone: string): Promise<void> {
  const {
    rows: [today],
  } = await db.query<{ day: string }>(`select to_char((now() at time zone $1)::date, 'YYYY-MM-DD') as day`, [timeZone]);
  const perDay = Math.ceil(tenant.rows / DAYS);
  const customers = Math.max(1, Math.round(tenant.rows / 10));
  const categories = categoryPool();

  await db.query(
    `insert into customers (id, tenant_id, name, email, tier, external_id, created_at)
     select md5($1::text || ':customer:' || g)::uuid, $1::uuid, 'Customer ' || g, 'customer' || g || '@example.com',
            case when g % 20 = 0 then 'vip' else 'standard' end, 'bench-' || g, $3::date - ${DAYS + 30}
       from generate_series(0, $2::int - 1) as g`,
    [tenant.id, customers, today.day],
  );

  // Rows are generated oldest first, ~1 per (86,400 / perDay) s over the last 365 local days (today
  // excluded, so intakes during the run start a fresh counter). Whole seconds: cursors carry ms.
  // Status follows age: old complaints are mostly closed, the last month mostly open.
  await db.query(
    `with b as (
       select i, $4::date - ${DAYS} + (i / $3::int) as day, (i % $3::int) + 1 as seq,
              random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as r6, random() as r7
         from generate_series(0, $2::int - 1) as i
     ), c as (
       select b.*,
              (b.day + make_interval(secs => (b.seq - 1) * (86400 / $3::int) + floor(b.r7 * (86400 / $3::int))))::timestamp at time zone $5::text as created_at,
              $4::date - b.day as age_days,
              ($6::text[])[1 + floor(b.r1 * cardinality($6::text[]))::int] as channel,
              ($7::text[])[1 + floor(b.r2 * cardinality($7::text[]))::int] as category_code,
              case when b.r3 < 0.75 then 'general' when b.r3 < 0.95 then 'urgent' else 'major' end as severity,
              case when b.r5 < 0.15 then null else floor((b.r5 - 0.15) / 0.85 * $8::int)::int end as customer_no
         from b
     ), d as (
       select c.*,
              case when c.age_days > 30 then
                case when c.r4 < 0.90 then 'CLOSED' when c.r4 < 0.97 then 'RESOLVED' when c.r4 < 0.99 then 'WAITING_ON_CUSTOMER' else 'OPEN' end
              else
                case when c.r4 < 0.45 then 'OPEN' when c.r4 < 0.60 then 'WAITING_ON_CUSTOMER' when c.r4 < 0.80 then 'RESOLVED' else 'CLOSED' end
              end as status
         from c
     ), e as (
       select d.*,
              case when d.status = 'CLOSED'
                   then least(d.created_at + make_interval(secs => 86400 + floor(d.r6 * 6 * 86400)), date_trunc('second', now())) end as closed_at,
              case when d.status <> 'OPEN' then d.created_at + make_interval(secs => 600 + floor(d.r7 * 7200)) end as first_responded_at
         from d
     )
     insert into complaints (id, tenant_id, number, channel, category_code, severity, priority, stage, status, customer_id, contact,
                             anonymous, locale, subject, description, order_ref, team_code, round, config_version, stage_started_at,
                             stage_due_at, first_response_due_at, first_responded_at, resolution_due_at, closed_at, satisfaction,
                             created_at, updated_at)
     select gen_random_uuid(), $1::uuid,
            'CP-' || to_char(e.day, 'YYYYMMDD') || '-' || lpad(e.seq::text, 6, '0'),
            e.channel, e.category_code, e.severity,
            case e.severity when 'general' then 0 when 'urgent' then 10 else 20 end + case when e.customer_no % 20 = 0 then 5 else 0 end,
            case e.status when 'CLOSED' then 'archive' when 'RESOLVED' then 'followup' when 'WAITING_ON_CUSTOMER' then 'feedback'
                 else (array['intake', 'investigation', 'handling', 'review'])[1 + floor(e.r6 * 4)::int] end,
            e.status,
            case when e.customer_no is not null then md5($1::text || ':customer:' || e.customer_no)::uuid end,
            case when e.customer_no is null then jsonb_build_object('name', 'Anonymous ' || e.i, 'phone', '1380000' || lpad((e.i % 10000)::text, 4, '0')) end,
            e.customer_no is null,
            case when e.r6 < 0.9 then 'zh-CN' else 'en' end,
            ($9::text[])[1 + floor(e.r2 * 997 + e.i)::int % cardinality($9::text[])],
            ($10::text[])[1 + floor(e.r3 * 991 + e.i)::int % cardinality($10::text[])] || ' Order SO' || lpad(e.i::text, 8, '0') || '.',
            'SO' || lpad(e.i::text, 8, '0'),
            case when e.severity = 'major' then 'escalation' when e.category_code = any($11::text[]) then 'quality' else 'frontline' end,
            1, 1, e.created_at, e.created_at + interval '1 day',
            e.created_at + case e.severity when 'general' then interval '24 hours' when 'urgent' then interval '4 hours' else interval '1 hour' end,
            e.first_responded_at,
            e.created_at + case e.severity when 'general' then interval '5 days' when 'urgent' then interval '2 days' else interval '1 day' end,
            e.closed_at,
            case when e.status = 'CLOSED' then 1 + floor(e.r7 * 5)::int end,
            e.created_at,
            coalesce(e.closed_at, e.first_responded_at, e.created_at)
       from e`,
    [tenant.id, tenant.rows, perDay, today.day, timeZone, CHANNEL_POOL, categories.codes, customers, SUBJECTS, DETAILS, categories.qualityCodes],
  );

  // One or two timeline events each, in time order so `seq` follows the clock as it does live.
  await db.query(
    `insert into complaint_events (id, tenant_id, complaint_id, kind, actor_type, actor_name, to_value, note, data, customer_visible, created_at)
     select gen_random_uuid(), c.tenant_id, c.id,
            case n when 1 then 'complaint.created' else 'complaint.routed' end,
            case n when 1 then 'user' else 'system' end,
            case n when 1 then 'Bench staff' end,
            case n when 1 then 'intake' else c.team_code end,
            case n when 2 then 'Routing rule matched' end,
            case n when 1 then jsonb_build_object('channel', c.channel, 'severity', c.severity) else jsonb_build_object('teamCode', c.team_code) end,
            n = 1, c.created_at
       from complaints c cross join lateral generate_series(1, 1 + abs(hashtext(c.number)) % 2) as n
      where c.tenant_id = $1::uuid
      order by c.created_at, n`,
    [tenant.id],
  );

  // Counters at the highest number per day, so later intakes never reuse a seeded number.
  await db.query(
    `insert into complaint_counters (tenant_id, day, value)
     select tenant_id, to_date(substr(number, 4, 8), 'YYYYMMDD'), max(substr(number, 13)::int)
       from complaints where tenant_id = $1 group by 1, 2
     on conflict (tenant_id, day) do update set value = greatest(complaint_counters.value, excluded.value)`,
    [tenant.id],
  );
}
