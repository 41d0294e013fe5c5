/**
 * Read an uploaded table (CSV in UTF-8 or GBK, or the first sheet of an XLSX workbook) into rows of
 * cells. The format is told by content, not by name: an XLSX file is a ZIP and starts with "PK".
 */
import ExcelJS from 'exceljs';
import { decodeText, parseCsv } from '../../domain/shared/csv.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import { checkZipLimits } from './zip-guard.ts';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export async function readTable(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ rows: unknown[][]; format: 'csv' | 'xlsx' }> {
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new FuwuError(
      'invalid_input',
      `文件超过 10 MB：${fileName}`,
      `file larger than 10 MB: ${fileName}`,
      [{ field: 'file', zh: '文件过大', en: 'file too large' }],
    );
  }
  const isZip = bytes.length > 1 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) {
    checkZipLimits(bytes, fileName);
    return { rows: refuseNulCells(await readXlsx(bytes, fileName)), format: 'xlsx' };
  }
  if (/\.xlsx?$/i.test(fileName))
    throw unreadable(fileName, '不是有效的 .xlsx 文件', 'not a valid .xlsx file');
  return { rows: parseCsv(decodeText(bytes).text), format: 'csv' };
}

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw unreadable(fileName, '无法读取 Excel 工作簿', 'cannot read the Excel workbook');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw unreadable(fileName, '工作簿中没有工作表', 'the workbook has no sheet');
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellValue(row.getCell(c).value));
    rows[n - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

/** Formula cells give their result, rich text its plain text, hyperlinks their text. */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('result' in v) return v.result ?? null;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return v.text;
  return String(v);
}

/**
 * Refuses a cell holding a NUL character (PostgreSQL text cannot store one, and no real value has
 * one); returns the rows. CSV bytes are checked when decoded, workbook and GeoJSON cells here.
 */
export function refuseNulCells(rows: unknown[][]): unknown[][] {
  rows.forEach((cells, i) => {
    if (cells.some((c) => typeof c === 'string' && c.includes('\u0000'))) {
      const zh = '单元格含有 NUL 字符';
      const en = 'a cell holds a NUL character';
      throw new FuwuError('invalid_input', `第 ${i + 1} 行：${zh}`, `row ${i + 1}: ${en}`, [
        { row: i + 1, field: 'file', zh, en },
      ]);
    }
  });
  return rows;
}

function unreadable(fileName: string, zh: string, en: string): FuwuError {
  return new FuwuError('invalid_input', `${fileName}：${zh}`, `${fileName}: ${en}`, [
    { field: 'file', zh, en },
  ]);
}
