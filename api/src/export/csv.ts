/**
 * One CSV record (RFC 4180). A cell a spreadsheet would run as a formula (= + - @ at the start) is prefixed
 * with an apostrophe: exported complaint text is written by the public, so it must not execute on opening.
 */
/** What a cell can hold: the export's rows are flat scalars. */
export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Excel opens UTF-8 CSV (Chinese text) correctly only with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';
