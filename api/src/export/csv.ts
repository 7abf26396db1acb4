/**
 * One CSV record (RFC 4180). A cell a spreadsheet would run as a formula (= + - @ at the start) is prefixed
 * with an apostrophe: exported complaint text is written by the public, so it must not execute on opening.
 */
export function csvRecord(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Excel opens UTF-8 CSV (Chinese text) correctly only with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';
