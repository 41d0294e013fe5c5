/**
 * A one-sheet workbook of a table, as the download buttons give it: bold header row frozen at the
 * top, one row per record, and an optional footnote row (e.g. "contains generated sample data").
 */
import ExcelJS from 'exceljs';

export interface TableColumn<K extends string> {
  key: K;
  header: string;
  width: number;
}

export async function tableWorkbook<K extends string>(
  sheet: string,
  columns: readonly TableColumn<K>[],
  rows: Iterable<Partial<Record<K, unknown>>>,
  footnote?: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ ...c }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  // The footnote goes in the first column, where a reader starts.
  if (footnote && columns[0]) ws.addRow({ [columns[0].key]: footnote });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
