import type { EntityManager } from '@mikro-orm/postgresql';
import { withTenant } from '../platform/db/tenant-scope';

/** The tenant-local calendar day of an instant, as YYYYMMDD. */
export function localDay(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  return parts.replaceAll('-', '');
}

export const formatComplaintNumber = (day: string, sequence: number): string =>
  `CP-${day}-${String(sequence).padStart(6, '0')}`;

/**
 * Next number of the day for a tenant, e.g. CP-20261122-000042. The upsert row-locks the
 * (tenant, day) counter, so concurrent intakes never share a number. It runs in its own short
 * transaction: holding that lock for a whole intake would serialise every intake of the tenant.
 * A rolled-back intake leaves a gap, which is fine: numbers are unique, not gapless.
 */
export function nextComplaintNumber(root: EntityManager, tenantId: string, instant: Date, timeZone: string): Promise<string> {
  const day = localDay(instant, timeZone);
  const isoDay = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`;
  return withTenant(root, tenantId, async (em) => {
    const [row] = await em.execute<{ value: number }[]>(
    `insert into complaint_counters (tenant_id, day, value) values (?, ?, 1)
     on conflict (tenant_id, day) do update set value = complaint_counters.value + 1
     returning value`,
      [tenantId, isoDay],
    );
    return formatComplaintNumber(day, row!.value);
  });
}
