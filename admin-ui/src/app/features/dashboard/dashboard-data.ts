import { saveBlob } from '../complaints/attachments';

export type Granularity = 'DAY' | 'WEEK' | 'MONTH';

/**
 * Today as YYYY-MM-DD in the tenant's time zone: the analytics API counts days there, and a browser
 * elsewhere (or at 02:00 in Shanghai, still yesterday in UTC) would otherwise cut off today.
 */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

/** The date `days` before the YYYY-MM-DD date `day`. */
export function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Days are readable up to about three months; weeks up to a year; months beyond. */
export function suggestedGranularity(from: string, to: string): Granularity {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days <= 62) return 'DAY';
  if (days <= 370) return 'WEEK';
  return 'MONTH';
}

/** Business minutes as "3.5 h" or "45 min"; null as a dash. */
export function formatMinutes(minutes: number | null | undefined, unit: { h: string; min: string; d: string }): string {
  if (minutes === null || minutes === undefined) return '—';
  if (minutes < 60) return `${Math.round(minutes)} ${unit.min}`;
  if (minutes < 60 * 48) return `${(minutes / 60).toFixed(1)} ${unit.h}`;
  return `${(minutes / 1440).toFixed(1)} ${unit.d}`;
}

export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(rate >= 0.995 || rate === 0 ? 0 : 1)}%`;
}

/** Downloads an export the API produces (`/exports/…`), sending the staff token as GraphQL requests do. */
export async function downloadExport(path: string, accessToken: string | null, fileName: string): Promise<void> {
  const response = await fetch(path, { headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });
  if (!response.ok) throw new Error(`Export failed (HTTP ${response.status})`);
  saveBlob(await response.blob(), fileName);
}

/**
 * Every period from `from` to `to` at `granularity` (days; ISO weeks by their Monday; months by their
 * first day), so a chart shows quiet periods as zero rather than leaving them out.
 */
export function periodsBetween(from: string, to: string, granularity: Granularity): string[] {
  const start = new Date(`${from}T00:00:00Z`);
  if (granularity === 'WEEK') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  if (granularity === 'MONTH') start.setUTCDate(1);
  const end = new Date(`${to}T00:00:00Z`);
  const periods: string[] = [];
  for (const d = start; d <= end && periods.length < 1000;) {
    periods.push(d.toISOString().slice(0, 10));
    if (granularity === 'DAY') d.setUTCDate(d.getUTCDate() + 1);
    else if (granularity === 'WEEK') d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return periods;
}
