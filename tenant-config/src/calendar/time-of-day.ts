/** 'HH:mm' on a 24-hour clock; '24:00' is only meaningful as a closing time (the end of the day). */
export const OPENING_TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
export const CLOSING_TIME_PATTERN = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Minutes since local midnight; callers pass strings already checked against the patterns above. */
export function minuteOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
