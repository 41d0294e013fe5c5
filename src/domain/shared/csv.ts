/**
 * CSV reading for imports: RFC 4180 parsing and text decoding (UTF-8, or GBK as Excel in China saves
 * it). Pure: bytes or text in, cells out; the caller reads the file.
 */
import { FuwuError } from './errors.ts';

const BOM = '\uFEFF';

/**
 * Parse CSV text into rows of cells (RFC 4180).
 *
 * Fields may be quoted; inside quotes a doubled quote is one quote, and commas and line breaks are
 * data. Records end at CRLF, LF or a lone CR. A leading UTF-8 BOM is dropped, and so are empty lines
 * at the end of the file (an empty line elsewhere stays, as a row with one empty cell, so that row
 * numbers keep matching the lines a user sees). Cells are not trimmed. A quote that is never closed
 * throws `invalid_input` naming the row (1-based record number) where the quoted field began.
 * A quote inside an unquoted field is kept as a character; text after a closing quote is appended
 * (`"ab"c` reads `abc`), as spreadsheet programs do.
 */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  /** Per row: whether it came from a line with no character at all (dropped at the end of the file). */
  const emptyLine: boolean[] = [];
  let row: string[] = [];
  let field = '';
  let atFieldStart = true;
  let recordHasText = false;
  let i = 0;
  const n = src.length;

  const endRecord = () => {
    row.push(field);
    rows.push(row);
    emptyLine.push(!recordHasText);
    row = [];
    field = '';
    atFieldStart = true;
    recordHasText = false;
  };

  while (i < n) {
    const c = src[i] as string;
    if (c === '"' && atFieldStart) {
      // A quoted field: read to the closing quote; a doubled quote inside is one quote.
      const startRow = rows.length + 1;
      const startLine = lineNumberAt(src, i);
      atFieldStart = false;
      recordHasText = true;
      i++;
      let closed = false;
      while (i < n) {
        const q = src[i] as string;
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        field += q;
        i++;
      }
      if (!closed) {
        throw new FuwuError(
          'invalid_input',
          `CSV 第 ${startRow} 行（文件第 ${startLine} 行）的引号未闭合：应以 " 结束带引号的字段，但文件已结束`,
          `CSV row ${startRow} (line ${startLine}): a quoted field is never closed; expected a closing " but the file ended`,
          [
            {
              row: startRow,
              field: 'file',
              zh: `引号未闭合（自文件第 ${startLine} 行起）：应以 " 结束该字段，但文件已结束`,
              en: `unterminated quote (from line ${startLine}): expected a closing " but the file ended`,
            },
          ],
        );
      }
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      atFieldStart = true;
      recordHasText = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    atFieldStart = false;
    recordHasText = true;
    i++;
  }
  // The last record, unless the text ended with a line break (or is empty).
  if (recordHasText) endRecord();

  while (rows.length > 0 && emptyLine[rows.length - 1]) {
    rows.pop();
    emptyLine.pop();
  }
  return rows;
}

/** The 1-based physical line of position `i` (CRLF, LF or a lone CR each end a line). */
function lineNumberAt(src: string, i: number): number {
  let line = 1;
  for (let k = 0; k < i; k++) {
    const c = src[k];
    if (c === '\n') line++;
    else if (c === '\r' && src[k + 1] !== '\n') line++;
  }
  return line;
}

/**
 * Decode file bytes as text: UTF-8 (with or without a BOM) when the bytes are valid UTF-8, else GBK,
 * which is what Excel on a Chinese-language Windows writes for "CSV". The BOM is not part of the text.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
  try {
    // `fatal` makes invalid UTF-8 throw instead of turning into U+FFFD; the BOM is dropped.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}
