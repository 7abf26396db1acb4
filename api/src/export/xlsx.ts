import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Streams a one-sheet workbook: rows are committed as they come, so memory stays at one batch (the
 * writer keeps only the shared-strings table, which `useSharedStrings: false` avoids too).
 */
export async function writeXlsx(
  out: Writable,
  sheetName: string,
  header: string[],
  batches: AsyncIterable<unknown[][]> | Iterable<unknown[][]>,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header).commit();
  let rows = 0;
  for await (const batch of batches) {
    for (const values of batch) {
      sheet.addRow(values.map((v) => (v === null || v === undefined ? null : v))).commit();
      rows++;
    }
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
