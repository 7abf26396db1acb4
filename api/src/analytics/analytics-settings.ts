import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
// The same opening intervals businessMinutesBetween walks.
import { compileCalendar, openingsOn, type BusinessCalendar } from '@complaints/tenant-config';
import type { TenantScope } from '../platform/db/tenant-scope';

const DAY_MS = 86_400_000;
/** Business hours are laid out this far ahead, and rebuilt when less than a month of it is left. */
const HORIZON_DAYS = 400;
const RENEW_BEFORE_DAYS = 30;

export interface AnalyticsSettings {
  timeZone: string;
  repeatWindowDays: number;
  exportAsyncRows: number;
}

interface SettingsRow {
  time_zone: string;
  calendar_hash: string;
  hours_from: string | Date;
  hours_to: string | Date;
  repeat_window_days: number;
  export_async_rows: number;
}

const lockTenant = (em: EntityManager, tenantId: string) => em.execute(`select pg_advisory_xact_lock(hashtextextended('analytics:' || ?, 0))`, [tenantId]);

/**
 * Makes the tenant's analytics state match its calendar: the business-hours clock covers every complaint
 * and the coming months, and a changed calendar (hours, holidays, time zone) rebuilds every rollup, since
 * business minutes and intake days both depend on it. Returns the settings in force.
 */
export async function ensureAnalyticsSettings(tenant: TenantScope, calendar: BusinessCalendar, now = new Date()): Promise<AnalyticsSettings> {
  const { em, tenantId } = tenant;
  const hash = createHash('sha256').update(canonicalJson(calendar)).digest('hex');
  let row = await readSettings(tenant);
  if (row && row.calendar_hash === hash && covers(row, now)) return settingsOf(row);

  await lockTenant(em, tenantId);
  row = await readSettings(tenant);
  const [oldest] = await em.execute<{ at: string | Date | null }[]>('select min(created_at) as at from complaints where tenant_id = ?', [tenantId]);
  const from = new Date(Math.min(oldest?.at ? new Date(oldest.at).getTime() : now.getTime(), now.getTime()) - 7 * DAY_MS);
  const to = new Date(now.getTime() + HORIZON_DAYS * DAY_MS);
  await layOutBusinessHours(tenant, calendar, from, to);
  const calendarChanged = row?.calendar_hash !== hash;
  await em.execute(
    `insert into analytics_settings (tenant_id, time_zone, calendar_hash, hours_from, hours_to)
     values (?, ?, ?, ?, ?)
     on conflict (tenant_id) do update set time_zone = excluded.time_zone, calendar_hash = excluded.calendar_hash,
       hours_from = excluded.hours_from, hours_to = excluded.hours_to`,
    [tenantId, calendar.timeZone, hash, from, to],
  );
  if (calendarChanged) await rebuildRollups(tenant);
  return settingsOf((await readSettings(tenant))!);
}

/** Recomputes every day that has complaints (after a calendar or repeat-window change, or a bulk load). */
async function rebuildRollups(tenant: TenantScope): Promise<void> {
  const { em, tenantId } = tenant;
  await lockTenant(em, tenantId);
  await em.execute('delete from analytics_dirty where tenant_id = ?', [tenantId]);
  for (const table of ['analytics_daily', 'analytics_weekly', 'analytics_monthly', 'analytics_subject_daily']) {
    await em.execute(`delete from ${table} where tenant_id = ?`, [tenantId]);
  }
  const [span] = await em.execute<{ first: string | null; last: string | null }[]>(
    `select to_char(min(c.created_at at time zone s.time_zone), 'YYYY-MM-DD') as first, to_char(max(c.created_at at time zone s.time_zone), 'YYYY-MM-DD') as last
       from complaints c join analytics_settings s on s.tenant_id = c.tenant_id where c.tenant_id = ?`,
    [tenantId],
  );
  if (span?.first && span.last) {
    await em.execute('select analytics_refresh_days(?, ?::date, ?::date)', [tenantId, span.first, span.last]);
    await em.execute('select analytics_refresh_months(?, ?::date, ?::date)', [tenantId, span.first, span.last]);
    await em.execute('select analytics_refresh_weeks(?, ?::date, ?::date)', [tenantId, span.first, span.last]);
  }
  await em.execute('update analytics_settings set rebuilt_at = now() where tenant_id = ?', [tenantId]);
}

export async function updateAnalyticsSettings(
  tenant: TenantScope,
  change: { repeatWindowDays?: number | null; exportAsyncRows?: number | null },
): Promise<void> {
  const { em, tenantId } = tenant;
  const before = await readSettings(tenant);
  await em.execute(
    `update analytics_settings set repeat_window_days = coalesce(?, repeat_window_days), export_async_rows = coalesce(?, export_async_rows) where tenant_id = ?`,
    [change.repeatWindowDays ?? null, change.exportAsyncRows ?? null, tenantId],
  );
  // Repeats are counted with the window in force at refresh: a new window recounts history.
  if (before && change.repeatWindowDays != null && change.repeatWindowDays !== before.repeat_window_days) await rebuildRollups(tenant);
}

/** JSON with sorted keys: a configuration read back from jsonb has its keys in another order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

async function readSettings(tenant: TenantScope): Promise<SettingsRow | undefined> {
  const { em, tenantId } = tenant;
  const [row] = await em.execute<SettingsRow[]>('select * from analytics_settings where tenant_id = ?', [tenantId]);
  return row;
}

function covers(row: SettingsRow, now: Date): boolean {
  return new Date(row.hours_to).getTime() - now.getTime() > RENEW_BEFORE_DAYS * DAY_MS;
}

const settingsOf = (row: SettingsRow): AnalyticsSettings => ({
  timeZone: row.time_zone,
  repeatWindowDays: row.repeat_window_days,
  exportAsyncRows: row.export_async_rows,
});

/**
 * Writes the opening intervals of [from, to] with a running total of business minutes before each, so
 * SQL gets business minutes between two instants as a difference of two lookups. Only differences are
 * ever used, so moving `from` earlier (a constant shift of every total) leaves earlier results valid.
 */
async function layOutBusinessHours(tenant: TenantScope, calendar: BusinessCalendar, from: Date, to: Date): Promise<void> {
  const { em, tenantId } = tenant;
  const compiled = compileCalendar(calendar);
  const rows: [string, string, number][] = [];
  let before = 0;
  const firstDay = Math.floor(from.getTime() / DAY_MS) - 1;
  const lastDay = Math.floor(to.getTime() / DAY_MS) + 1;
  let lastEnd = -Infinity;
  for (let day = firstDay; day <= lastDay; day++) {
    for (const opening of openingsOn(compiled, day)) {
      if (opening.start < lastEnd) continue; // a repeated hour at a fall-back transition
      rows.push([new Date(opening.start).toISOString(), new Date(opening.end).toISOString(), before]);
      before += (opening.end - opening.start) / 60_000;
      lastEnd = opening.end;
    }
  }
  await em.execute('delete from analytics_business_hours where tenant_id = ?', [tenantId]);
  await em.execute(
    `insert into analytics_business_hours (tenant_id, opens_at, closes_at, minutes_before)
     select ?, (r->>0)::timestamptz, (r->>1)::timestamptz, (r->>2)::float8 from jsonb_array_elements(?::jsonb) r`,
    [tenantId, JSON.stringify(rows)],
  );
}
