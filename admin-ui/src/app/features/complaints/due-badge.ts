export type DueTone = 'overdue' | 'soon' | 'ok' | 'none';

/** How much time a stage has left, as a compact text and a colour tone for the badge. */
export function dueState(dueAt: string | null | undefined, now: number): { tone: DueTone; minutes: number } {
  if (!dueAt) return { tone: 'none', minutes: 0 };
  const minutes = Math.round((Date.parse(dueAt) - now) / 60_000);
  if (minutes < 0) return { tone: 'overdue', minutes: -minutes };
  return { tone: minutes <= 120 ? 'soon' : 'ok', minutes };
}

/** Unit labels of the current language ("m"/"分钟"): the caller passes them from its translations. */
export interface DurationUnits {
  d: string;
  h: string;
  m: string;
}

export function compactDuration(minutes: number, units: DurationUnits = { d: 'd', h: 'h', m: 'm' }): string {
  if (minutes < 60) return `${minutes}${units.m}`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)}${units.h} ${minutes % 60}${units.m}`;
  return `${Math.floor(minutes / 1440)}${units.d} ${Math.floor((minutes % 1440) / 60)}${units.h}`;
}
