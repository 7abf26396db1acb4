/** Business minutes shown as "4h 30m"; zero stays "0m" so an empty cell is distinguishable. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
}

/**
 * Read what an administrator types into an SLA cell: "4h 30m", "4h30", "1.5h", "90m", "90"
 * (minutes), also the Chinese units 小时/时 and 分钟/分. Returns null when it is not a duration.
 */
export function parseMinutes(text: string): number | null {
  const input = text
    .trim()
    .toLowerCase()
    .replace(/小时|时/g, 'h')
    .replace(/分钟|分/g, 'm')
    .replace(/\s+/g, '');
  if (input === '') return null;
  if (/^\d+$/.test(input)) return Number(input);
  const match = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+)m?)?$/.exec(input);
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  const minutes = Math.round(Number(match[1] ?? 0) * 60) + Number(match[2] ?? 0);
  return Number.isFinite(minutes) ? minutes : null;
}
