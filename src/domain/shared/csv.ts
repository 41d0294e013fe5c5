/**
 * CSV reading for imports: RFC 4180 parsing and text decoding (UTF-8, or GBK as Excel in China saves
 * it). Pure: bytes or text in, cells out; the caller reads the file.
 */
import { FuwuError } from './errors.ts';

const BOM = '\uFEFF';

/**
 * Most cells a row may have. No import has more than a few dozen columns; a line of millions of
 * commas would otherwise become millions of cells.
 */
export const MAX_CELLS_PER_ROW = 1000;

/** Most characters a cell may hold: a name or a source is short; a megabyte-long cell is not data. */
export const MAX_CELL_CHARS = 64 * 1024;

function cellTooLong(row: number): FuwuError {
  const zh = `第 ${row} 行有单元格超过 ${MAX_CELL_CHARS} 个字符（不是表格文件，或引号未闭合？）`;
  const en = `row ${row} has a cell over ${MAX_CELL_CHARS} characters (not a table, or a quote never closed?)`;
  return new FuwuError('invalid_input', zh, en, [{ row, field: 'file', zh, en }]);
}

function tooManyCells(row: number): FuwuError {
  const zh = `第 ${row} 行超过 ${MAX_CELLS_PER_ROW} 个单元格（分隔符错误或不是表格文件？）`;
  const en = `row ${row} has more than ${MAX_CELLS_PER_ROW} cells (wrong delimiter, or not a table?)`;
  return new FuwuError('invalid_input', zh, en, [{ row, field: 'file', zh, en }]);
}

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
      const startAt = i;
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
        if (field.length > MAX_CELL_CHARS) throw cellTooLong(startRow);
      }
      if (!closed) {
        // Counted only here: counting at every quoted field made a file of many quoted fields quadratic.
        const startLine = lineNumberAt(src, startAt);
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
      if (row.length + 1 >= MAX_CELLS_PER_ROW) throw tooManyCells(rows.length + 1);
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
    if (field.length > MAX_CELL_CHARS) throw cellTooLong(rows.length + 1);
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
 *
 * Refused, naming the line, rather than read as mojibake: NUL bytes (a binary or UTF-16 file), bytes
 * that are neither UTF-8 nor GBK, a BOM-marked UTF-8 file with non-UTF-8 lines, and a file mixing
 * UTF-8 and GBK lines. A GBK line is almost never valid UTF-8 holding a Chinese character (none of
 * 31,000 pieces of the plan text encoded in GBK was), so such a line in a GBK file means mixing.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw encodingError(
      lineOfByte(bytes, nul),
      '文件含有 NUL 字节：不是文本文件（或为 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV）',
      'the file contains NUL bytes: not a text file (or UTF-16; save it as CSV in UTF-8 or GBK)',
    );
  }
  try {
    // `fatal` makes invalid UTF-8 throw instead of turning into U+FFFD; the BOM is dropped.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    // Not UTF-8: GBK, unless a line says otherwise (below).
  }
  try {
    // Valid up to an unfinished character at the very end: the file was cut off.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    throw encodingError(
      lineOfByte(bytes, bytes.length),
      '文件在一个 UTF-8 字符中间结束（文件被截断？）',
      'the file ends in the middle of a UTF-8 character (truncated?)',
    );
  } catch (e) {
    if (e instanceof FuwuError) throw e;
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const gbk = new TextDecoder('gbk', { fatal: true });
  let utf8Line = 0;
  let gbkLine = 0;
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const piece = bytes.subarray(start, end);
    start = end + 1;
    if (piece.every((b) => b < 0x80)) continue;
    let asUtf8: string | null = null;
    try {
      asUtf8 = utf8.decode(piece);
    } catch {
      // Not UTF-8; tried as GBK below.
    }
    if (asUtf8 !== null && /[\u4e00-\u9fff]/.test(asUtf8)) {
      utf8Line ||= line;
      continue;
    }
    if (asUtf8 !== null) continue;
    if (hasBom) {
      throw encodingError(
        line,
        `文件以 UTF-8 BOM 开头，但第 ${line} 行不是 UTF-8 编码`,
        `the file starts with a UTF-8 BOM but line ${line} is not UTF-8`,
      );
    }
    try {
      gbk.decode(piece);
    } catch {
      throw encodingError(
        line,
        `第 ${line} 行既不是 UTF-8 也不是 GBK 编码`,
        `line ${line} is neither UTF-8 nor GBK text`,
      );
    }
    gbkLine ||= line;
  }
  if (utf8Line > 0 && gbkLine > 0) {
    throw encodingError(
      gbkLine,
      `文件混用了编码：第 ${utf8Line} 行为 UTF-8，第 ${gbkLine} 行为 GBK；请统一另存为 UTF-8`,
      `the file mixes encodings: line ${utf8Line} is UTF-8, line ${gbkLine} is GBK; save it all as UTF-8`,
    );
  }
  try {
    return { text: gbk.decode(bytes), encoding: 'gbk' };
  } catch {
    throw encodingError(1, '文件既不是 UTF-8 也不是 GBK 编码', 'the file is neither UTF-8 nor GBK text');
  }
}

function lineOfByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < at; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

function encodingError(line: number, zh: string, en: string): FuwuError {
  return new FuwuError('invalid_input', `无法读取文件：${zh}`, `cannot read the file: ${en}`, [
    { row: line, field: 'file', zh, en },
  ]);
}
