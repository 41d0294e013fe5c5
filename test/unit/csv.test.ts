/**
 * CSV reading (src/domain/shared/csv.ts): RFC 4180 parsing, and decoding UTF-8 or GBK bytes as Excel
 * in China writes them. The round-trip property uses a writer in this file that quotes every field
 * that needs it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from '../../src/domain/shared/csv.ts';
import { FuwuError } from '../../src/domain/shared/errors.ts';

/** A correct CSV writer: quotes a field holding a quote, comma, line break or a leading BOM, and a
 * row's only field when it is empty (else the row would read as an empty line). */
function writeCsv(rows: readonly (readonly string[])[], eol: '\r\n' | '\n', finalEol: boolean): string {
  const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
  const field = (f: string, onlyField: boolean) =>
    /[",\r\n]/.test(f) || f.startsWith('\uFEFF') || (onlyField && f === '') ? quote(f) : f;
  const text = rows.map((r) => r.map((f) => field(f, r.length === 1)).join(',')).join(eol);
  return finalEol ? text + eol : text;
}

function thrown(fn: () => unknown): FuwuError {
  try {
    fn();
  } catch (e) {
    return e as FuwuError;
  }
  throw new Error('expected a throw');
}

describe('parseCsv', () => {
  it('reads plain fields, rows ended by LF or CRLF, with or without a final line break', () => {
    expect(parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv('a,b,c\r\n1,2,3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv('a\n1\r\n2\r3')).toEqual([['a'], ['1'], ['2'], ['3']]);
  });

  it('reads quoted fields: commas, doubled quotes and line breaks inside are data', () => {
    const text = 'name,note\r\n"成都市, 锦江区","他说""好"""\r\n"two\r\nlines","a\nb"\r\n';
    expect(parseCsv(text)).toEqual([
      ['name', 'note'],
      ['成都市, 锦江区', '他说"好"'],
      ['two\r\nlines', 'a\nb'],
    ]);
  });

  it('keeps empty fields and spaces (cells are not trimmed)', () => {
    expect(parseCsv('a,,c\n,,\n" x ", y ')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
      [' x ', ' y '],
    ]);
    expect(parseCsv('""')).toEqual([['']]);
    expect(parseCsv('a,""\n')).toEqual([['a', '']]);
  });

  it('strips a UTF-8 BOM at the start, and only there', () => {
    expect(parseCsv('\uFEFFindicator_code,year\nH01,2021')).toEqual([
      ['indicator_code', 'year'],
      ['H01', '2021'],
    ]);
    expect(parseCsv('a\n"\uFEFFb"')).toEqual([['a'], ['\uFEFFb']]);
  });

  it('ignores empty lines at the end, keeps them in the middle (row numbers stay right)', () => {
    expect(parseCsv('a\n1\n\n\r\n\n')).toEqual([['a'], ['1']]);
    expect(parseCsv('a\n\n1\n')).toEqual([['a'], [''], ['1']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\n')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('keeps a row of empty cells at the end (it is not an empty line)', () => {
    expect(parseCsv('a,b\n,\n')).toEqual([
      ['a', 'b'],
      ['', ''],
    ]);
  });

  it('treats a quote inside an unquoted field as a character, and text after a closing quote as data', () => {
    expect(parseCsv('5"7,b')).toEqual([['5"7', 'b']]);
    expect(parseCsv('"ab"c,d')).toEqual([['abc', 'd']]);
  });

  it('throws invalid_input naming the row of an unterminated quote', () => {
    const e = thrown(() => parseCsv('a,b\n1,2\n3,"never closed\n4,5\n'));
    expect(e).toBeInstanceOf(FuwuError);
    expect(e.code).toBe('invalid_input');
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]?.row).toBe(3);
    expect(e.zh).toContain('第 3 行');
    expect(e.message).toContain('row 3');
    // The row is the record number: a quoted line break earlier does not shift it.
    const e2 = thrown(() => parseCsv('h\n"x\ny"\n"open'));
    expect(e2.problems[0]?.row).toBe(3);
    expect(e2.message).toContain('line 4');
  });

  it('property: parses back any table of strings written by a correct writer', () => {
    const chars = fc.constantFrom(
      'a',
      'Z',
      '0',
      ' ',
      ',',
      '"',
      '\r',
      '\n',
      '\t',
      '指',
      '标',
      '%',
      '\uFEFF',
      '—',
    );
    const cell = fc.string({ unit: chars, maxLength: 8 });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        table,
        fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n'),
        fc.boolean(),
        fc.boolean(),
        (rows, eol, finalEol, bom) => {
          // The last row must not be a single empty field written bare: the writer quotes it.
          const text = (bom ? '\uFEFF' : '') + writeCsv(rows, eol, finalEol);
          expect(parseCsv(text)).toEqual(rows);
        },
      ),
    );
  });

  it('property: any text either parses or fails with invalid_input, never anything else', () => {
    const chars = fc.constantFrom('a', ',', '"', '\r', '\n', ' ');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 30 }), (text) => {
        try {
          const rows = parseCsv(text);
          for (const r of rows) expect(r.length).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(FuwuError);
          expect((e as FuwuError).code).toBe('invalid_input');
          expect((e as FuwuError).problems[0]?.row).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('decodeText', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('decodes UTF-8 without a BOM', () => {
    expect(decodeText(utf8('指标代码,年份\nH01,2021'))).toEqual({
      text: '指标代码,年份\nH01,2021',
      encoding: 'utf-8',
    });
  });

  it('decodes UTF-8 with a BOM, dropping the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('指标,2021')]);
    expect(decodeText(bytes)).toEqual({ text: '指标,2021', encoding: 'utf-8' });
  });

  it('falls back to GBK for bytes that are not UTF-8 ("指标" is D6 B8 B1 EA in GBK)', () => {
    const bytes = new Uint8Array([0xd6, 0xb8, 0xb1, 0xea, 0x2c, 0x32, 0x30, 0x32, 0x31]); // 指标,2021
    expect(decodeText(bytes)).toEqual({ text: '指标,2021', encoding: 'gbk' });
  });

  it('decodes a GBK CSV header as Excel saves it: 指标代码,年份 then a row', () => {
    // 指 D6B8 标 B1EA 代 B4FA 码 C2EB , 年 C4EA 份 B7DD CRLF H01,2021
    const bytes = new Uint8Array([
      0xd6,
      0xb8,
      0xb1,
      0xea,
      0xb4,
      0xfa,
      0xc2,
      0xeb,
      0x2c,
      0xc4,
      0xea,
      0xb7,
      0xdd,
      0x0d,
      0x0a,
      ...utf8('H01,2021'),
    ]);
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('gbk');
    expect(parseCsv(text)).toEqual([
      ['指标代码', '年份'],
      ['H01', '2021'],
    ]);
  });

  it('reads plain ASCII as UTF-8, and empty input as empty text', () => {
    expect(decodeText(utf8('H01,510100,2021,4.9'))).toEqual({
      text: 'H01,510100,2021,4.9',
      encoding: 'utf-8',
    });
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('property: any string survives UTF-8 encoding and decoding', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        fc.pre(!s.startsWith('\uFEFF'));
        expect(decodeText(utf8(s))).toEqual({ text: s, encoding: 'utf-8' });
      }),
    );
  });
});
